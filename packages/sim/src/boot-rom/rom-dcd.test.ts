import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../bus/memory-bus.js';
import { RamDevice } from '../bus/ram-device.js';
import { VirtualClock } from '../time/virtual-clock.js';
import { checkDcdHeader, DCD_CHECK_POLL_LIMIT, runDcd } from './rom-dcd.js';

// DCD layout (research/imxrt.md §4.2): header D2 <len BE> 41; Write Data CC <len> <param>
// {addr, value} BE pairs, param 0x04 write / 0x0C clear / 0x1C set; Check Data CF, param 0x04
// all clear / 0x14 all set / 0x0C any clear / 0x1C any set; NOP C0 00 04 00.

const RAM = 0x2000_0000;

function rig(): { bus: MemoryBus; ram: RamDevice; clock: VirtualClock } {
  const bus = new MemoryBus();
  const ram = new RamDevice('DTCM', RAM, 0x100);
  bus.map(ram);
  return { bus, ram, clock: new VirtualClock() };
}

const be32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

/** A DCD from commands (each a byte list starting with its tag), with the header filled in. */
function dcd(...commands: number[][]): Uint8Array {
  const body = commands.flat();
  const length = 4 + body.length;
  return Uint8Array.from([0xd2, length >> 8, length & 0xff, 0x41, ...body]);
}
const write = (param: number, ...pairs: [number, number][]): number[] => {
  const length = 4 + 8 * pairs.length;
  return [0xcc, length >> 8, length & 0xff, param, ...pairs.flatMap(([a, v]) => [...be32(a), ...be32(v)])];
};
const check = (param: number, address: number, mask: number, count?: number): number[] => {
  const length = count === undefined ? 12 : 16;
  return [0xcf, 0, length, param, ...be32(address), ...be32(mask), ...(count === undefined ? [] : be32(count))];
};
const NOP = [0xc0, 0x00, 0x04, 0x00];

describe('checkDcdHeader', () => {
  it('accepts D2 <len> 41 and 40, refuses other tags, versions and lengths', () => {
    expect(checkDcdHeader(Uint8Array.of(0xd2, 0x00, 0x10, 0x41))).toEqual({ ok: true, length: 16, version: 0x41 });
    expect(checkDcdHeader(Uint8Array.of(0xd2, 0x00, 0x10, 0x40))).toMatchObject({ ok: true, version: 0x40 });
    expect(checkDcdHeader(Uint8Array.of(0xff, 0xff, 0xff, 0xff))).toEqual({ ok: false, reason: 'no DCD tag (read FF FF FF FF; expected D2 <length> 41)' });
    expect(checkDcdHeader(Uint8Array.of(0xd2, 0x07, 0x00, 0x41))).toEqual({ ok: false, reason: 'DCD length 1792 is outside 4…1768 bytes (header D2 07 00 41)' });
  });
});

describe('runDcd', () => {
  it('writes 32/16/8-bit values big-endian, clears and sets bits', () => {
    const { bus, clock } = rig();
    const r = runDcd(
      dcd(write(0x04, [RAM, 0x1122_3344], [RAM + 4, 0xffff_ffff]), write(0x02, [RAM + 8, 0xabcd]), write(0x01, [RAM + 10, 0x5a]), write(0x0c, [RAM + 4, 0x0000_00f0]), write(0x1c, [RAM, 0x8000_0000]), NOP),
      0x6000_1040, bus, clock,
    );
    expect(r).toEqual({ ok: true, commands: 6, notes: [] });
    expect(bus.read32(RAM)).toBe(0x9122_3344);
    expect(bus.read32(RAM + 4)).toBe(0xffff_ff0f);
    expect(bus.read16(RAM + 8)).toBe(0xabcd);
    expect(bus.read8(RAM + 10)).toBe(0x5a);
    expect(clock.now()).toBeGreaterThan(0);
  });

  it('Check Data: the four conditions, and a failure after the poll limit', () => {
    const { bus, clock } = rig();
    bus.write32(RAM, 0x0000_0005);
    const at = 0x6000_1040;
    expect(runDcd(dcd(check(0x04, RAM, 0x0a)), at, bus, clock)).toMatchObject({ ok: true }); // all clear
    expect(runDcd(dcd(check(0x14, RAM, 0x05)), at, bus, clock)).toMatchObject({ ok: true }); // all set
    expect(runDcd(dcd(check(0x0c, RAM, 0x03)), at, bus, clock)).toMatchObject({ ok: true }); // any clear
    expect(runDcd(dcd(check(0x1c, RAM, 0x06)), at, bus, clock)).toMatchObject({ ok: true }); // any set
    expect(runDcd(dcd(check(0x14, RAM, 0x07)), at, bus, clock)).toEqual({
      ok: false,
      reason: `DCD at 0x60001040, command 1 (offset 0x4): Check Data "all set" of mask 0x7 at 0x20000000 did not hold after ${DCD_CHECK_POLL_LIMIT} polls (read 0x5)`,
    });
    expect(runDcd(dcd(check(0x14, RAM, 0x07, 3)), at, bus, clock)).toMatchObject({ ok: false, reason: expect.stringContaining('after 3 polls') });
  });

  it('parses the whole DCD before running: a bad second command leaves the first unrun', () => {
    const { bus, clock } = rig();
    const r = runDcd(dcd(write(0x04, [RAM, 1]), [0xca, 0x00, 0x04, 0x00]), 0x6000_1040, bus, clock);
    expect(r).toEqual({ ok: false, reason: 'DCD at 0x60001040: command tag 0xCA at offset 0x10 is not a DCD command (Write 0xCC, Check 0xCF, NOP 0xC0, Unlock 0xB2)' });
    expect(bus.read32(RAM)).toBe(0);
  });

  it('refuses bad widths, reserved param bits and lengths', () => {
    const { bus, clock } = rig();
    expect(runDcd(dcd(write(0x03, [RAM, 1])), 0, bus, clock)).toMatchObject({ reason: expect.stringContaining('width 3 is not 1, 2 or 4 (param 0x3)') });
    expect(runDcd(dcd(write(0x24, [RAM, 1])), 0, bus, clock)).toMatchObject({ reason: expect.stringContaining('param 0x24 uses bits 5–7') });
    expect(runDcd(dcd([0xcc, 0x00, 0x08, 0x04, 0, 0, 0, 0]), 0, bus, clock)).toMatchObject({ reason: expect.stringContaining('length 8 is not 4 + 8·n') });
    expect(runDcd(dcd([0xcc, 0x00, 0x40, 0x04]), 0, bus, clock)).toMatchObject({ reason: expect.stringContaining('has length 64, which does not fit') });
  });

  it('reports a bus fault with its address', () => {
    const { bus, clock } = rig();
    expect(runDcd(dcd(write(0x04, [0x1000_0000, 1])), 0x6000_1040, bus, clock)).toEqual({
      ok: false,
      reason: 'DCD at 0x60001040, command 1 (offset 0x4): bus fault, write at 0x10000000 (unmapped)',
    });
  });
});
