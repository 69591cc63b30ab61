import { FLASH_PARTS, findFlashPart, type FlashPart } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../time/virtual-clock.js';
import { buildSfdpTable } from './sfdp-table.js';
import { SpiNorModel } from './spi-nor-model.js';
import { SpiHost } from './testing/spi-host.js';

const SPI_PARTS = FLASH_PARTS.filter((p) => p.interface === 'spi-nor');
const WIP = 0x01;
const WEL = 0x02;

function board(part: FlashPart, options: { qeSet?: boolean; initial?: Uint8Array } = {}) {
  const clock = new VirtualClock();
  const nor = new SpiNorModel(part, clock, options);
  const host = new SpiHost(nor);
  const ops = part.opcodes!;
  const a = part.addressBytes;
  const waitReady = (): void => clock.advanceTo(nor.busyUntil);
  return {
    clock, nor, host, waitReady,
    program(address: number, data: Uint8Array): void {
      host.program(address, data, { opcode: ops.pageProgram, addressBytes: a });
      waitReady();
    },
    read(address: number, count: number): Uint8Array {
      return host.read(address, count, { opcode: ops.read, addressBytes: a });
    },
    erase(opcode: number, address: number): void {
      host.erase(opcode, address, a);
      waitReady();
    },
    quadRead(address: number, count: number, lut: 'dummy' | 'mode-then-dummy' = 'dummy'): Uint8Array {
      const q = part.quadRead!;
      return host.transfer({
        opcode: q.opcode, address, addressBytes: a, addressPads: q.pads === '1-4-4' ? 4 : 1, dataPads: 4, read: count,
        ...(lut === 'dummy' ? { dummyCycles: q.modeClocks + q.dummyClocks } : { mode: 0xff, dummyCycles: q.dummyClocks }),
      });
    },
    setQuadEnable(): void {
      const qe = part.quadEnable!;
      if (qe.register === 'sr1') host.writeStatus(0x01, [1 << qe.bit]);
      else if (qe.write === 'wrsr2-0x31') host.writeStatus(0x31, [1 << qe.bit]);
      else if (qe.write === 'wrsr-2-bytes') host.writeStatus(0x01, [0, 1 << qe.bit]);
      else host.writeStatus(0x3e, [1 << qe.bit]);
      waitReady();
    },
  };
}

const pattern = (n: number, seed = 1): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 37 + seed * 11 + 5) & 0xff);

describe.each(SPI_PARTS.map((p) => [p.id, p] as const))('SpiNorModel %s', (_id, part) => {
  const ops = part.opcodes!;
  const page = part.pageBytes;

  it('answers 0x9F with the JEDEC ID, repeating it after byte 3', () => {
    const { host } = board(part);
    expect([...host.jedecId(4)]).toEqual([...part.jedecId!, part.jedecId![0]]);
  });

  it('answers 0x5A (3-byte address, 8 dummy clocks) with its SFDP table', () => {
    const { host } = board(part);
    const table = buildSfdpTable(part);
    const got = host.transfer({ opcode: 0x5a, address: 0, dummyCycles: 8, read: table.length + 4 });
    expect([...got.subarray(0, 4)]).toEqual([0x53, 0x46, 0x44, 0x50]); // 'SFDP'
    expect(got.subarray(0, table.length)).toEqual(table);
    expect([...got.subarray(table.length)]).toEqual([0xff, 0xff, 0xff, 0xff]);
    const tail = host.transfer({ opcode: 0x5a, address: 0x30, dummyCycles: 8, read: 8 });
    expect(tail).toEqual(table.subarray(0x30, 0x38));
  });

  it('programs by ANDing into the array and reads back with 0x03 and 0x0B', () => {
    const b = board(part);
    const at = 0x1234;
    b.program(at, Uint8Array.of(0xf0, 0x0f, 0xaa));
    b.program(at, Uint8Array.of(0x3c, 0xff, 0x55));
    expect(b.nor.array.read(at - 1, 5)).toEqual(Uint8Array.of(0xff, 0x30, 0x0f, 0x00, 0xff));
    expect(b.read(at, 3)).toEqual(Uint8Array.of(0x30, 0x0f, 0x00));
    const fast = b.host.transfer({ opcode: ops.fastRead, address: at, addressBytes: part.addressBytes, dummyCycles: 8, read: 3 });
    expect(fast).toEqual(Uint8Array.of(0x30, 0x0f, 0x00));
  });

  it('wraps a page program inside its page; only the last page-length bytes count', () => {
    const b = board(part);
    const base = 5 * page;
    b.program(base + page - 6, pattern(10));
    expect(b.nor.array.read(base + page - 6, 6)).toEqual(pattern(10).subarray(0, 6));
    expect(b.nor.array.read(base, 4)).toEqual(pattern(10).subarray(6, 10));
    expect(b.nor.array.read(base + page, 4)).toEqual(new Uint8Array(4).fill(0xff)); // next page untouched
    b.erase(part.eraseUnits[0]!.opcode, base);
    const long = pattern(page + 44, 2);
    b.program(base, long);
    const expected = long.slice(0, page);
    expected.set(long.subarray(page), 0); // bytes 256..299 overwrote 0..43 in the page latch
    expect(b.nor.array.read(base, page)).toEqual(expected);
  });

  it.each(part.eraseUnits.map((u) => [u.bytes, u] as const))('erases %i-byte units (address aligned down)', (_bytes, unit) => {
    const b = board(part);
    b.nor.array.load(0, new Uint8Array(3 * unit.bytes)); // all 0x00
    const t0 = b.clock.now();
    b.erase(unit.opcode, unit.bytes + 123);
    expect(b.clock.now() - t0).toBeCloseTo(part.timing.eraseMs[unit.bytes]!.typ, 9);
    expect(b.nor.array.read(unit.bytes - 1, 1)[0]).toBe(0x00);
    expect(b.nor.array.read(unit.bytes, unit.bytes).every((x) => x === 0xff)).toBe(true);
    expect(b.nor.array.read(2 * unit.bytes, 1)[0]).toBe(0x00);
  });

  it('chip erase (0x60 and 0xC7) sets every byte to 0xFF and takes the chip-erase time', () => {
    for (const opcode of [0x60, 0xc7]) {
      const b = board(part, { initial: new Uint8Array(part.sizeBytes) });
      b.host.command(0x06);
      const t0 = b.clock.now();
      b.host.command(opcode);
      expect(b.nor.busyUntil - t0).toBe(part.timing.chipEraseMs.typ);
      b.waitReady();
      expect(Buffer.compare(b.nor.array.snapshot(), Buffer.alloc(part.sizeBytes, 0xff))).toBe(0);
    }
  });

  it('WEL rules: program and erase without WREN are ignored; WEL holds while busy and clears after', () => {
    const b = board(part);
    b.host.transfer({ opcode: ops.pageProgram, address: 0, addressBytes: part.addressBytes, write: Uint8Array.of(0) });
    b.host.transfer({ opcode: part.eraseUnits[0]!.opcode, address: 0, addressBytes: part.addressBytes });
    expect(b.host.readStatus() & (WIP | WEL)).toBe(0);
    expect(b.nor.array.read(0, 1)[0]).toBe(0xff);

    b.host.command(0x06);
    expect(b.host.readStatus() & (WIP | WEL)).toBe(WEL);
    b.host.command(0x04);
    expect(b.host.readStatus() & WEL).toBe(0);

    b.host.program(0, Uint8Array.of(0x12));
    expect(b.host.readStatus() & (WIP | WEL)).toBe(WIP | WEL);
    b.waitReady();
    expect(b.host.readStatus() & (WIP | WEL)).toBe(0);
    expect(b.nor.array.read(0, 1)[0]).toBe(0x12);
  });

  it('WIP stays set for the typical time on the virtual clock (the model never advances it)', () => {
    const b = board(part);
    const t0 = b.clock.now();
    b.host.program(0x100, Uint8Array.of(1, 2, 3));
    const tPp = part.timing.pageProgramUs.typ / 1000;
    expect(b.nor.busyUntil).toBeCloseTo(t0 + tPp, 9);
    for (let i = 0; i < 5; i++) expect(b.host.readStatus() & WIP).toBe(WIP); // polling alone does not end it
    expect(b.clock.now()).toBe(t0);
    b.clock.advance(tPp * 0.99);
    expect(b.host.readStatus() & WIP).toBe(WIP);
    b.clock.advanceTo(t0 + tPp);
    expect(b.host.readStatus() & WIP).toBe(0);

    b.host.writeStatus(0x01, [0x00]);
    expect(b.nor.busyUntil - b.clock.now()).toBe(part.timing.writeStatusMs.typ);
  });

  it('ignores every command but the status reads while busy', () => {
    const b = board(part);
    b.program(0x2000, Uint8Array.of(0xa5));
    b.host.erase(part.eraseUnits[0]!.opcode, 0x2000, part.addressBytes);
    expect([...b.host.jedecId()]).toEqual([0xff, 0xff, 0xff]);
    expect(b.read(0x2000, 2)).toEqual(Uint8Array.of(0xff, 0xff)); // undriven, not the (erased) array
    b.host.command(0x06); // ignored: WEL is still 1 from the erase, and still clears at the end
    b.host.transfer({ opcode: ops.pageProgram, address: 0x3000, addressBytes: part.addressBytes, write: Uint8Array.of(0) });
    expect(b.host.readStatus() & WIP).toBe(WIP);
    b.waitReady();
    expect(b.host.readStatus() & (WIP | WEL)).toBe(0);
    expect(b.nor.array.read(0x3000, 1)[0]).toBe(0xff);
    expect(b.nor.faults.programCount).toBe(1);
  });

  it('QE gating: with QE=0 a quad read returns noise and a quad program programs nothing; after QE=1 both work', () => {
    const b = board(part, { qeSet: false });
    const data = pattern(64, 3);
    b.program(0x4000, data);
    const noisy = b.quadRead(0x4000, 64);
    expect(noisy).not.toEqual(data);
    expect(noisy).not.toEqual(new Uint8Array(64).fill(0xff));
    expect(b.host.transfer({ opcode: 0x6b, address: 0x4000, dummyCycles: 8, dataPads: 4, read: 64 })).not.toEqual(data);

    const quadPp = { opcode: ops.quadPageProgram!, addressBytes: part.addressBytes, addressPads: (ops.quadPageProgramPads === '1-4-4' ? 4 : 1) as 1 | 4, dataPads: 4 as const };
    b.host.program(0x5000, Uint8Array.of(0x00, 0x11), quadPp);
    b.waitReady();
    expect(b.nor.array.read(0x5000, 2)).toEqual(Uint8Array.of(0xff, 0xff));

    b.setQuadEnable();
    expect(b.quadRead(0x4000, 64)).toEqual(data);
    expect(b.quadRead(0x4000, 64, 'mode-then-dummy')).toEqual(data);
    if (part.addressBytes === 3) {
      expect(b.host.transfer({ opcode: 0x6b, address: 0x4000, dummyCycles: 8, dataPads: 4, read: 64 })).toEqual(data);
    }
    b.host.program(0x5000, Uint8Array.of(0x00, 0x11), quadPp);
    b.waitReady();
    expect(b.nor.array.read(0x5000, 2)).toEqual(Uint8Array.of(0x00, 0x11));

    // QE is non-volatile: it survives export/import (a power cycle).
    const again = board(part, { qeSet: false });
    again.nor.importState(b.nor.exportState());
    expect(again.quadRead(0x4000, 64)).toEqual(data);
  });

  it('state export/import round trip (array and non-volatile status bits)', () => {
    const b = board(part);
    b.program(0x10, pattern(32));
    b.setQuadEnable();
    const state = b.nor.exportState();
    expect(state.partId).toBe(part.id);
    const copy = board(part, { qeSet: false });
    copy.nor.importState(state);
    const back = copy.nor.exportState();
    expect(back.statusRegisters).toEqual(state.statusRegisters);
    expect(Buffer.compare(back.array, state.array)).toBe(0); // toEqual on megabytes is too slow
    expect(copy.nor.array.read(0x10, 32)).toEqual(pattern(32));
    const other = SPI_PARTS.find((p) => p.id !== part.id)!;
    expect(() => new SpiNorModel(other, new VirtualClock()).importState(state)).toThrow(RangeError);
  });

  it('fault hooks: the Nth program fails silently, busy time stretches, stuck bits show', () => {
    const b = board(part);
    b.nor.faults.failNthProgram(2);
    b.program(0x100, Uint8Array.of(0x11));
    b.host.program(0x101, Uint8Array.of(0x22), { opcode: ops.pageProgram, addressBytes: part.addressBytes });
    expect(b.host.readStatus() & (WIP | WEL)).toBe(WIP | WEL); // looks like any program
    b.waitReady();
    expect(b.host.readStatus() & (WIP | WEL)).toBe(0);
    expect(b.nor.array.read(0x100, 2)).toEqual(Uint8Array.of(0x11, 0xff)); // only verify catches it
    b.program(0x102, Uint8Array.of(0x33));
    expect(b.nor.array.read(0x102, 1)[0]).toBe(0x33);

    b.nor.faults.failNthErase(1);
    b.erase(part.eraseUnits[0]!.opcode, 0);
    expect(b.nor.array.read(0x100, 1)[0]).toBe(0x11);

    b.nor.faults.busyScale = 3;
    const t0 = b.clock.now();
    b.host.erase(part.eraseUnits[0]!.opcode, 0, part.addressBytes);
    expect(b.nor.busyUntil - t0).toBeCloseTo(3 * part.timing.eraseMs[part.eraseUnits[0]!.bytes]!.typ, 9);
    b.waitReady();

    b.nor.array.setStuckBits(0x200, { stuckAt0: 0, stuckAt1: 0x81 });
    b.program(0x200, Uint8Array.of(0x00));
    expect(b.read(0x200, 1)[0]).toBe(0x81);
  });

  it('block protection: BP bits refuse program and erase (and clear WEL); clearing them restores both', () => {
    const b = board(part);
    b.host.writeStatus(0x01, [0x04]); // BP0
    b.waitReady();
    expect(b.host.readStatus() & 0x04).toBe(0x04);
    b.host.program(0, Uint8Array.of(0));
    expect(b.host.readStatus() & (WIP | WEL)).toBe(0);
    expect(b.nor.array.read(0, 1)[0]).toBe(0xff);
    b.host.writeStatus(0x01, [0x00]);
    b.waitReady();
    b.program(0, Uint8Array.of(0));
    expect(b.nor.array.read(0, 1)[0]).toBe(0x00);
  });

  it('deep power-down (0xB9) ignores everything until 0xAB', () => {
    const b = board(part);
    b.host.command(0xb9);
    expect([...b.host.jedecId()]).toEqual([0xff, 0xff, 0xff]);
    b.host.command(0xab);
    expect([...b.host.jedecId()]).toEqual([...part.jedecId!]);
  });

  it('a command without data that gets more clocks is cancelled (WREN + 1 byte leaves WEL clear)', () => {
    const b = board(part);
    b.host.transfer({ opcode: 0x06, write: Uint8Array.of(0) });
    expect(b.host.readStatus() & WEL).toBe(0);
  });

  it('0x66 + 0x99 resets WEL; 0x99 alone does not', () => {
    const b = board(part);
    b.host.command(0x06);
    b.host.command(0x99);
    expect(b.host.readStatus() & WEL).toBe(WEL);
    b.host.command(0x66);
    b.host.command(0x99);
    expect(b.host.readStatus() & WEL).toBe(0);
  });
});

describe('SpiNorModel wire-level details', () => {
  it('wrong dummy counts shift the data, as on the wire (IS25WP064A 0xEB, 6 clocks expected)', () => {
    const part = findFlashPart('is25wp064a');
    const b = board(part, { qeSet: true });
    const data = pattern(16);
    b.program(0, data);
    const read = (dummyCycles: number): number[] =>
      [...b.host.transfer({ opcode: 0xeb, address: 0, addressPads: 4, dummyCycles, dataPads: 4, read: 8 })];
    expect(read(6)).toEqual([...data.subarray(0, 8)]);
    expect(read(4)).toEqual([0xff, ...data.subarray(0, 7)]); // 2 clocks × 4 pads early: one undriven byte
    expect(read(8)).toEqual([...data.subarray(1, 9)]); // 2 clocks late: the first byte went by
    expect(read(5)).toEqual([0xff & ((0xff << 4) | (data[0]! >>> 4)), ...[0, 1, 2, 3, 4, 5, 6].map((i) => ((data[i]! << 4) | (data[i + 1]! >>> 4)) & 0xff)]);
    // 0x0B expects 8 clocks on 1 pad; 4 clocks = half a byte early.
    const fast = [...b.host.transfer({ opcode: 0x0b, address: 0, dummyCycles: 4, read: 2 })];
    expect(fast).toEqual([0xf0 | (data[0]! >>> 4), ((data[0]! << 4) | (data[1]! >>> 4)) & 0xff]);
  });

  it('Winbond-style parts read SR2 with 0x35 and write it with 0x31 (QE = SR2 bit 1)', () => {
    const b = board(findFlashPart('w25q64jv-im'));
    expect(b.host.readStatus(0x35) & 0x02).toBe(0); // -IM: QE clear from the factory
    b.host.writeStatus(0x31, [0x02]);
    b.waitReady();
    expect(b.host.readStatus(0x35)).toBe(0x02);
    // 0x01 with one byte leaves SR2 alone; with two bytes it writes SR2 as well.
    b.host.writeStatus(0x01, [0x00]);
    b.waitReady();
    expect(b.host.readStatus(0x35)).toBe(0x02);
    b.host.writeStatus(0x01, [0x00, 0x00]);
    b.waitReady();
    expect(b.host.readStatus(0x35)).toBe(0x00);
    expect(board(findFlashPart('w25q64jv')).host.readStatus(0x35)).toBe(0x02); // -IQ: QE set from the factory
  });

  it('ISSI: 0x35 enters QPI; then 1-pad commands are not understood until 0xF5 on 4 pads', () => {
    const b = board(findFlashPart('is25wp064a'));
    b.host.command(0x35);
    expect(b.nor.inQpiMode).toBe(true);
    expect([...b.host.jedecId()]).toEqual([0xff, 0xff, 0xff]);
    expect(b.host.readStatus()).toBe(0xff);
    expect([...b.host.transfer({ opcode: 0x9f, cmdPads: 4, dataPads: 4, read: 3 })]).toEqual([0x9d, 0x70, 0x17]);
    b.host.command(0xf5); // 1 pad: ignored
    expect(b.nor.inQpiMode).toBe(true);
    b.host.command(0xf5, 4);
    expect(b.nor.inQpiMode).toBe(false);
    expect([...b.host.jedecId()]).toEqual([0x9d, 0x70, 0x17]);
    // A reset (on 4 pads, as the part listens in QPI) also leaves QPI.
    b.host.command(0x35);
    b.host.command(0x66, 4);
    b.host.command(0x99, 4);
    expect([...b.host.jedecId()]).toEqual([0x9d, 0x70, 0x17]);
  });

  it('a 4-pad opcode outside QPI is not understood', () => {
    const b = board(findFlashPart('w25q64jv'));
    expect([...b.host.transfer({ opcode: 0x9f, cmdPads: 4, dataPads: 4, read: 3 })]).toEqual([0xff, 0xff, 0xff]);
  });

  it.each(['is25wp256', 'w25q256jv'])('%s: 4-byte opcodes, and 0xB7/0xE9 switching the 3-byte opcodes', (id) => {
    const part = findFlashPart(id);
    const b = board(part);
    const high = 0x0180_0000; // 24 MiB: out of reach of 24-bit addresses
    const data = pattern(16, 7);
    b.host.program(high, data, { opcode: 0x12, addressBytes: 4 });
    b.waitReady();
    expect(b.nor.array.read(high, 16)).toEqual(data);
    expect(b.host.read(high, 16, { opcode: 0x13, addressBytes: 4 })).toEqual(data);
    expect(b.host.transfer({ opcode: 0x0c, address: high, addressBytes: 4, dummyCycles: 8, read: 16 })).toEqual(data);
    // 3-byte mode: 0x03 with 24 bits reaches only the low 16 MiB (0x800000 here).
    expect(b.host.read(high & 0xff_ffff, 16)).toEqual(new Uint8Array(16).fill(0xff));
    b.host.command(0xb7);
    expect(b.nor.inFourByteMode).toBe(true);
    expect(b.host.read(high, 16, { opcode: 0x03, addressBytes: 4 })).toEqual(data);
    // A 3-byte LUT to a part in 4-byte mode: the first data byte completes the address.
    b.host.program(0x12_3456, Uint8Array.of(0x78, 0xaa, 0xbb));
    b.waitReady();
    expect(b.nor.array.read(0x1234_5678, 2)).toEqual(Uint8Array.of(0xaa, 0xbb));
    b.host.command(0xe9);
    expect(b.nor.inFourByteMode).toBe(false);
    // 4-byte erase opcodes at a high address.
    b.host.erase(0x21, high, 4);
    b.waitReady();
    expect(b.nor.array.read(high, 16)).toEqual(new Uint8Array(16).fill(0xff));
    b.program(high + 0x10000, data);
    b.host.erase(0xdc, high + 0x10000 + 5, 4);
    b.waitReady();
    expect(b.nor.array.read(high + 0x10000, 16)).toEqual(new Uint8Array(16).fill(0xff));
    // The quad 1-4-4 4-byte read.
    b.program(high, data);
    b.setQuadEnable();
    expect(b.host.transfer({ opcode: 0xec, address: high, addressBytes: 4, addressPads: 4, dummyCycles: 6, dataPads: 4, read: 16 })).toEqual(data);
  });

  it('3-byte parts ignore 0xB7 (no 4-byte mode)', () => {
    const b = board(findFlashPart('is25wp064a'));
    b.host.command(0xb7);
    expect(b.nor.inFourByteMode).toBe(false);
  });

  it('DDR phases are misread by an SDR part', () => {
    const b = board(findFlashPart('is25wp064a'));
    expect([...b.host.transfer({ opcode: 0x9f, read: 3, ddr: true })]).not.toEqual([0x9d, 0x70, 0x17]);
  });
});
