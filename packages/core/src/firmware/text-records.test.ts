import { describe, expect, it } from 'vitest';
import { MemoryImageBuilder } from '../image/memory-image.js';
import { describeChar, hexByte, lineEnd, RecordRunCollector, RecordText, trimLineEnd } from './text-records.js';

describe('RecordText and line ends', () => {
  it('walks lines by LF, trims trailing whitespace and skips a BOM', () => {
    const text = RecordText.from('\uFEFFa\r\n\r\n  \n b \t\nc');
    const { bytes } = text;
    const seen: Array<[number, string]> = [];
    for (let at = text.start, line = 1; at < bytes.length; line++) {
      const lf = lineEnd(bytes, at);
      const end = trimLineEnd(bytes, at, lf);
      if (end > at) seen.push([line, new TextDecoder().decode(bytes.subarray(at, end))]);
      at = lf + 1;
    }
    expect(seen).toEqual([
      [1, 'a'],
      [4, ' b'],
      [5, 'c'],
    ]);
  });

  it('skips the BOM a decoder drops and the one a text may still start with, as reading decoded text did', () => {
    const bom = [0xef, 0xbb, 0xbf];
    expect(RecordText.from(Uint8Array.of(...bom, 0x3a)).start).toBe(3);
    expect(RecordText.from(Uint8Array.of(...bom, ...bom, 0x3a)).start).toBe(6);
    expect(RecordText.from(Uint8Array.of(...bom, ...bom, ...bom, 0x3a)).start).toBe(6);
    expect(RecordText.from('\uFEFF\uFEFF:').start).toBe(3);
  });

  it('quotes a character as decoded text shows it, from bytes or from the caller\'s string', () => {
    const fromBytes = RecordText.from(new TextEncoder().encode(':0\n:1\u00e9\n:2\u{1F600}\n:3\uFEFF'));
    expect(fromBytes.describeChar(1, 0, 1)).toBe("'0'");
    expect(fromBytes.describeChar(5, 3, 2)).toBe('U+00E9');
    expect(fromBytes.describeChar(10, 8, 3)).toBe('U+D83D');
    expect(fromBytes.describeChar(17, 15, 4)).toBe('U+FEFF');
    expect(RecordText.from(Uint8Array.of(0x3a, 0xc3, 0x28)).describeChar(1, 0, 1)).toBe('U+FFFD'); // invalid UTF-8
    // A lone surrogate in a string is quoted as itself, not as the U+FFFD that encoding makes of it.
    const fromString = RecordText.from('\uFEFF:1\n:2\ud800');
    expect(fromString.describeChar(4, 3, 1)).toBe("'1'");
    expect(fromString.describeChar(8, 6, 2)).toBe('U+D800');
    expect(fromString.charCount(0, fromString.bytes.length)).toBe(7);
  });

  it('an empty text has no lines', () => {
    expect(RecordText.from('').bytes.length).toBe(0);
    expect(lineEnd(new Uint8Array(0), 0)).toBe(0);
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
    const runs = new RecordRunCollector(builder, 'f', 300);
    const chunk = new Uint8Array(255).fill(0x5a);
    runs.add(0x90_0000, chunk, 0, 10, 1);
    for (let i = 0; i < 1000; i++) runs.add(i * 255, chunk, 0, 255, i + 2);
    runs.flush();
    const img = builder.build();
    expect(img.segments.length).toBe(2);
    expect(img.byteCount).toBe(255_010);
    expect(img.segments[0]!.origin?.describe(254_999)).toBe('f:1001');
    expect(img.segments[1]!.origin?.describe(9)).toBe('f:1');
  });

  it('maps offsets to lines through stretches of equal records, short records and skipped lines', () => {
    const builder = new MemoryImageBuilder();
    const runs = new RecordRunCollector(builder, 'f.hex');
    const src = new Uint8Array(16);
    // Lines 1–3: 16 bytes each; line 4: 8 bytes; lines 6–7 (line 5 was an address record): 16 each.
    for (const [line, count] of [[1, 16], [2, 16], [3, 16], [4, 8], [6, 16], [7, 16]] as const) {
      const buffer = runs.reserve(count);
      buffer.set(src.subarray(0, count), runs.fill);
      runs.commit(0x100 + runs.fill, count, line);
    }
    runs.flush();
    const origin = builder.build().segments[0]!.origin!;
    expect([0, 15, 16, 47, 48, 55, 56, 71, 72, 87].map((o) => origin.describe(o))).toEqual(
      ['f.hex:1', 'f.hex:1', 'f.hex:2', 'f.hex:3', 'f.hex:4', 'f.hex:4', 'f.hex:6', 'f.hex:6', 'f.hex:7', 'f.hex:7'],
    );
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
