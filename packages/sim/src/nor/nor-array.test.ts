import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { materialiseNorArrayImage, NOR_ARRAY_CHUNK_BYTES } from './nor-array-image.js';
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

describe('NorArray storage (sparse, copy-on-write)', () => {
  const CHUNK = NOR_ARRAY_CHUNK_BYTES;
  const allocated = (a: NorArray): number => a.exportImage().chunks.filter((c) => c !== undefined).length;

  it('allocates a chunk only when a write leaves it not erased, and an erase of a whole chunk frees it', () => {
    const a = new NorArray(8 << 20);
    expect(allocated(a)).toBe(0);
    a.program(CHUNK + 10, new Uint8Array(256).fill(0xff)); // ANDing 0xFF changes nothing
    expect(allocated(a)).toBe(0);
    a.program(CHUNK - 2, Uint8Array.of(1, 2, 3, 4)); // spans two chunks
    expect(allocated(a)).toBe(2);
    expect(a.read(CHUNK - 3, 6)).toEqual(Uint8Array.of(0xff, 1, 2, 3, 4, 0xff));
    a.erase(0, CHUNK);
    expect(allocated(a)).toBe(1);
    a.erase(CHUNK, 2); // part of a chunk: stays allocated, bytes erased
    expect(a.read(CHUNK, 3)).toEqual(Uint8Array.of(0xff, 0xff, 0xff));
    a.load(0, new Uint8Array(3 * CHUNK).fill(0xff));
    expect(allocated(a)).toBe(0);
    expect(new NorArray(8 << 20, new Uint8Array(1 << 20).fill(0xff)).exportImage().chunks.some((c) => c !== undefined)).toBe(false);
  });

  it('keeps a chunk with a stuck cell allocated through erase and image loads', () => {
    const a = new NorArray(4 * CHUNK);
    a.setStuckBits(CHUNK + 5, { stuckAt0: 0x10, stuckAt1: 0 });
    a.erase(0, 4 * CHUNK);
    expect(a.read(CHUNK + 5, 1)[0]).toBe(0xef);
    a.loadImage(new NorArray(4 * CHUNK).exportImage());
    expect(a.read(CHUNK + 4, 3)).toEqual(Uint8Array.of(0xff, 0xef, 0xff));
  });

  it('exported images are frozen: later writes to either side copy the chunk first', () => {
    const a = new NorArray(2 * CHUNK);
    a.program(0, Uint8Array.of(0x0f));
    const image = a.exportImage();
    const b = new NorArray(2 * CHUNK);
    b.loadImage(image);
    a.program(0, Uint8Array.of(0x01));
    b.erase(0, 1);
    b.program(1, Uint8Array.of(0x22));
    expect(image.chunks[0]![0]).toBe(0x0f);
    expect(image.chunks[0]![1]).toBe(0xff);
    expect(a.read(0, 2)).toEqual(Uint8Array.of(0x01, 0xff));
    expect(b.read(0, 2)).toEqual(Uint8Array.of(0xff, 0x22));
    expect(materialiseNorArrayImage(image).subarray(0, 2)).toEqual(Uint8Array.of(0x0f, 0xff));
    expect(() => b.loadImage(new NorArray(CHUNK).exportImage())).toThrow(RangeError);
  });

  it('behaves as a flat array under any sequence of operations (reference model)', () => {
    const size = 3 * CHUNK + 100; // a short last chunk
    const offset = fc.integer({ min: -size, max: 2 * size });
    const bytes = fc.uint8Array({ minLength: 0, maxLength: 2 * CHUNK + 7 });
    const op = fc.oneof(
      fc.record({ kind: fc.constant('program' as const), offset, bytes }),
      fc.record({ kind: fc.constant('erase' as const), offset, length: fc.integer({ min: 0, max: 2 * size }) }),
      fc.record({ kind: fc.constant('load' as const), offset, bytes: fc.oneof(bytes, fc.integer({ min: 0, max: 2 * CHUNK }).map((n) => new Uint8Array(n).fill(0xff))) }),
      fc.record({ kind: fc.constant('stuck' as const), offset, stuckAt0: fc.integer({ min: 0, max: 255 }), stuckAt1: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('image' as const) }),
      fc.record({ kind: fc.constant('read' as const), offset, length: fc.integer({ min: 0, max: 2 * size }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const a = new NorArray(size);
        const flat = new Uint8Array(size).fill(0xff);
        const stuck = new Map<number, [number, number]>();
        const at = (o: number): number => ((o % size) + size) % size;
        const applyStuck = (i: number): void => {
          const s = stuck.get(i);
          if (s !== undefined) flat[i] = (flat[i]! & ~s[0]) | s[1];
        };
        let held: NorArray | undefined;
        for (const o of ops) {
          if (o.kind === 'program') {
            a.program(o.offset, o.bytes);
            o.bytes.forEach((b, i) => {
              const c = at(o.offset + i);
              flat[c] = flat[c]! & b;
              applyStuck(c);
            });
          } else if (o.kind === 'erase') {
            a.erase(o.offset, o.length);
            for (let i = 0; i < Math.min(o.length, size); i++) {
              flat[at(o.offset + i)] = 0xff;
              applyStuck(at(o.offset + i));
            }
          } else if (o.kind === 'load') {
            a.load(o.offset, o.bytes);
            o.bytes.forEach((b, i) => {
              flat[at(o.offset + i)] = b;
              applyStuck(at(o.offset + i));
            });
          } else if (o.kind === 'stuck') {
            a.setStuckBits(o.offset, o);
            stuck.set(at(o.offset), [o.stuckAt0, o.stuckAt1 & ~o.stuckAt0]);
            applyStuck(at(o.offset));
          } else if (o.kind === 'image') {
            // Round trip through another array: shared chunks must not leak writes either way.
            held = new NorArray(size);
            held.loadImage(a.exportImage());
            held.program(0, new Uint8Array(size).fill(0));
          } else {
            const expected = new Uint8Array(o.length).map((_, i) => flat[at(o.offset + i)]!);
            expect(Buffer.compare(a.read(o.offset, o.length), expected)).toBe(0);
          }
        }
        expect(Buffer.compare(a.snapshot(), flat)).toBe(0);
        expect(Buffer.compare(materialiseNorArrayImage(a.exportImage()), flat)).toBe(0);
        if (held !== undefined) expect(held.read(0, size).every((b) => b === 0)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
