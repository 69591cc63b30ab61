import { findChip } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../bus/memory-bus.js';
import { encodeSbmr2, Src } from './src.js';

describe('Src (research/imxrt.md §4.2)', () => {
  it('reports the boot config in SBMR1/SBMR2, read-only from the bus', () => {
    const chip = findChip('rt1052');
    const src = new Src(chip, { sbmr1: 0x0000_0100, bootMode: 1, secConfig: 1, btFuseSel: true });
    const bus = new MemoryBus();
    bus.map(src);
    expect(src.base).toBe(0x400f_8000);
    expect(bus.read32(0x400f_8004)).toBe(0x100);
    expect(bus.read32(0x400f_801c)).toBe(0x0100_0011);
    bus.write32(0x400f_801c, 0);
    bus.write32(0x400f_8004, 0);
    expect(bus.read32(0x400f_801c)).toBe(0x0100_0011);
    expect(bus.read32(0x400f_8004)).toBe(0x100);
    expect(src.bootMode).toBe(1);
    bus.write32(0x400f_8020, 0x1234); // SRC_GPR1: plain
    expect(bus.read32(0x400f_8020)).toBe(0x1234);
  });

  it('defaults to internal boot (BMOD=2) on an open part (SEC_CONFIG=1)', () => {
    expect(encodeSbmr2({})).toBe(0x0200_0001);
  });

  it('finds the RT1170 SRC block from its SBMR1 address', () => {
    const src = new Src(findChip('rt1176'), { sbmr1: 0xabcd });
    expect(src.base).toBe(0x40c0_4000);
    expect(src.sbmr1).toBe(0xabcd);
  });
});
