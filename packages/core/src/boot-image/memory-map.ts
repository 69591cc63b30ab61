import type { AddressRange, Chip, FlexspiInstance, MemoryRegion } from '../db/chip.js';

/** The chip's region holding `address`, if any. */
export function regionAt(chip: Chip, address: number): MemoryRegion | undefined {
  return chip.memory.find((r) => address >= r.start && address < r.start + r.sizeBytes);
}

/** The FlexSPI instance the ROM boots from. */
export function bootFlexspi(chip: Chip): FlexspiInstance {
  const f = chip.flexspi[chip.bootFlexspi];
  if (!f) throw new Error(`chip ${chip.id}: bootFlexspi ${chip.bootFlexspi} has no FlexSPI entry`);
  return f;
}

/** Start of the boot flash's AHB window (0x60000000 on RT10xx, 0x30000000 on RT117x). */
export function bootFlashBase(chip: Chip): number {
  return bootFlexspi(chip).ahbWindow.start;
}

/** True when [start, end) and `range` share a byte. */
export function overlaps(start: number, end: number, range: AddressRange): boolean {
  return start < range.end && range.start < end;
}

export function isRam(region: MemoryRegion | undefined): region is MemoryRegion {
  return region?.kind === 'ram';
}
