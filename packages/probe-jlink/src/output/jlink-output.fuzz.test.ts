import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJlinkBanner } from '../version/banner.js';
import { tryParseJlinkVersion, versionFromFolderName } from '../version/jlink-version.js';
import { checkCommanderResult } from './check-result.js';
import { parseEmulatorList } from './emulator-list.js';
import { parseMem32Reads } from './parse-mem32.js';
import { parseCommanderOutput } from './parse-output.js';
import { TRANSCRIPTS } from './transcripts.js';
import { expectOnlyImxflashErrors, fuzzRuns } from '@imxflash/core/testing';

/*
 * JLinkExe output parsers under ≥ 10,000 arbitrary outputs per run (issue 8): the parsers never
 * throw, and the run verdict throws only coded ImxflashErrors with hints. Inputs mix real lines
 * (the published transcripts, cut at line boundaries) with arbitrary text, so the cases reach the
 * failure table and the summary regexes. IMXFLASH_FUZZ_RUNS overrides the count (as
 * packages/core/src/fuzz/fuzz-runs.ts).
 */
const RUNS = fuzzRuns();

const realLines = Object.values(TRANSCRIPTS).flatMap((t) => t.split('\n'));
const extraLines = [
  'SEGGER J-Link Commander V7.94g (Compiled Nov 29 2023 13:44:34)', 'DLL version V6.82d, compiled', 'Verify failed @ address 0x60001000',
  'J-Link[0]: Connection: USB, Serial number: 600112345, ProductName: J-Link V11', 'Verify successful.', 'Erasing done.', 'O.K.',
  'J-Link: Flash download: Total time needed: 1.5s (Prepare: 0.1s)', 'J-Link: Flash download: Program speed: 99999999999 KiB/s',
];
const line = fc.oneof(fc.constantFrom(...realLines, ...extraLines), fc.string({ maxLength: 60 }), fc.constantFrom(...realLines).chain((l) => fc.nat({ max: l.length }).map((n) => l.slice(0, n))));
const output = fc.array(line, { maxLength: 30 }).chain((ls) => fc.constantFrom('\n', '\r\n', '\r').map((eol) => ls.join(eol)));

describe('fuzz: JLinkExe output', () => {
  it('parseCommanderOutput never throws and its counts are consistent', () => {
    fc.assert(
      fc.property(output, (text) => {
        const out = parseCommanderOutput(text);
        expect(out.verifiedOk).toBeGreaterThanOrEqual(0);
        expect(out.erasesDone).toBeGreaterThanOrEqual(0);
        for (const f of out.failures) expect(f.pattern.code).toMatch(/^[A-Z_]+$/);
      }),
      RUNS,
    );
  });

  it('checkCommanderResult throws only coded errors with hints', () => {
    const exitCode = fc.constantFrom(0, 1, 255, null);
    const expected = fc.record({ downloads: fc.nat({ max: 2 }), verifies: fc.nat({ max: 2 }), erases: fc.nat({ max: 1 }) });
    fc.assert(
      fc.property(output, output, exitCode, expected, (stdout, stderr, code, exp) => {
        expectOnlyImxflashErrors(() => checkCommanderResult({ exitCode: code, stdout, stderr }, exp, { versionText: 'V7.94g' }));
      }),
      RUNS,
    );
  });

  it('parseMem32Reads returns the word of every read or throws a coded error', () => {
    const address = fc.constantFrom(0x402a_8000, 0x402a_8014, 0x402a_8100, 0x400f_c080);
    const memLine = fc.tuple(address, fc.nat(), fc.boolean()).map(([a, v, prefix]) => `${prefix ? '0x' : ''}${a.toString(16).padStart(8, '0')} = ${(v >>> 0).toString(16).padStart(8, '0')}`);
    const mixed = fc.array(fc.oneof(line, memLine), { maxLength: 30 }).map((ls) => ls.join('\n'));
    const reads = fc.array(address, { maxLength: 4 }).map((as) => as.map((a, index) => ({ index, address: a })));
    fc.assert(
      fc.property(mixed, reads, (text, rs) => {
        let words: Map<number, number> | undefined;
        expectOnlyImxflashErrors(() => {
          words = parseMem32Reads(text, rs);
        });
        if (words !== undefined) for (const r of rs) expect(words.get(r.index)).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('banner, emulator list and version texts never throw', () => {
    fc.assert(
      fc.property(output, fc.string({ maxLength: 20 }), (text, word) => {
        parseJlinkBanner(text);
        parseEmulatorList(text);
        tryParseJlinkVersion(word);
        versionFromFolderName(`JLink_${word}`);
      }),
      RUNS,
    );
  });
});
