import type { Chip } from '@imxflash/core';
import { MemoryBus } from './memory-bus.js';
import { RamDevice } from './ram-device.js';
import { RomDevice } from './rom-device.js';

/** Offset in the synthetic ROM image where its marker text sits. */
export const SYNTHETIC_ROM_MARKER_OFFSET = 0x400;
/** The marker text of the synthetic ROM image (the sim has no NXP ROM code). */
export const SYNTHETIC_ROM_MARKER = 'imxflash-sim boot ROM: synthetic content, no NXP code';

export interface BoardMemoryOptions {
  /**
   * SEMC SDRAM bytes to map (what a DCD would have initialised on the board). Absent or 0: no
   * SDRAM, so an access faults 'unmapped' like an uninitialised SEMC. Clamped to the chip's window.
   */
  sdramBytes?: number;
  /** ROM content; default {@link syntheticRomContent}. */
  romContent?: Uint8Array;
}

export interface BoardMemory {
  readonly bus: MemoryBus;
  /** RAM regions by the chip database's name (`ITCM`, `DTCM`, `OCRAM`, `SDRAM`, …). */
  readonly ram: ReadonlyMap<string, RamDevice>;
  readonly rom: RomDevice | undefined;
}

/**
 * The chip's memories on a fresh MemoryBus (research/imxrt.md §4.1, through the chip database):
 * - RAM regions (ITCM/DTCM/OCRAM/…) at their fuse-default FlexRAM size (`defaultEnabledBytes`):
 *   an access above it faults 'unmapped', as an unassigned FlexRAM bank does on the hardware.
 * - Regions that need a DCD/XMCD (SDRAM) only when `options.sdramBytes` says so.
 * - The ROM, read-only, with synthetic content (writes fault 'read-only').
 * - FlexSPI windows are not mapped here: the FlexSPI controller maps its AHB window itself.
 * Peripherals (CCM, IOMUXC, SRC, OCOTP, FlexSPI registers) are added by `mapBoardPeripherals`.
 */
export function buildBoardMemoryMap(chip: Chip, options: BoardMemoryOptions = {}): BoardMemory {
  const bus = new MemoryBus();
  const ram = new Map<string, RamDevice>();
  let rom: RomDevice | undefined;
  for (const region of chip.memory) {
    if (region.kind === 'flash') continue;
    if (region.kind === 'rom') {
      rom = new RomDevice(region.name, region.start, region.sizeBytes, options.romContent ?? syntheticRomContent());
      bus.map(rom);
      continue;
    }
    let size = region.defaultEnabledBytes;
    if (region.needsInit !== undefined) {
      size = Math.min(options.sdramBytes ?? 0, region.sizeBytes);
      if (size <= 0) continue;
    }
    const device = new RamDevice(region.name, region.start, size);
    bus.map(device);
    ram.set(region.name, device);
  }
  return { bus, ram, rom };
}

/**
 * Synthetic ROM content: zeros with an ASCII marker at {@link SYNTHETIC_ROM_MARKER_OFFSET}, so a
 * read of the ROM returns recognisable, non-blank bytes. The ROM-API tree pointer word
 * (0x0020001C on RT10xx, research/imxrt.md §4.2) is left 0: the sim offers no ROM API.
 */
export function syntheticRomContent(): Uint8Array {
  const text = new TextEncoder().encode(SYNTHETIC_ROM_MARKER);
  const out = new Uint8Array(SYNTHETIC_ROM_MARKER_OFFSET + text.length);
  out.set(text, SYNTHETIC_ROM_MARKER_OFFSET);
  return out;
}
