import { describe, expect, it } from 'vitest';
import { readIntelHex, writeIntelHex } from '@imxflash/core';
import { SeededRandom } from '@imxflash/sim';
import { APP_BASE_ADDRESS, APP_INITIAL_SP, APP_RESET_HANDLER, generateAppBytes, generateAppImage } from './fixtures.js';

describe('bench fixtures', () => {
  it('gives the same bytes for the same seed, and other bytes for another seed', () => {
    const a = generateAppBytes(64 * 1024, 42);
    expect(generateAppBytes(64 * 1024, 42)).toEqual(a);
    expect(generateAppBytes(64 * 1024, 43)).not.toEqual(a);
  });

  it('pins the generator output (seed 1, bytes 8..15), so a changed PRNG is noticed', () => {
    // mulberry32, seed 1: its first value is 0.6270739405881613 × 2^32 in the reference implementation
    expect(new SeededRandom(1).nextUint32()).toBe(Math.round(0.6270739405881613 * 2 ** 32));
    expect(Array.from(generateAppBytes(0x800, 1).subarray(8, 16), (b) => b.toString(16).padStart(2, '0')).join(' ')).toBe('eb c4 06 87 fd 27 26 fb');
  });

  it('starts with a Cortex-M vector table: SP 0x20020000, Thumb reset handler inside the image', () => {
    const image = generateAppImage(0x1000);
    expect(image.startAddress).toBe(APP_BASE_ADDRESS);
    expect(image.byteCount).toBe(0x1000);
    expect(image.entry).toBe(APP_RESET_HANDLER);
    expect(Array.from(image.read(APP_BASE_ADDRESS, 8))).toEqual([0x00, 0x00, 0x02, 0x20, 0x01, 0x24, 0x00, 0x60]);
    const reset = new DataView(image.read(APP_BASE_ADDRESS + 4, 4).buffer).getUint32(0, true);
    expect(reset & 1).toBe(1);
    expect(image.covers(reset & ~1, 4)).toBe(true);
    expect(APP_INITIAL_SP % 8).toBe(0);
  });

  it('writes Intel HEX with 16-byte records that reads back to the same bytes', () => {
    const image = generateAppImage(0x800);
    const lines = writeIntelHex(image, { bytesPerRecord: 16 }).split('\n');
    expect(lines[0]).toBe(':0200000460009A'); // upper address 0x6000
    expect(lines[1]).toMatch(/^:102000000000022001240060[0-9A-F]{18}$/); // 16 bytes at 0x2000: SP, reset handler, …
    expect(readIntelHex(lines.join('\n'), 'app.hex').read(APP_BASE_ADDRESS, 0x800)).toEqual(image.read(APP_BASE_ADDRESS, 0x800));
  });
});
