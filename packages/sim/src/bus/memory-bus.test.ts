import { describe, expect, it } from 'vitest';
import { BusFault, type BusDevice } from './bus.js';
import { MemoryBus } from './memory-bus.js';
import { RamDevice } from './ram-device.js';
import { RomDevice } from './rom-device.js';

/** A 16-byte peripheral with 32-bit registers that records its accesses. */
class Registers implements BusDevice {
  readonly name = 'REGS';
  readonly size = 16;
  readonly words = new Uint32Array(4);
  gated = false;
  constructor(readonly base: number) {}
  read32(offset: number): number {
    return this.words[offset >>> 2] as number;
  }
  write32(offset: number, value: number): void {
    this.words[offset >>> 2] = value;
  }
  checkAccess(offset: number, access: 'read' | 'write'): void {
    if (this.gated) throw new BusFault(this.base + offset, access, 'clock-gated');
  }
}

function board(): { bus: MemoryBus; ram: RamDevice; regs: Registers } {
  const bus = new MemoryBus();
  const ram = new RamDevice('OCRAM', 0x2020_0000, 0x100);
  const regs = new Registers(0x4000_0000);
  bus.map(ram);
  bus.map(regs);
  return { bus, ram, regs };
}

describe('MemoryBus', () => {
  it('is little-endian for 8/16/32-bit access', () => {
    const { bus, ram } = board();
    bus.write32(0x2020_0000, 0x11223344);
    expect(Array.from(ram.peek(0x2020_0000, 4))).toEqual([0x44, 0x33, 0x22, 0x11]);
    expect(bus.read16(0x2020_0002)).toBe(0x1122);
    expect(bus.read8(0x2020_0001)).toBe(0x33);
    bus.write16(0x2020_0004, 0xbeef);
    bus.write8(0x2020_0006, 0x7f);
    expect(bus.read32(0x2020_0004)).toBe(0x007fbeef);
  });

  it('faults unmapped addresses, including the first byte past a region', () => {
    const { bus } = board();
    expect(() => bus.read32(0x1000_0000)).toThrow(expect.objectContaining({ name: 'BusFault', reason: 'unmapped', access: 'read' }));
    expect(() => bus.write8(0x2020_0100, 0)).toThrow(expect.objectContaining({ reason: 'unmapped', address: 0x2020_0100 }));
    expect(() => bus.read32(0x2020_00fe)).toThrow(expect.objectContaining({ reason: 'unmapped', address: 0x2020_0100 }));
    expect(() => bus.readBlock(0x2020_00f0, 0x20)).toThrow(expect.objectContaining({ reason: 'unmapped', address: 0x2020_0100 }));
  });

  it('allows unaligned access to RAM but faults it on peripherals (Cortex-M7)', () => {
    const { bus, regs } = board();
    bus.write32(0x2020_0001, 0xa1b2c3d4);
    expect(bus.read32(0x2020_0001)).toBe(0xa1b2c3d4);
    expect(bus.read16(0x2020_0003)).toBe(0xa1b2);
    expect(() => bus.read32(0x4000_0002)).toThrow(expect.objectContaining({ reason: 'alignment' }));
    expect(() => bus.write16(0x4000_0001, 1)).toThrow(expect.objectContaining({ reason: 'alignment' }));
    regs.words[1] = 0x11223344;
    expect(bus.read16(0x4000_0006)).toBe(0x1122);
    expect(bus.read8(0x4000_0005)).toBe(0x33);
  });

  it('turns narrow peripheral writes into 32-bit read-modify-write', () => {
    const { bus, regs } = board();
    regs.words[2] = 0x11223344;
    bus.write8(0x4000_0009, 0xaa);
    expect(regs.words[2]).toBe(0x1122aa44);
    bus.write16(0x4000_000a, 0xbbcc);
    expect(regs.words[2]).toBe(0xbbccaa44);
  });

  it('calls the device checkAccess hook before every access', () => {
    const { bus, regs } = board();
    regs.gated = true;
    expect(() => bus.write32(0x4000_0004, 1)).toThrow(expect.objectContaining({ reason: 'clock-gated', access: 'write' }));
    expect(() => bus.readBlock(0x4000_0000, 8)).toThrow(expect.objectContaining({ reason: 'clock-gated' }));
    expect(regs.words[1]).toBe(0);
  });

  it('block access spans devices; RAM blocks are copies', () => {
    const bus = new MemoryBus();
    const a = new RamDevice('A', 0x1000, 0x10);
    const b = new RamDevice('B', 0x1010, 0x10);
    bus.map(a);
    bus.map(b);
    const data = Uint8Array.from({ length: 0x18 }, (_, i) => i + 1);
    bus.writeBlock(0x1004, data);
    const back = bus.readBlock(0x1004, 0x18);
    expect(back).toEqual(data);
    back[0] = 0xee;
    expect(bus.read8(0x1004)).toBe(1);
    expect(b.peek(0x1010, 2)).toEqual(Uint8Array.of(0x0d, 0x0e));
  });

  it('reads and writes peripheral blocks as words', () => {
    const { bus, regs } = board();
    bus.writeBlock(0x4000_0000, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    expect(Array.from(regs.words.subarray(0, 2))).toEqual([0x04030201, 0x08070605]);
    expect(bus.readBlock(0x4000_0002, 4)).toEqual(Uint8Array.of(3, 4, 5, 6));
  });

  it('rejects overlapping devices', () => {
    const { bus } = board();
    expect(() => bus.map(new RamDevice('X', 0x2020_00f0, 0x100))).toThrow(RangeError);
  });

  it('ROM reads its content and faults writes read-only', () => {
    const bus = new MemoryBus();
    bus.map(new RomDevice('ROM', 0x0020_0000, 0x100, Uint8Array.of(0xde, 0xad)));
    expect(bus.read16(0x0020_0000)).toBe(0xadde);
    expect(bus.read8(0x0020_00ff)).toBe(0);
    expect(() => bus.write32(0x0020_0000, 0)).toThrow(expect.objectContaining({ reason: 'read-only', address: 0x0020_0000 }));
    expect(() => bus.writeBlock(0x0020_0010, Uint8Array.of(1))).toThrow(expect.objectContaining({ reason: 'read-only' }));
  });
});
