import { describe, expect, it } from 'vitest';
import { AsciiHexBuffer, decodeHexBytes, hexDigitValue } from './hex-text.js';

describe('hex digits', () => {
  it('maps both cases and rejects everything else', () => {
    expect(Array.from('09afAF', (c) => hexDigitValue(c.charCodeAt(0)))).toEqual([0, 9, 10, 15, 10, 15]);
    for (const c of ['g', 'G', ':', '/', '@', ' ', '\u0660', '\uff10']) expect(hexDigitValue(c.charCodeAt(0))).toBe(-1);
  });

  it('decodes pairs and reports the index of the first bad character', () => {
    const out = new Uint8Array(4);
    expect(decodeHexBytes('xx00ff7A', 2, 3, out)).toBe(-1);
    expect(Array.from(out.subarray(0, 3))).toEqual([0x00, 0xff, 0x7a]);
    expect(decodeHexBytes('00fG', 0, 2, out)).toBe(3);
    expect(decodeHexBytes('00Gf', 0, 2, out)).toBe(2);
  });

  it('writes upper-case bytes and characters, growing as needed', () => {
    const b = new AsciiHexBuffer(1);
    for (let i = 0; i < 100; i++) {
      b.reserve(3);
      b.putChar(0x3a);
      b.putByte(i === 0 ? 0xab : 0x0f);
    }
    const text = b.toString();
    expect(text.length).toBe(300);
    expect(text.slice(0, 6)).toBe(':AB:0F');
  });
});
