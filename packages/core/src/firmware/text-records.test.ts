import { describe, expect, it } from 'vitest';
import { MemoryImageBuilder } from '../image/memory-image.js';
import { describeChar, hexByte, LineCursor, RecordRunCollector } from './text-records.js';

describe('LineCursor', () => {
  it('visits non-blank lines with 1-based numbers, trailing whitespace trimmed', () => {
    const text = '\uFEFFa\r\n\r\n  \n b \t\nc';
    const cursor = new LineCursor(text);
    const seen: Array<[number, string]> = [];
    while (cursor.advance()) seen.push([cursor.line, text.slice(cursor.start, cursor.end)]);
    expect(seen).toEqual([
      [1, 'a'],
      [4, ' b'],
      [5, 'c'],
    ]);
  });

  it('an empty text has no lines', () => {
    expect(new LineCursor('').advance()).toBe(false);
  });
});

describe('RecordRunCollector', () => {
  it('joins contiguous records and starts a new origin where the address jumps', () => {
    const builder = new MemoryImageBuilder();
    const runs = new RecordRunCollector(builder, 'f.hex');
    const src = Uint8Array.of(1, 2, 3, 4, 5, 6);
    runs.add(0x10, src, 0, 2, 1);
    runs.add(0x12, src, 2, 2, 2);
    runs.add(0x40, src, 4, 2, 7);
    runs.add(0x42, src, 0, 0, 8); // empty: ignored
    runs.flush();
    const img = builder.build();
    expect(img.segments.map((s) => [s.address, Array.from(s.data), s.origin?.describe(0), s.origin?.describe(3)])).toEqual([
      [0x10, [1, 2, 3, 4], 'f.hex:1', 'f.hex:2'],
      [0x40, [5, 6], 'f.hex:7', 'f.hex:7'],
    ]);
  });

  it('grows past its initial buffer', () => {
    const builder = new MemoryImageBuilder();
    const runs = new RecordRunCollector(builder, 'f');
    const chunk = new Uint8Array(255).fill(0x5a);
    for (let i = 0; i < 1000; i++) runs.add(i * 255, chunk, 0, 255, i + 1);
    runs.flush();
    const img = builder.build();
    expect(img.segments.length).toBe(1);
    expect(img.byteCount).toBe(255_000);
    expect(img.segments[0]!.origin?.describe(254_999)).toBe('f:1000');
  });
});

describe('message helpers', () => {
  it('show printable characters quoted and others as code points', () => {
    expect(describeChar('aG', 1)).toBe("'G'");
    expect(describeChar('\u0000', 0)).toBe('U+0000');
    expect(describeChar('\u00e9', 0)).toBe('U+00E9');
    expect(hexByte(0x0a)).toBe('0x0A');
  });
});
