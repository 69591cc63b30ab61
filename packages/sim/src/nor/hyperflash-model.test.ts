import { findFlashPart } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../time/virtual-clock.js';
import { encodeHyperBusCa } from './hyperbus-command-address.js';
import { HYPERFLASH_SR_DRB, HYPERFLASH_SR_ESB, HYPERFLASH_SR_PSB, HYPERFLASH_SR_WBASB, HyperFlashModel } from './hyperflash-model.js';

const part = findFlashPart('s26ks512s');
const SECTOR = 256 * 1024;

/** Drives the model the way the SDK HyperFlash LUT does (research/imxrt.md §2.5, §3.3(c)). */
function board(initial?: Uint8Array) {
  const clock = new VirtualClock();
  const hf = new HyperFlashModel(part, clock, initial === undefined ? {} : { initial });
  /** One command write: six CMD_DDR bytes of CA, then two CMD_DDR bytes of data (high byte first). */
  const writeWord = (wordAddress: number, value: number): void => {
    hf.select();
    for (const b of encodeHyperBusCa({ read: false, registerSpace: false, linearBurst: false, wordAddress })) hf.send('cmd', Uint8Array.of(b), 8, true);
    hf.send('cmd', Uint8Array.of(value >>> 8), 8, true);
    hf.send('cmd', Uint8Array.of(value & 0xff), 8, true);
    hf.deselect();
  };
  const unlock = (): void => {
    writeWord(0x555, 0xaa);
    writeWord(0x2aa, 0x55);
  };
  /** FCB read: CMD_DDR 0xA0 (or 0x80 wrapped), RADDR_DDR 24 bits, CADDR_DDR 16 bits, DUMMY_DDR, READ_DDR. */
  const read = (byteAddress: number, count: number, cmd = 0xa0): Uint8Array => {
    const ca = encodeHyperBusCa({ read: true, registerSpace: false, linearBurst: (cmd & 0x20) !== 0, wordAddress: byteAddress / 2 });
    hf.select();
    hf.send('cmd', ca.subarray(0, 1), 8, true);
    hf.send('addr', ca.subarray(1, 4), 8, true);
    hf.send('caddr', ca.subarray(4, 6), 8, true);
    hf.dummy(12, 8, true);
    const out = hf.receive(count, 8, true);
    hf.deselect();
    return out;
  };
  const status = (): number => {
    writeWord(0x555, 0x70);
    const w = read(0, 2, 0x80);
    return (w[0]! << 8) | w[1]!; // wire order: high byte first
  };
  const writeData = (byteAddress: number, data: Uint8Array): void => {
    const ca = encodeHyperBusCa({ read: false, registerSpace: false, linearBurst: true, wordAddress: byteAddress / 2 });
    hf.select();
    hf.send('cmd', ca.subarray(0, 1), 8, true);
    hf.send('addr', ca.subarray(1, 4), 8, true);
    hf.send('caddr', ca.subarray(4, 6), 8, true);
    hf.send('data', data, 8, true);
    hf.deselect();
  };
  const program = (byteAddress: number, data: Uint8Array): void => {
    unlock();
    writeWord(0x555, 0xa0);
    writeData(byteAddress, data);
  };
  const eraseSector = (byteAddress: number): void => {
    unlock();
    writeWord(0x555, 0x80);
    unlock();
    writeWord(byteAddress / 2, 0x30);
  };
  const waitReady = (): void => clock.advanceTo(hf.busyUntil);
  return { clock, hf, writeWord, unlock, read, status, writeData, program, eraseSector, waitReady };
}

const pattern = (n: number, seed = 1): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 29 + seed * 13 + 3) & 0xff);

describe('HyperFlashModel (S26KS512S)', () => {
  it('reads the array through the FCB read sequence (word addressed, linear burst)', () => {
    const image = pattern(4096);
    const b = board(image);
    expect(b.read(0, 16)).toEqual(image.subarray(0, 16));
    expect(b.read(0x402, 7)).toEqual(image.subarray(0x402, 0x409));
    expect(b.read(part.sizeBytes - 2, 4)).toEqual(Uint8Array.of(0xff, 0xff, image[0]!, image[1]!)); // wraps at the top
  });

  it('accepts the SDK unlock bytes exactly as its LUT sends them (00 00 00 AA 00 05 | 00 AA)', () => {
    const b = board();
    const cycle = (bytes: number[]): void => {
      b.hf.select();
      for (const x of bytes) b.hf.send('cmd', Uint8Array.of(x), 8, true);
      b.hf.deselect();
    };
    cycle([0x00, 0x00, 0x00, 0xaa, 0x00, 0x05, 0x00, 0xaa]);
    cycle([0x00, 0x00, 0x00, 0x55, 0x00, 0x02, 0x00, 0x55]);
    cycle([0x00, 0x00, 0x00, 0xaa, 0x00, 0x05, 0x00, 0xa0]);
    b.writeData(0x100, Uint8Array.of(0x12, 0x34));
    b.waitReady();
    expect(b.hf.array.read(0x100, 2)).toEqual(Uint8Array.of(0x12, 0x34));
  });

  it('reports status after 0x555 ← 0x70: DRB (bit 7 of the low byte, bit 15 of the LE read) = ready', () => {
    const b = board();
    expect(b.status()).toBe(HYPERFLASH_SR_DRB);
    b.program(0, Uint8Array.of(0, 0));
    expect(b.status() & HYPERFLASH_SR_DRB).toBe(0);
    expect(b.read(0, 2)).toEqual(Uint8Array.of(0x00, 0x00)); // array reads while busy return the status word
    b.clock.advance(part.timing.pageProgramUs.typ / 1000);
    expect(b.status()).toBe(HYPERFLASH_SR_DRB);
    // As the FlexSPI sees it: bytes little-endian, so DRB lands at bit 15 (FCB busyOffset 15, polarity 1).
    b.writeWord(0x555, 0x70);
    const raw = b.read(0, 2, 0x80);
    expect(((raw[1]! << 8) | raw[0]!) >>> 15).toBe(1);
    // The status read is one-shot: the next read is the array again.
    expect(b.read(0, 2)).toEqual(Uint8Array.of(0x00, 0x00));
    expect(b.read(2, 2)).toEqual(Uint8Array.of(0xff, 0xff));
  });

  it('programs by ANDing, wraps in the 512-byte page, takes the page-program time', () => {
    const b = board();
    const t0 = b.clock.now();
    b.program(0x1000, Uint8Array.of(0xf0, 0x0f));
    expect(b.hf.busyUntil - t0).toBeCloseTo(part.timing.pageProgramUs.typ / 1000, 9);
    b.waitReady();
    b.program(0x1000, Uint8Array.of(0x3c, 0xff));
    b.waitReady();
    expect(b.read(0x1000, 4)).toEqual(Uint8Array.of(0x30, 0x0f, 0xff, 0xff));
    const data = pattern(8);
    b.program(0x1000 + 512 - 4, data);
    b.waitReady();
    expect(b.hf.array.read(0x1000 + 512 - 4, 4)).toEqual(data.subarray(0, 4));
    expect(b.hf.array.read(0x1000, 4)).toEqual(Uint8Array.of(0x30 & data[4]!, 0x0f & data[5]!, data[6]!, data[7]!));
    expect(b.hf.array.read(0x1000 + 512, 4)).toEqual(new Uint8Array(4).fill(0xff));
  });

  it('needs the unlock cycles: 0x555 ← 0xA0 alone does not program', () => {
    const b = board();
    b.writeWord(0x555, 0xa0);
    b.writeData(0x2000, Uint8Array.of(0, 0));
    b.waitReady();
    expect(b.hf.array.read(0x2000, 2)).toEqual(Uint8Array.of(0xff, 0xff));
    b.writeWord(0x555, 0xaa);
    b.writeWord(0x2ab, 0x55); // wrong address: back to read mode
    b.writeWord(0x555, 0xa0);
    b.writeData(0x2000, Uint8Array.of(0, 0));
    expect(b.hf.array.read(0x2000, 2)).toEqual(Uint8Array.of(0xff, 0xff));
  });

  it('erases a 256 KiB sector (address aligned down) in the sector-erase time', () => {
    const b = board(new Uint8Array(3 * SECTOR));
    const t0 = b.clock.now();
    b.eraseSector(SECTOR + 0x1234);
    expect(b.hf.busyUntil - t0).toBe(part.timing.eraseMs[SECTOR]!.typ);
    expect(b.status() & HYPERFLASH_SR_DRB).toBe(0);
    b.waitReady();
    expect(b.status()).toBe(HYPERFLASH_SR_DRB);
    expect(b.hf.array.read(SECTOR - 1, 1)[0]).toBe(0);
    expect(b.hf.array.read(SECTOR, SECTOR).every((x) => x === 0xff)).toBe(true);
    expect(b.hf.array.read(2 * SECTOR, 1)[0]).toBe(0);
  });

  it('chip erase: unlock, 555 ← 80, unlock, 555 ← 10', () => {
    const b = board(new Uint8Array(1024));
    b.unlock();
    b.writeWord(0x555, 0x80);
    b.unlock();
    const t0 = b.clock.now();
    b.writeWord(0x555, 0x10);
    expect(b.hf.busyUntil - t0).toBe(part.timing.chipEraseMs.typ);
    b.waitReady();
    expect(b.hf.array.read(0, 1024).every((x) => x === 0xff)).toBe(true);
  });

  it('ignores commands while busy', () => {
    const b = board(new Uint8Array(2 * SECTOR));
    b.eraseSector(0);
    b.eraseSector(SECTOR); // ignored: the first erase is running
    b.waitReady();
    expect(b.hf.array.read(SECTOR, 1)[0]).toBe(0);
    expect(b.hf.faults.eraseCount).toBe(1);
  });

  it('write-buffer programming: SA ← 25, SA ← count − 1, data, SA ← 29 (UNVERIFIED sequence)', () => {
    const b = board();
    const data = pattern(64, 4);
    b.unlock();
    b.writeWord(0x4000 / 2, 0x25);
    b.writeWord(0x4000 / 2, data.length / 2 - 1);
    b.writeData(0x4000, data);
    b.writeWord(0x4000 / 2, 0x29);
    b.waitReady();
    expect(b.hf.array.read(0x4000, 64)).toEqual(data);
    // A wrong count aborts with WBASB.
    b.unlock();
    b.writeWord(0x5000 / 2, 0x25);
    b.writeWord(0x5000 / 2, 0);
    b.writeData(0x5000, data.subarray(0, 4));
    b.writeWord(0x5000 / 2, 0x29);
    expect(b.status() & HYPERFLASH_SR_WBASB).toBe(HYPERFLASH_SR_WBASB);
    expect(b.hf.array.read(0x5000, 4)).toEqual(new Uint8Array(4).fill(0xff));
  });

  it('fault hooks: a failed program sets PSB, a failed erase ESB; 555 ← 71 clears them', () => {
    const b = board(new Uint8Array(16));
    b.hf.faults.failNthProgram(1);
    b.program(0x800, Uint8Array.of(0, 0));
    b.waitReady();
    expect(b.status()).toBe(HYPERFLASH_SR_DRB | HYPERFLASH_SR_PSB);
    expect(b.hf.array.read(0x800, 2)).toEqual(Uint8Array.of(0xff, 0xff));
    b.writeWord(0x555, 0x71);
    expect(b.status()).toBe(HYPERFLASH_SR_DRB);
    b.hf.faults.failNthErase(1);
    b.hf.faults.busyScale = 2;
    const t0 = b.clock.now();
    b.eraseSector(0);
    expect(b.hf.busyUntil - t0).toBe(2 * part.timing.eraseMs[SECTOR]!.typ);
    b.waitReady();
    expect(b.status()).toBe(HYPERFLASH_SR_DRB | HYPERFLASH_SR_ESB);
    expect(b.hf.array.read(0, 1)[0]).toBe(0);
  });

  it('misreads phases that are not 8-pad DDR', () => {
    const b = board(pattern(64));
    const ca = encodeHyperBusCa({ read: true, registerSpace: false, linearBurst: true, wordAddress: 0 });
    b.hf.select();
    b.hf.send('cmd', ca, 4, true);
    expect(b.hf.receive(8, 8, true)).not.toEqual(pattern(64).subarray(0, 8));
    b.hf.deselect();
    b.hf.select();
    b.hf.send('cmd', ca, 8, true);
    expect(b.hf.receive(8, 8, false)).not.toEqual(pattern(64).subarray(0, 8));
    b.hf.deselect();
  });

  it('exports and imports its state', () => {
    const b = board();
    b.program(0x40, pattern(32));
    b.waitReady();
    const state = b.hf.exportState();
    const copy = board();
    copy.hf.importState(state);
    expect(copy.read(0x40, 32)).toEqual(pattern(32));
    expect(() => copy.hf.importState({ ...state, partId: 'is25wp064a' })).toThrow(RangeError);
  });
});
