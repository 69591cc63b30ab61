import { describe, expect, it } from 'vitest';
import { NorArray } from './nor-array.js';

describe('NorArray', () => {
  it('starts erased (0xFF) or with a saved image followed by erased cells', () => {
    expect(new NorArray(16).read(0, 16)).toEqual(new Uint8Array(16).fill(0xff));
    const a = new NorArray(8, Uint8Array.of(1, 2, 3));
    expect(a.read(0, 8)).toEqual(Uint8Array.of(1, 2, 3, 0xff, 0xff, 0xff, 0xff, 0xff));
    expect(() => new NorArray(2, Uint8Array.of(1, 2, 3))).toThrow(RangeError);
  });

  it('programs by ANDing: bits only go from 1 to 0', () => {
    const a = new NorArray(16);
    a.program(4, Uint8Array.of(0xf0, 0x0f));
    a.program(4, Uint8Array.of(0x3c, 0xff));
    expect(a.read(3, 4)).toEqual(Uint8Array.of(0xff, 0x30, 0x0f, 0xff));
  });

  it('erases to 0xFF and wraps ranges at the top of the array', () => {
    const a = new NorArray(16, new Uint8Array(16));
    a.erase(4, 4);
    expect(a.read(0, 16)).toEqual(Uint8Array.of(0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0));
    a.program(14, Uint8Array.of(1, 2, 3, 4));
    expect(a.read(14, 4)).toEqual(Uint8Array.of(0, 0, 0, 0)); // 0 & x
    a.erase(14, 4);
    expect(a.read(14, 4)).toEqual(Uint8Array.of(0xff, 0xff, 0xff, 0xff));
    expect(a.read(0, 2)).toEqual(Uint8Array.of(0xff, 0xff));
  });

  it('applies stuck bits on set, program, erase and load', () => {
    const a = new NorArray(8);
    a.setStuckBits(2, { stuckAt0: 0x01, stuckAt1: 0x80 });
    expect(a.read(2, 1)[0]).toBe(0xfe);
    a.program(2, Uint8Array.of(0x00));
    expect(a.read(2, 1)[0]).toBe(0x80);
    a.erase(0, 8);
    expect(a.read(2, 1)[0]).toBe(0xfe);
    a.load(0, new Uint8Array(8).fill(0x55));
    expect(a.read(2, 1)[0]).toBe(0xd4);
    a.clearStuckBits();
    a.erase(0, 8);
    expect(a.read(2, 1)[0]).toBe(0xff);
  });

  it('snapshot is a copy', () => {
    const a = new NorArray(4);
    const s = a.snapshot();
    a.program(0, Uint8Array.of(0));
    expect(s[0]).toBe(0xff);
  });
});
