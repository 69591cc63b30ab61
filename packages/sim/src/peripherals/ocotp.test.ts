import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../bus/memory-bus.js';
import { Ocotp } from './ocotp.js';

describe('Ocotp (research/imxrt.md §4.2)', () => {
  it('serves fuse shadows from the fuse map, read-only; unburnt words read 0', () => {
    const ocotp = new Ocotp(0x401f_4000, { 0x450: 0x0000_0002, 0x6d0: 0x40 });
    const bus = new MemoryBus();
    bus.map(ocotp);
    expect(bus.read32(0x401f_4450)).toBe(2);
    expect(bus.read32(0x401f_46d0)).toBe(0x40);
    expect(bus.read32(0x401f_4460)).toBe(0);
    bus.write32(0x401f_4450, 0xffff_ffff);
    expect(bus.read32(0x401f_4450)).toBe(2);
    expect(ocotp.fuse(0x450)).toBe(2);
  });

  it('rejects fuse keys that are not shadow offsets', () => {
    expect(() => new Ocotp(0x401f_4000, { 0x454: 1 })).toThrow(RangeError);
    expect(() => new Ocotp(0x401f_4000, { 0x10: 1 })).toThrow(RangeError);
  });
});
