import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';

describe('crc32 (ISO-HDLC)', () => {
  it('has the catalogue check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf4_3926);
  });
  it('is 0 for no data and continues across chunks', () => {
    const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(data.subarray(300), crc32(data.subarray(0, 300)))).toBe(crc32(data));
  });
  it('of 4 KiB of 0xFF (an erased sector)', () => {
    expect(crc32(new Uint8Array(4096).fill(0xff))).toBe(0xf154_670a);
  });
});
