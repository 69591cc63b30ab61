import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImxflashError } from '../errors/imxflash-error.js';
import { hexBytes } from '../util/hex.js';
import { DCD_MAX_SIZE, decodeDcd, encodeDcd, formatDcd, tryDecodeDcd, type Dcd, type DcdCommand, type DcdWidth } from './dcd.js';

const be = (...words: number[]): number[] => words.flatMap((w) => [(w >>> 24) & 0xff, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff]);

/**
 * A DCD shaped like SPSDK's RT1050 dcd_SDRAM.bin (research/spsdk.md §3.5): 0x45C bytes, starting
 * `D2 04 5C 41 CC 03 5C 04` (a 0x35C-byte Write Data command, width 4). The register values after
 * the first pair are made up; the rest of the file is other commands filling the length.
 */
function sdramShapedDcd(): Uint8Array {
  const pairs = [0x400fc068, 0x00c0000f, ...Array.from({ length: 106 }, (_, i) => [0x401f_8014 + 4 * i, i]).flat()];
  const bytes = [
    0xd2, 0x04, 0x5c, 0x41,
    0xcc, 0x03, 0x5c, 0x04, ...be(...pairs),
    0xcf, 0x00, 0x0c, 0x1c, ...be(0x402f_003c, 0x0000_0001), // check any bit set (SDK dcd.c style)
    0xcf, 0x00, 0x10, 0x04, ...be(0x402f_003c, 0x0000_0002, 100), // all clear, poll count 100
    0xc0, 0x00, 0x04, 0x00, // NOP
    0xb2, 0x00, 0x08, 0x1b, ...be(0x0000_0001), // unlock engine 0x1B, one value
    0xcc, 0x00, 0xd4, 0x1c, ...be(...Array.from({ length: 26 }, (_, i) => [0x400d_8000 + 4 * i, 1 << (i % 32)]).flat()), // set bits
  ];
  return Uint8Array.from(bytes);
}

const RUNS = { numRuns: 300 };
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const width = fc.constantFrom<DcdWidth>(1, 2, 4);
const arbCommand: fc.Arbitrary<DcdCommand> = fc.oneof(
  fc.record({
    kind: fc.constant('write' as const),
    op: fc.constantFrom('write' as const, 'clear-bits' as const, 'set-bits' as const, 'write-set-flag' as const),
    width,
    writes: fc.array(fc.record({ address: u32, value: u32 }), { maxLength: 10 }),
  }),
  fc
    .tuple(fc.constantFrom('all-clear' as const, 'all-set' as const, 'any-clear' as const, 'any-set' as const), width, u32, u32, fc.option(u32))
    .map(([op, w, address, mask, count]): DcdCommand =>
      count === null ? { kind: 'check', op, width: w, address, mask } : { kind: 'check', op, width: w, address, mask, count },
    ),
  fc.constant({ kind: 'nop' as const }),
  fc.record({ kind: fc.constant('unlock' as const), engine: fc.integer({ min: 0, max: 0xff }), values: fc.array(u32, { maxLength: 4 }) }),
);
const arbDcd: fc.Arbitrary<Dcd> = fc.record({ version: fc.constantFrom(0x40, 0x41), commands: fc.array(arbCommand, { maxLength: 20 }) });

describe('DCD codec (research/spsdk.md §3.5, research/imxrt.md §4.2)', () => {
  it('decodes the RT1050 SDRAM DCD header and first command', () => {
    const bytes = sdramShapedDcd();
    expect(bytes.length).toBe(0x45c);
    expect(hexBytes(bytes.subarray(0, 8))).toBe('d2 04 5c 41 cc 03 5c 04');
    const dcd = decodeDcd(bytes);
    expect(dcd.version).toBe(0x41);
    const first = dcd.commands[0];
    expect(first).toMatchObject({ kind: 'write', op: 'write', width: 4 });
    expect(first?.kind === 'write' && first.writes.length).toBe((0x35c - 4) / 8);
    expect(dcd.commands.map((c) => c.kind)).toEqual(['write', 'check', 'check', 'nop', 'unlock', 'write']);
    expect(hexBytes(encodeDcd(dcd))).toBe(hexBytes(bytes));
  });

  it('formats one line per register access', () => {
    const lines = formatDcd(decodeDcd(sdramShapedDcd()));
    expect(lines[0]).toBe('write32 0x400FC068 = 0x00C0000F');
    expect(lines.slice(107, 111)).toEqual([
      'check32 0x402F003C any-set 0x00000001',
      'check32 0x402F003C all-clear 0x00000002 count 100',
      'nop',
      'unlock engine 0x1B 0x00000001',
    ]);
    expect(lines[111]).toBe('set32 0x400D8000 bits 0x00000001');
    expect(
      formatDcd({
        version: 0x41,
        commands: [
          { kind: 'write', op: 'clear-bits', width: 2, writes: [{ address: 0x402f_0008, value: 0x3 }] },
          { kind: 'write', op: 'write', width: 1, writes: [{ address: 0x400a_c044, value: 0xaa }] },
          { kind: 'write', op: 'write-set-flag', width: 4, writes: [{ address: 0x1, value: 0x2 }] },
          { kind: 'check', op: 'all-set', width: 4, address: 0x400f_c000, mask: 0x8000_0000 },
        ],
      }),
    ).toEqual([
      'clear16 0x402F0008 bits 0x0003',
      'write8 0x400AC044 = 0xAA',
      'write32 0x00000001 = 0x00000002 (SET flag without MASK)',
      'check32 0x400FC000 all-set 0x80000000',
    ]);
  });

  it('writes the flag bits of research/imxrt.md §4.2', () => {
    const params = (commands: DcdCommand[]) => {
      const b = encodeDcd({ version: 0x41, commands });
      const out: number[] = [];
      for (let at = 4; at < b.length; at += ((b[at + 1] ?? 0) << 8) | (b[at + 2] ?? 0)) out.push(b[at + 3] ?? -1);
      return out;
    };
    const w = (op: 'write' | 'clear-bits' | 'set-bits'): DcdCommand => ({ kind: 'write', op, width: 4, writes: [] });
    const c = (op: 'all-clear' | 'all-set' | 'any-clear' | 'any-set'): DcdCommand => ({ kind: 'check', op, width: 4, address: 0, mask: 0 });
    expect(params([w('write'), w('clear-bits'), w('set-bits')])).toEqual([0x04, 0x0c, 0x1c]);
    expect(params([c('all-clear'), c('all-set'), c('any-clear'), c('any-set')])).toEqual([0x04, 0x14, 0x0c, 0x1c]);
  });

  it('ignores bytes after the DCD length and accepts version 0x40', () => {
    const bytes = new Uint8Array(0x500).fill(0xee);
    bytes.set(sdramShapedDcd());
    bytes[3] = 0x40;
    expect(decodeDcd(bytes).version).toBe(0x40);
  });

  it('reports header problems as DCD_BAD_HEADER and a size above 1768 as DCD_TOO_LARGE', () => {
    const golden = sdramShapedDcd();
    expect(() => decodeDcd(golden.subarray(0, 8))).toThrowError(expect.objectContaining({ code: 'DCD_BAD_HEADER' }));
    expect(() => decodeDcd(golden.subarray(0, 3))).toThrowError(expect.objectContaining({ code: 'DCD_BAD_HEADER' }));
    expect(() => decodeDcd(Uint8Array.from([0xd1, 0x00, 0x04, 0x41]))).toThrowError(expect.objectContaining({ code: 'DCD_BAD_HEADER' }));
    expect(() => decodeDcd(Uint8Array.from([0xd2, 0x00, 0x04, 0x42]))).toThrowError(expect.objectContaining({ code: 'DCD_BAD_HEADER' }));
    expect(() => decodeDcd(Uint8Array.from([0xd2, 0x00, 0x03, 0x41]))).toThrowError(expect.objectContaining({ code: 'DCD_BAD_HEADER' }));
    expect(decodeDcd(Uint8Array.from([0xd2, 0x00, 0x04, 0x41]))).toEqual({ version: 0x41, commands: [] });
    const big = new Uint8Array(1769);
    big.set([0xd2, 0x06, 0xe9, 0x41]);
    expect(() => decodeDcd(big)).toThrowError(expect.objectContaining({ code: 'DCD_TOO_LARGE' }));
    const writes = Array.from({ length: 221 }, () => ({ address: 0, value: 0 })); // 4 + 4 + 221·8 = 1776
    expect(() => encodeDcd({ version: 0x41, commands: [{ kind: 'write', op: 'write', width: 4, writes }] })).toThrowError(
      expect.objectContaining({ code: 'DCD_TOO_LARGE' }),
    );
    expect(encodeDcd({ version: 0x41, commands: [{ kind: 'write', op: 'write', width: 4, writes: writes.slice(0, 220) }] }).length).toBe(1768);
    expect(() => encodeDcd({ version: 0x42, commands: [] })).toThrowError(expect.objectContaining({ code: 'DCD_BAD_HEADER' }));
  });

  it('reports a bad command as DCD_BAD_COMMAND with its offset', () => {
    const dcdWith = (...cmd: number[]) => Uint8Array.from([0xd2, 0x00, 4 + 8 + cmd.length, 0x41, 0xc0, 0x00, 0x04, 0x00, 0xc0, 0x00, 0x04, 0x00, ...cmd]);
    const cases: number[][] = [
      [0xca, 0x00, 0x04, 0x00], // unknown tag (AUTH_DATA is CSF-only)
      [0xcc, 0x00, 0x0c, 0x03, ...be(0, 0)], // width 3
      [0xcc, 0x00, 0x0c, 0x24, ...be(0, 0)], // flag bit 5
      [0xcc, 0x00, 0x08, 0x04, ...be(0)], // Write Data with half a pair
      [0xcf, 0x00, 0x08, 0x04, ...be(0)], // Check Data without a mask
      [0xcf, 0x00, 0x14, 0x04, ...be(0, 0, 0, 0)], // Check Data with 2 extra words
      [0xc0, 0x00, 0x08, 0x00, ...be(0)], // NOP with a body
      [0xb2, 0x00, 0x06, 0x00, 0, 0], // Unlock of 6 bytes
      [0xcc, 0x00, 0x14, 0x04, ...be(0, 0)], // length runs past the DCD
      [0xcc, 0x00, 0x02, 0x04], // length below the command header
      [0xcc, 0x00], // 2 bytes left
    ];
    for (const cmd of cases) {
      const r = tryDecodeDcd(dcdWith(...cmd));
      expect(r.ok ? 'ok' : [r.error.code, r.error.details['offset']]).toEqual(['DCD_BAD_COMMAND', 12]);
    }
  });

  it('round-trips any command list: decode(encode(x)) = x', () => {
    fc.assert(
      fc.property(arbDcd, (dcd) => {
        const back = decodeDcd(encodeDcd(dcd));
        expect(back).toEqual(dcd);
        // An absent poll count stays absent (toEqual alone would accept count: undefined).
        expect(back.commands.map((c) => Object.keys(c).sort())).toEqual(dcd.commands.map((c) => Object.keys(c).sort()));
      }),
      RUNS,
    );
  });

  it('answers arbitrary bytes with a Dcd or an ImxflashError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (raw, header) => {
        const b = Uint8Array.from(raw);
        if (header && b.length >= 4) b.set([0xd2, 0x00, b.length & 0xff, 0x41]);
        try {
          const dcd = decodeDcd(b);
          expect(decodeDcd(encodeDcd(dcd))).toEqual(dcd);
        } catch (e) {
          expect(e).toBeInstanceOf(ImxflashError);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('answers corrupted valid DCDs with a Dcd or an ImxflashError', () => {
    fc.assert(
      fc.property(arbDcd, fc.nat(), fc.integer({ min: 0, max: 0xff }), (dcd, at, byte) => {
        const b = encodeDcd(dcd);
        b[at % b.length] = byte;
        try {
          expect(decodeDcd(b).commands.length).toBeLessThanOrEqual(b.length / 4);
        } catch (e) {
          expect(e).toBeInstanceOf(ImxflashError);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps DCD_MAX_SIZE at the IUL figure', () => {
    expect(DCD_MAX_SIZE).toBe(1768);
  });
});
