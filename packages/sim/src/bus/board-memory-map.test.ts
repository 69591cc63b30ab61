import { CHIPS, findChip } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../time/virtual-clock.js';
import { buildBoardMemoryMap, SYNTHETIC_ROM_MARKER, SYNTHETIC_ROM_MARKER_OFFSET } from './board-memory-map.js';
import { mapBoardPeripherals } from './board-peripherals.js';

describe('buildBoardMemoryMap (research/imxrt.md §4.1 via the chip database)', () => {
  it('maps RT1050 ITCM/DTCM/OCRAM at their fuse-default sizes; above them the bus faults', () => {
    const { bus, ram } = buildBoardMemoryMap(findChip('rt1052'));
    expect([...ram.keys()]).toEqual(['ITCM', 'DTCM', 'OCRAM']);
    bus.write32(0x0001_fffc, 1);
    bus.write32(0x2001_fffc, 2);
    bus.write32(0x2023_fffc, 3);
    expect(bus.read32(0x2023_fffc)).toBe(3);
    expect(() => bus.read32(0x0002_0000)).toThrow(expect.objectContaining({ reason: 'unmapped' }));
    expect(() => bus.read32(0x2002_0000)).toThrow(expect.objectContaining({ reason: 'unmapped' }));
    expect(() => bus.write32(0x2024_0000, 0)).toThrow(expect.objectContaining({ reason: 'unmapped' }));
  });

  it('maps SDRAM only when asked', () => {
    const chip = findChip('rt1052');
    expect(() => buildBoardMemoryMap(chip).bus.read32(0x8000_0000)).toThrow(expect.objectContaining({ reason: 'unmapped' }));
    const { bus, ram } = buildBoardMemoryMap(chip, { sdramBytes: 32 << 20 });
    bus.write32(0x81ff_fffc, 0xcafe);
    expect(bus.read32(0x81ff_fffc)).toBe(0xcafe);
    expect(ram.get('SDRAM')?.size).toBe(32 << 20);
    expect(() => bus.read8(0x8200_0000)).toThrow(expect.objectContaining({ reason: 'unmapped' }));
  });

  it('maps a read-only ROM with synthetic content', () => {
    const { bus } = buildBoardMemoryMap(findChip('rt1052'));
    const text = new TextDecoder().decode(bus.readBlock(0x0020_0000 + SYNTHETIC_ROM_MARKER_OFFSET, SYNTHETIC_ROM_MARKER.length));
    expect(text).toBe(SYNTHETIC_ROM_MARKER);
    expect(() => bus.write8(0x0020_0000, 1)).toThrow(expect.objectContaining({ reason: 'read-only' }));
  });

  it('builds every chip in the database, with its peripherals, without overlaps', () => {
    for (const chip of CHIPS) {
      const { bus } = buildBoardMemoryMap(chip, { sdramBytes: 1 << 20 });
      const p = mapBoardPeripherals(bus, chip, { clock: new VirtualClock() });
      expect(p.flexspi).toHaveLength(chip.flexspi.length);
      expect(bus.read32(chip.registers.srcSbmr2) >>> 24).toBe(2);
      expect(bus.read32(p.bootFlexspi.base + 0x18)).toBe(0x5af05af0);
    }
  });
});
