import { describe, expect, it } from 'vitest';
import { AsciiHexBuffer, decodeHexBytes, hexDigitValue, hexPairTable } from './hex-text.js';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('hex digits', () => {
  it('maps both cases and rejects everything else', () => {
    expect(Array.from('09afAF', (c) => hexDigitValue(c.charCodeAt(0)))).toEqual([0, 9, 10, 15, 10, 15]);
    for (const c of ['g', 'G', ':', '/', '@', ' ', '\u0660', '\uff10']) expect(hexDigitValue(c.charCodeAt(0))).toBe(-1);
  });

  it('decodes pairs and reports the index of the first bad character', () => {
    const out = new Uint8Array(4);
    expect(decodeHexBytes(ascii('xx00ff7A'), 2, 3, out)).toBe(-1);
    expect(Array.from(out.subarray(0, 3))).toEqual([0x00, 0xff, 0x7a]);
    expect(decodeHexBytes(ascii('00fG'), 0, 2, out)).toBe(3);
    expect(decodeHexBytes(ascii('00Gf'), 0, 2, out)).toBe(2);
  });

  it('decodes a pair with one lookup: (c1 << 8 | c2) → byte, or -1 if either is not a hex digit', () => {
    const pairs = hexPairTable();
    const pair = (text: string) => pairs[(text.charCodeAt(0) << 8) | text.charCodeAt(1)];
    expect(['00', '09', '0a', '0A', 'a0', 'Ff', 'fF', '7e'].map(pair)).toEqual([0x00, 0x09, 0x0a, 0x0a, 0xa0, 0xff, 0xff, 0x7e]);
    expect(['0g', 'g0', ' 0', '0:', '\u00ff0', '0\u0080', '\u0000\u0000'].map(pair)).toEqual([-1, -1, -1, -1, -1, -1, -1]);
    let valid = 0;
    for (let i = 0; i < pairs.length; i++) if (pairs[i]! >= 0) valid++;
    expect(valid).toBe(22 * 22);
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
