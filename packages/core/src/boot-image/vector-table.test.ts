import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemoryImage } from '../image/memory-image.js';
import { isPlausibleVectorTable, readVectorTable } from './vector-table.js';

/* The first two words of a Cortex-M vector table: initial SP, then the Thumb reset handler. */

const blinkyRam = (): Uint8Array => new Uint8Array(readFileSync(new URL('../../../../examples/blinky/out/blinky-ram.bin', import.meta.url)));

const words = (...w: number[]): Uint8Array => {
  const b = new Uint8Array(4 * w.length);
  const v = new DataView(b.buffer);
  w.forEach((x, i) => v.setUint32(4 * i, x >>> 0, true));
  return b;
};

describe('readVectorTable', () => {
  it('reads SP 0x20020000 and reset 0x20002043 from the committed DTCM blinky (examples/blinky/out/README.md)', () => {
    const app = MemoryImage.from([{ address: 0x2000_2000, data: blinkyRam() }]);
    expect(readVectorTable(app, 0x2000_2000)).toEqual({ address: 0x2000_2000, initialSp: 0x2002_0000, resetHandler: 0x2000_2043 });
  });

  it('reads both words little-endian, at any address the image covers', () => {
    const app = MemoryImage.from([{ address: 0x6000_2000, data: Uint8Array.of(0xaa, 0xbb, 0x78, 0x56, 0x34, 0x12, 0x21, 0x43, 0x65, 0x87) }]);
    expect(readVectorTable(app, 0x6000_2002)).toEqual({ address: 0x6000_2002, initialSp: 0x1234_5678, resetHandler: 0x8765_4321 });
  });

  it('is undefined when fewer than 8 bytes are there, or a gap cuts the table', () => {
    expect(readVectorTable(MemoryImage.from([{ address: 0x2000_2000, data: new Uint8Array(7) }]), 0x2000_2000)).toBeUndefined();
    const gapped = MemoryImage.from([
      { address: 0x2000_2000, data: new Uint8Array(4) },
      { address: 0x2000_2005, data: new Uint8Array(4) },
    ]);
    expect(readVectorTable(gapped, 0x2000_2000)).toBeUndefined();
    expect(readVectorTable(MemoryImage.empty(), 0)).toBeUndefined();
    expect(readVectorTable(MemoryImage.from([{ address: 0x2000_2000, data: words(0x2002_0000, 0x2000_2043) }]), 0x2000_1ffc)).toBeUndefined();
  });
});

describe('isPlausibleVectorTable', () => {
  const vt = (initialSp: number, resetHandler: number) => ({ address: 0x2000_2000, initialSp, resetHandler });
  const start = 0x2000_2000;
  const end = 0x2000_210c;

  it('accepts the blinky table: word-aligned SP, Thumb handler inside the code', () => {
    expect(isPlausibleVectorTable(vt(0x2002_0000, 0x2000_2043), start, end)).toBe(true);
  });

  it('rejects an even (non-Thumb) reset handler', () => {
    expect(isPlausibleVectorTable(vt(0x2002_0000, 0x2000_2042), start, end)).toBe(false);
  });

  it('takes the handler range as [codeStart, codeEnd): the last byte counts, the end does not', () => {
    expect(isPlausibleVectorTable(vt(0x2002_0000, 0x2000_210b), start, end)).toBe(true);
    expect(isPlausibleVectorTable(vt(0x2002_0000, 0x2000_210d), start, end)).toBe(false);
    expect(isPlausibleVectorTable(vt(0x2002_0000, start | 1), start, end)).toBe(true);
    expect(isPlausibleVectorTable(vt(0x2002_0000, (start - 2) | 1), start, end)).toBe(false);
  });

  it('accepts a handler at or above 0x80000000 (SEMC SDRAM app at 0x80002000, research/spsdk.md §3.6)', () => {
    const sdram = { address: 0x8000_2000, initialSp: 0x8001_0000, resetHandler: 0x8000_2305 };
    expect(isPlausibleVectorTable(sdram, 0x8000_2000, 0x8000_5208)).toBe(true);
    expect(isPlausibleVectorTable({ ...sdram, resetHandler: 0xf000_0001 }, 0x8000_2000, 0x8000_5208)).toBe(false);
  });

  it('rejects an SP that is not word aligned', () => {
    expect(isPlausibleVectorTable(vt(0x2002_0002, 0x2000_2043), start, end)).toBe(false);
    expect(isPlausibleVectorTable(vt(0x2002_0001, 0x2000_2043), start, end)).toBe(false);
  });

  it('rejects erased flash (0xFFFFFFFF twice) and zeros', () => {
    expect(isPlausibleVectorTable(vt(0xffff_ffff, 0xffff_ffff), start, end)).toBe(false);
    expect(isPlausibleVectorTable(vt(0, 0), start, end)).toBe(false);
  });
});
