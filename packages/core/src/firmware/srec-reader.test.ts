import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImxflashError } from '../errors/imxflash-error.js';
import { MemoryImage } from '../image/memory-image.js';
import { readSrec } from './srec-reader.js';
import { writeSrec } from './srec-writer.js';

const ADDRESS_BYTES: Record<number, number> = { 0: 2, 1: 2, 2: 3, 3: 4, 4: 2, 5: 2, 6: 3, 7: 4, 8: 3, 9: 2 };
/** One record with its checksum computed (one's complement of count + address + data). */
function srec(type: number, address: number, data: readonly number[] = [], addressBytes = ADDRESS_BYTES[type]!): string {
  const addr = Array.from({ length: addressBytes }, (_, i) => (address >>> (8 * (addressBytes - 1 - i))) & 0xff);
  const body = [addressBytes + data.length + 1, ...addr, ...data];
  const sum = body.reduce((a, b) => a + b, 0);
  return `S${type}` + [...body, ~sum & 0xff].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
}
const HELLO = Array.from('Hello world.\n\0', (c) => c.charCodeAt(0));

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

describe('readSrec', () => {
  it('the test helper reproduces well-known records', () => {
    expect(srec(1, 0x38, HELLO)).toBe('S111003848656C6C6F20776F726C642E0A0042');
    expect(srec(5, 3)).toBe('S5030003F9');
    expect(srec(9, 0)).toBe('S9030000FC');
  });

  it('reads S1 data, checks the S5 count and ignores the S0 header', () => {
    const text = [srec(0, 0, Array.from('hello', (c) => c.charCodeAt(0))), srec(1, 0x38, HELLO), srec(1, 0x46, [1]), srec(5, 2), srec(9, 0)].join('\n');
    const img = readSrec(text, 'a.s19');
    expect(segs(img)).toEqual([[0x38, [...HELLO, 1]]]);
    expect(img.entry).toBeUndefined();
  });

  it('reads S2 and S3 addresses, and the S8/S7 entry', () => {
    const s2 = readSrec([srec(2, 0x12_3456, [0xaa]), srec(8, 0x12_3456)].join('\n'), 'a.s28');
    expect(segs(s2)).toEqual([[0x12_3456, [0xaa]]]);
    expect(s2.entry).toBe(0x12_3456);
    const s3 = readSrec([srec(3, 0x6000_2000, [1, 2]), srec(3, 0x6000_2002, [3]), srec(7, 0x6000_2ab1)].join('\r\n'), 'a.s37');
    expect(segs(s3)).toEqual([[0x6000_2000, [1, 2, 3]]]);
    expect(s3.entry).toBe(0x6000_2ab1);
  });

  it('reads an S9 entry, and treats a termination address of 0 as "no entry"', () => {
    expect(readSrec([srec(1, 0, [1]), srec(9, 0x1234)].join('\n'), 'a').entry).toBe(0x1234);
    expect(readSrec([srec(1, 0, [1]), srec(7, 0)].join('\n'), 'a').entry).toBeUndefined();
  });

  it('checks an S6 (24-bit) record count', () => {
    expect(() => readSrec([srec(1, 0, [1]), srec(6, 1)].join('\n'), 'a')).not.toThrow();
    const e = errorOf(() => readSrec([srec(1, 0, [1]), srec(6, 2)].join('\n'), 'a.srec'));
    expect(e.code).toBe('SREC_BAD_RECORD');
    expect(e.message).toBe('a.srec:2: S6 says 2 data records, the file has 1 before it');
  });

  it('accepts blank lines, CRLF, trailing whitespace, lower-case digits and a missing termination record', () => {
    const text = `\r\n${srec(3, 0x10, [0xab]).toLowerCase().replace(/^s/, 'S')}  \r\n\n`;
    expect(segs(readSrec(text, 'a'))).toEqual([[0x10, [0xab]]]);
  });

  it('ignores everything after the termination record', () => {
    const text = [srec(1, 0, [1]), srec(9, 0), srec(1, 0x10, [2]), 'garbage'].join('\n');
    expect(segs(readSrec(text, 'a'))).toEqual([[0, [1]]]);
  });

  describe('errors name the file and 1-based line', () => {
    const good = srec(1, 0x38, HELLO);
    const cases: Array<[string, string, string, RegExp]> = [
      ['bad checksum', good.slice(0, -2) + '43', 'SREC_BAD_CHECKSUM', /checksum is 0x43, expected 0x42/],
      ['reserved S4', srec(4, 0, [1]), 'SREC_UNKNOWN_RECORD_TYPE', /S4 is a reserved record type/],
      ['not S', 'X' + good.slice(1), 'SREC_BAD_RECORD', /line starts with 'X', not 'S'/],
      ['no type digit', 'SX' + good.slice(2), 'SREC_BAD_RECORD', /'S' is followed by 'X', not a record type digit/],
      ['only S', 'S', 'SREC_BAD_RECORD', /truncated: nothing follows 'S'/],
      ['non-hex digit', good.slice(0, 10) + 'z' + good.slice(11), 'SREC_BAD_RECORD', /'z' at column 11 is not a hex digit/],
      ['odd digits', good + '0', 'SREC_BAD_RECORD', /odd number of hex digits/],
      ['truncated', 'S1', 'SREC_BAD_RECORD', /truncated: 0 hex digits after S1/],
      ['count mismatch', good.slice(0, -4) + good.slice(-2), 'SREC_BAD_RECORD', /count 0x11 needs 36 hex digits after S1, the line has 34/],
      ['count too small for the address', srec(3, 0, [], 2), 'SREC_BAD_RECORD', /an S3 record needs a count of at least 0x05, this one has 0x03/],
      ['S5 with data', srec(5, 0, [1]), 'SREC_BAD_RECORD', /an S5 record carries no data, this one has 1 bytes/],
      ['S5 count mismatch', srec(5, 7), 'SREC_BAD_RECORD', /S5 says 7 data records, the file has 1 before it/],
      ['S3 past 4 GiB', srec(3, 0xffff_fffe, [1, 2, 3]), 'SREC_ADDRESS_OVERFLOW', /data record at 0xFFFFFFFE \(\+3 bytes\) runs past 0xFFFFFFFF/],
    ];
    for (const [name, line, code, message] of cases) {
      it(`${name} → ${code}`, () => {
        const text = [srec(1, 0x1000, [1]), '', line, srec(9, 0)].join('\n');
        const e = errorOf(() => readSrec(text, 'out/app.s19'));
        expect(e.code).toBe(code);
        expect(e.message).toMatch(/^out\/app\.s19:3: /);
        expect(e.message).toMatch(message);
        expect(e.details).toEqual({ file: 'out/app.s19', line: 3 });
        expect(e.hint).toBeTruthy();
      });
    }
  });

  it('an overlap with different bytes → IMAGE_OVERLAP naming both lines', () => {
    const text = [srec(3, 0x100, [1, 2, 3, 4]), srec(3, 0x104, [5, 6]), srec(3, 0x900, [0]), srec(3, 0x105, [7])].join('\n');
    const e = errorOf(() => readSrec(text, 'a.s37'));
    expect(e.code).toBe('IMAGE_OVERLAP');
    expect(e.message).toMatch(/^a\.s37:2 and a\.s37:4 both write 0x00000105/);
  });

  describe('robustness', () => {
    const expectOnlyImxflashErrors = (text: string) => {
      try {
        readSrec(text, 'fuzz.srec');
      } catch (e) {
        expect(e).toBeInstanceOf(ImxflashError);
      }
    };

    it('arbitrary strings never throw anything but ImxflashError', () => {
      const anyText = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 }).map((units) => String.fromCharCode(...units));
      fc.assert(fc.property(anyText, expectOnlyImxflashErrors), { numRuns: 300 });
      const recordLike = fc.array(fc.tuple(fc.nat(9), fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFabcdefg \r\n'), maxLength: 60 })), { maxLength: 8 });
      fc.assert(fc.property(recordLike, (lines) => expectOnlyImxflashErrors(lines.map(([t, l]) => `S${t}${l}`).join('\n'))), { numRuns: 300 });
    });

    it('arbitrary bytes never throw anything but ImxflashError', () => {
      const expectOnlyImxflashErrorsFromBytes = (bytes: Uint8Array) => {
        try {
          readSrec(bytes, 'fuzz.srec');
        } catch (e) {
          expect(e).toBeInstanceOf(ImxflashError);
        }
      };
      fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), expectOnlyImxflashErrorsFromBytes), { numRuns: 300 });
      const recordBytes = fc.array(fc.constantFrom(...Array.from('S0123456789ABCDEFabcdefg \r\n', (c) => c.charCodeAt(0)), 0x00, 0x80, 0xc3, 0xef, 0xbb, 0xbf, 0xff), { maxLength: 300 });
      fc.assert(fc.property(recordBytes, (b) => expectOnlyImxflashErrorsFromBytes(Uint8Array.from([0x53, ...b]))), { numRuns: 300 });
    });

    it('reads bytes the same as the text, and quotes a non-ASCII character as the text shows it', () => {
      const utf8 = (text: string) => new TextEncoder().encode(text);
      const text = [srec(0, 0, HELLO), srec(1, 0x38, HELLO), srec(3, 0x6000_0000, [1, 2, 3]), srec(5, 2), srec(7, 0x6000_0001)].join('\r\n');
      const img = readSrec(Buffer.from('\uFEFF' + text), 'a.srec');
      expect(segs(img)).toEqual(segs(readSrec(text, 'a.srec')));
      expect(img.entry).toBe(0x6000_0001);
      const bad = [srec(1, 0, [1]), 'S1130038\u00e9'].join('\n');
      for (const input of [bad, utf8(bad)]) expect(errorOf(() => readSrec(input, 'a.srec')).message).toBe('a.srec:2: U+00E9 at column 9 is not a hex digit');
    });

    it('valid files with one character changed never throw anything but ImxflashError', () => {
      const image = MemoryImage.from([
        { address: 0x6000_0000, data: Uint8Array.from({ length: 70 }, (_, i) => i) },
        { address: 0xffff_ffe0, data: Uint8Array.from({ length: 32 }, (_, i) => 255 - i) },
      ], 0x6000_0101);
      const valid = writeSrec(image, { header: 'fuzz' });
      const alphabet = 'S0123456789ABCDEFZ \r\n\u0000\u00e9';
      fc.assert(
        fc.property(fc.nat(valid.length - 1), fc.nat(alphabet.length - 1), (at, pick) => {
          expectOnlyImxflashErrors(valid.slice(0, at) + alphabet[pick] + valid.slice(at + 1));
        }),
        { numRuns: 500 },
      );
    });
  });
});
