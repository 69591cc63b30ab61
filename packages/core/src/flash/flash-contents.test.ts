import { describe, expect, it } from 'vitest';
import { FlashContents } from './flash-contents.js';

describe('FlashContents', () => {
  it('answers only for ranges read completely, across chunks', () => {
    const c = new FlashContents();
    c.add(0x100, Uint8Array.of(1, 2, 3, 4));
    c.add(0x104, Uint8Array.of(5, 6));
    expect(c.get(0x101, 2)).toEqual(Uint8Array.of(2, 3));
    expect(c.get(0x102, 4)).toEqual(Uint8Array.of(3, 4, 5, 6));
    expect(c.get(0x104, 3)).toBeUndefined();
    expect(c.get(0xff, 2)).toBeUndefined();
  });
  it('copies what it knows into a buffer', () => {
    const c = new FlashContents();
    c.add(0x10, Uint8Array.of(7, 8));
    const out = new Uint8Array(4).fill(0xee);
    expect(c.copyInto(0x0f, out)).toBe(2);
    expect(out).toEqual(Uint8Array.of(0xee, 7, 8, 0xee));
  });
});
