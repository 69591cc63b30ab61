import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImxflashError } from '../errors/imxflash-error.js';
import { MemoryImage } from '../image/memory-image.js';
import { readIntelHex } from './intel-hex-reader.js';
import { writeIntelHex } from './intel-hex-writer.js';

/** One record with its checksum computed (two's complement of the byte sum). */
function rec(offset: number, type: number, data: readonly number[]): string {
  const bytes = [data.length, offset >> 8, offset & 0xff, type, ...data];
  const sum = bytes.reduce((a, b) => a + b, 0);
  return ':' + [...bytes, -sum & 0xff].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
}
const EOF_RECORD = ':00000001FF';
const CLASSIC = ':10010000214601360121470136007EFE09D2190140';
const CLASSIC_DATA = [0x21, 0x46, 0x01, 0x36, 0x01, 0x21, 0x47, 0x01, 0x36, 0x00, 0x7e, 0xfe, 0x09, 0xd2, 0x19, 0x01];

const segs = (img: MemoryImage) => img.segments.map((s) => [s.address, Array.from(s.data)]);
const errorOf = (f: () => unknown): ImxflashError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ImxflashError) return e;
    throw e;
  }
  throw new Error('did not throw');
};

describe('readIntelHex', () => {
  it('the test helper reproduces the classic record and the EOF record', () => {
    expect(rec(0x0100, 0, CLASSIC_DATA)).toBe(CLASSIC);
    expect(rec(0, 1, [])).toBe(EOF_RECORD);
  });

  it('reads the classic data record', () => {
    const img = readIntelHex(`${CLASSIC}\n${EOF_RECORD}\n`, 'app.hex');
    expect(segs(img)).toEqual([[0x100, CLASSIC_DATA]]);
    expect(img.entry).toBeUndefined();
  });

  it('joins contiguous records into one segment and keeps gaps', () => {
    const text = [rec(0x0000, 0, [1, 2]), rec(0x0002, 0, [3]), rec(0x0010, 0, [9]), EOF_RECORD].join('\n');
    expect(segs(readIntelHex(text, 'a.hex'))).toEqual([
      [0x0, [1, 2, 3]],
      [0x10, [9]],
    ]);
  });

  it('accepts CRLF, blank lines, trailing whitespace, lower-case digits, a BOM and a missing final newline', () => {
    const text = `\uFEFF\r\n${CLASSIC.toLowerCase()} \t\r\n\r\n  \n${EOF_RECORD}`;
    expect(segs(readIntelHex(text, 'a.hex'))).toEqual([[0x100, CLASSIC_DATA]]);
  });

  it('accepts a file without an EOF record', () => {
    expect(segs(readIntelHex(CLASSIC, 'a.hex'))).toEqual([[0x100, CLASSIC_DATA]]);
  });

  it('ignores everything after the EOF record, even garbage', () => {
    const text = [rec(0, 0, [7]), EOF_RECORD, rec(0x10, 0, [8]), 'not a record', '\u001a'].join('\n');
    expect(segs(readIntelHex(text, 'a.hex'))).toEqual([[0x0, [7]]]);
  });

  it('places data with extended linear address records (type 04)', () => {
    const text = [rec(0, 4, [0x60, 0x00]), rec(0x1000, 0, [0xaa, 0xbb]), rec(0, 4, [0x60, 0x01]), rec(0x0000, 0, [0xcc]), EOF_RECORD].join('\n');
    expect(segs(readIntelHex(text, 'a.hex'))).toEqual([
      [0x6000_1000, [0xaa, 0xbb]],
      [0x6001_0000, [0xcc]],
    ]);
  });

  it('lets linear data run across a 64 KiB boundary', () => {
    const text = [rec(0, 4, [0x00, 0x02]), rec(0xfffe, 0, [1, 2, 3, 4]), EOF_RECORD].join('\n');
    expect(segs(readIntelHex(text, 'a.hex'))).toEqual([[0x2_fffe, [1, 2, 3, 4]]]);
  });

  it('places data with extended segment address records (type 02): base = value × 16', () => {
    const text = [rec(0, 2, [0x12, 0x34]), rec(0x0010, 0, [5, 6]), EOF_RECORD].join('\n');
    expect(segs(readIntelHex(text, 'a.hex'))).toEqual([[0x12340 + 0x10, [5, 6]]]);
  });

  it('wraps segment-mode offsets within the 64 KiB segment', () => {
    const text = [rec(0, 2, [0x10, 0x00]), rec(0xfffe, 0, [1, 2, 3, 4]), EOF_RECORD].join('\n');
    expect(segs(readIntelHex(text, 'a.hex'))).toEqual([
      [0x1_0000, [3, 4]],
      [0x1_0000 + 0xfffe, [1, 2]],
    ]);
  });

  it('a type 04 record after type 02 switches back to linear addressing', () => {
    const text = [rec(0, 2, [0xff, 0xff]), rec(0, 4, [0x00, 0x01]), rec(0xffff, 0, [1, 2]), EOF_RECORD].join('\n');
    expect(segs(readIntelHex(text, 'a.hex'))).toEqual([[0x1_ffff, [1, 2]]]);
  });

  it('takes the entry from a start linear address record (type 05)', () => {
    const text = [rec(0, 0, [1]), rec(0, 5, [0x60, 0x00, 0x2a, 0xb1]), EOF_RECORD].join('\n');
    expect(readIntelHex(text, 'a.hex').entry).toBe(0x6000_2ab1);
  });

  it('takes the entry from a start segment address record (type 03): CS × 16 + IP', () => {
    const text = [rec(0, 0, [1]), rec(0, 3, [0x12, 0x34, 0x00, 0x05]), EOF_RECORD].join('\n');
    expect(readIntelHex(text, 'a.hex').entry).toBe(0x12340 + 0x5);
  });

  it('returns an empty image for a file with only an EOF record', () => {
    const img = readIntelHex(EOF_RECORD, 'a.hex');
    expect(img.isEmpty).toBe(true);
  });

  describe('errors name the file and 1-based line', () => {
    const cases: Array<[string, string, string, RegExp]> = [
      ['bad checksum', CLASSIC.slice(0, -2) + '41', 'HEX_BAD_CHECKSUM', /checksum is 0x41, expected 0x40/],
      ['non-hex digit', ':10010000214601360121470136007EFE09D21901G0', 'HEX_BAD_RECORD', /'G' at column 42 is not a hex digit/],
      ['odd number of digits', CLASSIC + '0', 'HEX_BAD_RECORD', /odd number of hex digits \(43\)/],
      ['truncated record', ':00000000', 'HEX_BAD_RECORD', /truncated: 8 hex digits/],
      ['missing data bytes', ':10010000214601360121470136007EFE09D240', 'HEX_BAD_RECORD', /byte count 0x10 needs 42 hex digits after ':', the line has 38/],
      ['missing colon', CLASSIC.slice(1), 'HEX_BAD_RECORD', /line starts with '1', not ':'/],
      ['leading space', ' ' + CLASSIC, 'HEX_BAD_RECORD', /line starts with ' ', not ':'/],
      ['control character', ':1001\u00000000', 'HEX_BAD_RECORD', /U\+0000 at column 6 is not a hex digit/],
      ['unknown type', rec(0, 6, []), 'HEX_UNKNOWN_RECORD_TYPE', /record type 0x06 is not an Intel HEX type/],
      ['EOF with data', rec(0, 1, [0]), 'HEX_BAD_RECORD', /type 0x01 \(end-of-file\) record carries 0 data bytes, this one 1/],
      ['short type 04', rec(0, 4, [0x60]), 'HEX_BAD_RECORD', /type 0x04 \(extended linear address\) record carries 2 data bytes, this one 1/],
      ['long type 05', rec(0, 5, [1, 2, 3, 4, 5]), 'HEX_BAD_RECORD', /type 0x05 .* carries 4 data bytes, this one 5/],
      ['too long', ':' + '0'.repeat(522), 'HEX_BAD_RECORD', /522 hex digits; the longest possible has 520/],
    ];
    for (const [name, line, code, message] of cases) {
      it(`${name} → ${code}`, () => {
        const text = [rec(0, 0, [1]), '', line, EOF_RECORD].join('\r\n');
        const e = errorOf(() => readIntelHex(text, 'fw/app.hex'));
        expect(e.code).toBe(code);
        expect(e.message).toMatch(/^fw\/app\.hex:3: /);
        expect(e.message).toMatch(message);
        expect(e.details).toEqual({ file: 'fw/app.hex', line: 3 });
        expect(e.hint).toBeTruthy();
      });
    }

    it('data past 4 GiB → HEX_ADDRESS_OVERFLOW', () => {
      const text = [rec(0, 4, [0xff, 0xff]), rec(0xfff0, 0, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]), rec(0xfff8, 0, new Array(9).fill(0))].join('\n');
      const e = errorOf(() => readIntelHex(text, 'a.hex'));
      expect(e.code).toBe('HEX_ADDRESS_OVERFLOW');
      expect(e.message).toBe('a.hex:3: data record at 0xFFFFFFF8 (+9 bytes) runs past 0xFFFFFFFF');
    });

    it('data ending exactly at 4 GiB is fine', () => {
      const text = [rec(0, 4, [0xff, 0xff]), rec(0xfffc, 0, [1, 2, 3, 4])].join('\n');
      expect(segs(readIntelHex(text, 'a.hex'))).toEqual([[0xffff_fffc, [1, 2, 3, 4]]]);
    });
  });

  describe('overlaps', () => {
    it('two records writing different bytes → IMAGE_OVERLAP naming both lines', () => {
      const text = [rec(0x100, 0, [1, 2, 3, 4]), rec(0x200, 0, [5]), rec(0x102, 0, [3, 9]), EOF_RECORD].join('\n');
      const e = errorOf(() => readIntelHex(text, 'app.hex'));
      expect(e.code).toBe('IMAGE_OVERLAP');
      expect(e.message).toMatch(/^app\.hex:1 and app\.hex:3 both write 0x00000103/);
    });

    it('names the right lines when the overlap is deep inside later runs', () => {
      // Run A: lines 1–2 (0x100..0x120); run B: lines 3–4 (0x200..0x220); run C: line 5 overlaps B's second record.
      const sixteen = (v: number) => new Array(16).fill(v);
      const text = [
        rec(0x100, 0, sixteen(1)),
        rec(0x110, 0, sixteen(2)),
        rec(0x200, 0, sixteen(3)),
        rec(0x210, 0, sixteen(4)),
        rec(0x214, 0, [4, 4, 7]),
        EOF_RECORD,
      ].join('\n');
      const e = errorOf(() => readIntelHex(text, 'app.hex'));
      expect(e.message).toMatch(/^app\.hex:4 and app\.hex:5 both write 0x00000216 with different bytes \(0x04 vs 0x07\)/);
    });

    it('accepts records that repeat the same bytes', () => {
      const text = [rec(0x10, 0, [1, 2, 3]), rec(0x11, 0, [2, 3, 4]), EOF_RECORD].join('\n');
      expect(segs(readIntelHex(text, 'a.hex'))).toEqual([[0x10, [1, 2, 3, 4]]]);
    });
  });

  describe('bytes in, as the file holds them', () => {
    const utf8 = (text: string) => new TextEncoder().encode(text);

    it('reads bytes (a Buffer too) the same as the text, with or without a BOM', () => {
      const text = [rec(0x0000, 0, [1, 2]), rec(0x0002, 0, [3]), CLASSIC, rec(0, 5, [0x60, 0x00, 0x2a, 0xb1]), EOF_RECORD].join('\r\n');
      const expected = readIntelHex(text, 'a.hex');
      for (const input of [utf8(text), Buffer.from(text), utf8('\uFEFF' + text), utf8('\uFEFF\uFEFF' + text)]) {
        const img = readIntelHex(input, 'a.hex');
        expect(segs(img)).toEqual(segs(expected));
        expect(img.entry).toBe(0x6000_2ab1);
      }
    });

    it('quotes a non-ASCII character as the decoded text shows it, at its column', () => {
      const text = [rec(0, 0, [1]), ':10010000214601360121\u00e947'].join('\n');
      for (const input of [text, utf8(text)]) {
        expect(errorOf(() => readIntelHex(input, 'a.hex')).message).toBe('a.hex:2: U+00E9 at column 22 is not a hex digit');
      }
      const invalid = Uint8Array.of(...utf8(':1001'), 0xff, ...utf8('00'));
      expect(errorOf(() => readIntelHex(invalid, 'a.hex')).message).toBe('a.hex:1: U+FFFD at column 6 is not a hex digit');
    });

    it('counts a too-long line in characters, as the text has them', () => {
      const text = ':' + '\u00e9'.repeat(300);
      for (const input of [text, utf8(text)]) expect(errorOf(() => readIntelHex(input, 'a.hex')).message).toBe('a.hex:1: U+00E9 at column 2 is not a hex digit');
      expect(errorOf(() => readIntelHex(utf8(':' + '\u00e9'.repeat(600)), 'a.hex')).message).toMatch(/^a\.hex:1: record has 600 hex digits/);
    });

    it('names the lines of an overlap inside long runs of records (origins kept per stretch of lines)', () => {
      const image = MemoryImage.from([{ address: 0x6000_0000, data: Uint8Array.from({ length: 0x2_0010 }, (_, i) => i & 0xff) }]);
      const lines = writeIntelHex(image).trimEnd().split('\n');
      // 0x6001_0123 is in the data record for 0x6001_0120 (a type 04 record precedes each 64 KiB).
      const clash = rec(0x0120, 0, [0x20, 0x21, 0x22, 0x99]);
      const text = [...lines.slice(0, -1), rec(0, 4, [0x60, 0x01]), clash, lines.at(-1)!].join('\n');
      const segment = lines.indexOf(rec(0, 4, [0x60, 0x01]));
      const line = lines.findIndex((l, i) => i > segment && l.startsWith(':10012000')) + 1;
      expect(line).toBe(1 + 0x1000 + 1 + 0x12 + 1); // 04, 4096 records, 04, 0x12 records, this one
      expect(errorOf(() => readIntelHex(utf8(text), 'big.hex')).message).toBe(
        `big.hex:${line} and big.hex:${lines.length + 1} both write 0x60010123 with different bytes (0x23 vs 0x99)`,
      );
    });
  });

  describe('robustness', () => {
    const expectOnlyImxflashErrors = (text: string) => {
      try {
        readIntelHex(text, 'fuzz.hex');
      } catch (e) {
        expect(e).toBeInstanceOf(ImxflashError);
      }
    };

    it('arbitrary strings never throw anything but ImxflashError', () => {
      // Any UTF-16 code unit, lone surrogates included (what a decoder may hand over).
      const anyText = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 }).map((units) => String.fromCharCode(...units));
      fc.assert(fc.property(anyText, expectOnlyImxflashErrors), { numRuns: 300 });
      const recordLike = fc.array(fc.string({ unit: fc.constantFrom(...':0123456789ABCDEFabcdefg \r\n'), maxLength: 60 }), { maxLength: 8 });
      fc.assert(fc.property(recordLike, (lines) => expectOnlyImxflashErrors(lines.map((l) => ':' + l).join('\n'))), { numRuns: 300 });
    });

    it('arbitrary bytes never throw anything but ImxflashError', () => {
      const expectOnlyImxflashErrorsFromBytes = (bytes: Uint8Array) => {
        try {
          readIntelHex(bytes, 'fuzz.hex');
        } catch (e) {
          expect(e).toBeInstanceOf(ImxflashError);
        }
      };
      fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), expectOnlyImxflashErrorsFromBytes), { numRuns: 300 });
      const recordBytes = fc.array(fc.constantFrom(...Array.from(':0123456789ABCDEFabcdefg \r\n', (c) => c.charCodeAt(0)), 0x00, 0x80, 0xc3, 0xef, 0xbb, 0xbf, 0xff), { maxLength: 300 });
      fc.assert(fc.property(recordBytes, (b) => expectOnlyImxflashErrorsFromBytes(Uint8Array.from([0x3a, ...b]))), { numRuns: 300 });
    });

    it('valid files with one character changed never throw anything but ImxflashError', () => {
      const image = MemoryImage.from([
        { address: 0x6000_0000, data: Uint8Array.from({ length: 70 }, (_, i) => i) },
        { address: 0x6000_fff0, data: Uint8Array.from({ length: 40 }, (_, i) => 255 - i) },
      ], 0x6000_0101);
      const valid = writeIntelHex(image);
      const alphabet = ':0123456789ABCDEFZ \r\n\u0000\u00e9';
      fc.assert(
        fc.property(fc.nat(valid.length - 1), fc.nat(alphabet.length - 1), (at, pick) => {
          expectOnlyImxflashErrors(valid.slice(0, at) + alphabet[pick] + valid.slice(at + 1));
        }),
        { numRuns: 500 },
      );
    });
  });
});
