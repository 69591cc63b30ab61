import fc from 'fast-check';
import { ImxflashError } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { matchKnownIssues } from '../known-issues/match-known-issues.js';
import { jv } from '../version/jlink-version.js';
import { checkCommanderResult, type ExpectedOutcome } from './check-result.js';
import { parseCommanderOutput } from './parse-output.js';
import { TRANSCRIPTS as T } from './transcripts.js';

const one: ExpectedOutcome = { downloads: 1, verifies: 0, erases: 0 };
const none: ExpectedOutcome = { downloads: 0, verifies: 0, erases: 0 };
const ctx = { versionText: 'V7.94e' };
const fails = (stdout: string, exitCode: number | null, expected = one, c: Parameters<typeof checkCommanderResult>[2] = ctx): ImxflashError => {
  try {
    checkCommanderResult({ exitCode, stdout, stderr: '' }, expected, c);
  } catch (e) {
    return e as ImxflashError;
  }
  throw new Error('expected a failure');
};

describe('checkCommanderResult on register programs (w4 / mem32 / Sleep)', () => {
  it('w4, mem32 and Sleep lines count as no download, verify or erase: a clean run passes with nothing expected', () => {
    const out = 'J-Link>w4 0x402A8000, 0xFFFF80C0\nWriting FFFF80C0 -> 402A8000\nJ-Link>Sleep 1\nSleep(1)\nJ-Link>mem32 0x402A8014, 1\n402A8014 = 00000001\n\nScript processing completed.\n';
    expect(checkCommanderResult({ exitCode: 0, stdout: out, stderr: '' }, none, ctx)).toMatchObject({ downloads: [], verifiedOk: 0, erasesDone: 0, failures: [] });
  });
  it('"Could not read memory." after a mem32 → JLINK_READ_FAILED with a hint', () => {
    expect(fails('J-Link>mem32 0x402A8000, 1\nCould not read memory.\n', 1, none)).toMatchObject({ code: 'JLINK_READ_FAILED', details: { failure: 'memory-read-failed' }, hint: expect.stringContaining('--probe sdp') });
  });
});

describe('checkCommanderResult on the published transcripts (research/jlink.md §2.3)', () => {
  it('T-1: "Writing target memory failed." on V6.82d names the RT105x QSPI known issue and the other drivers', () => {
    const issues = matchKnownIssues(jv('6.82d'), { family: 'rt105x', flash: 'spi-nor' });
    const e = fails(T.t1WritingFailed, 1, one, { versionText: 'V6.82d', issues });
    expect(e).toMatchObject({ code: 'JLINK_WRITE_FAILED', details: { knownIssue: 'rt105x-qspi-4byte-loader', failure: 'write-failed' } });
    expect(e.message).toContain('Writing target memory failed.');
    expect(e.hint).toContain('known issue rt105x-qspi-4byte-loader');
    expect(e.hint).toContain('--probe sdp');
    expect(e.hint).toContain('--probe cmsis-dap');
  });
  it('T-1 on another version: the generic cause and fix', () => {
    const e = fails(T.t1WritingFailed, 0);
    expect(e.code).toBe('JLINK_WRITE_FAILED');
    expect(e.hint).toMatch(/^Likely cause: .*HyperFlash loader on a QSPI board/);
  });
  it('T-2: RAMCode preparation → JLINK_FLASH_PREPARE_FAILED with the FlexRAM cause', () => {
    expect(fails(T.t2PrepareRamcode, 1)).toMatchObject({ code: 'JLINK_FLASH_PREPARE_FAILED', hint: expect.stringContaining('FlexRAM') });
  });
  it('T-5 and T-14: "Cannot connect to target." → JLINK_CONNECT_FAILED even with exit code 0', () => {
    expect(fails(T.t5CannotConnect, 0)).toMatchObject({ code: 'JLINK_CONNECT_FAILED', details: { line: 'Cannot connect to target.' } });
    const e = fails(T.t14NoTarget, 0);
    expect(e).toMatchObject({ code: 'JLINK_CONNECT_FAILED', details: { exitCode: 0 } });
    expect((e.details as { otherFailures: string[] }).otherFailures).toEqual(['Cannot connect to target.', 'Writing failed.', 'Reading failed.']);
  });
  it('T-8: core does not stop → JLINK_FLASH_PREPARE_FAILED naming the HyperFlash default', () => {
    expect(fails(T.t8CoreDoesNotStop, 1)).toMatchObject({ code: 'JLINK_FLASH_PREPARE_FAILED', hint: expect.stringContaining('HyperFlash') });
  });
  it('T-13: failed to prepare for programming', () => {
    expect(fails(T.t13PrepareProgramming, 1).code).toBe('JLINK_FLASH_PREPARE_FAILED');
  });
  it('T-16: missing command file → JLINK_COMMAND_FILE_FAILED', () => {
    expect(fails(T.t16NoCommandFile, 1, none).code).toBe('JLINK_COMMAND_FILE_FAILED');
  });
  it('T-18, T-20, T-21, T-23: success in every summary form', () => {
    expect(checkCommanderResult({ exitCode: 0, stdout: T.t18Success, stderr: '' }, one, ctx).summaries).toEqual([
      { contentsMatched: false, totalSeconds: 0.767, speed: { value: 308, unit: 'KB/s' } },
    ]);
    expect(checkCommanderResult({ exitCode: 0, stdout: T.t20ContentsMatch, stderr: '' }, one, ctx).summaries).toEqual([{ contentsMatched: true }]);
    const t21 = checkCommanderResult({ exitCode: 0, stdout: T.t21OldWording, stderr: '' }, { downloads: 1, verifies: 0, erases: 1 }, ctx);
    expect(t21.summaries).toEqual([{ contentsMatched: false, totalSeconds: 0.505 }, { contentsMatched: false, totalSeconds: 0.903, speed: { value: 89, unit: 'KB/s' } }]);
    expect(checkCommanderResult({ exitCode: 0, stdout: T.t23Kibps, stderr: '' }, one, ctx).summaries[0]?.speed).toEqual({ value: 411, unit: 'KiB/s' });
  });
  it('ignores the headless GUI-server error lines', () => {
    expect(checkCommanderResult({ exitCode: 0, stdout: T.guiServerNoise, stderr: '' }, one, ctx).downloads).toEqual([{ file: '/tmp/x.bin', ok: true, contentsMatched: false }]);
  });
  it('verify errors carry the address', () => {
    const e = fails('Verify failed @ address 0x60001000.\nExpected 5A read FF\nERROR: Verify failed.\n', 1, { downloads: 0, verifies: 1, erases: 0 });
    expect(e).toMatchObject({ code: 'JLINK_VERIFY_FAILED', details: { address: 0x6000_1000 } });
    expect(e.message).toContain('at 0x60001000');
    expect(fails('Error while programming flash: Comparing flash contens failed.\n', 1).code).toBe('JLINK_VERIFY_FAILED');
  });
  it('unknown command, bad option, erase error, no probe', () => {
    expect(fails("Unknown command. '?' for help.\n", 1).code).toBe('JLINK_UNKNOWN_COMMAND');
    expect(fails('Unknown command line option -NoGui.\n', 1).code).toBe('JLINK_UNKNOWN_COMMAND');
    expect(fails('ERROR: Erase returned with error code -5.\n', 1).code).toBe('JLINK_ERASE_FAILED');
    expect(fails('Connecting to J-Link via USB...FAILED: Cannot connect to J-Link.\n', 1).code).toBe('JLINK_NO_PROBE');
    expect(fails('Could not find core in Coresight setup\n', 1).code).toBe('JLINK_CONNECT_FAILED');
  });
  it('never trusts the exit code alone: exit 0 without O.K. or Verify successful. fails', () => {
    expect(fails('Downloading file [/tmp/a.bin]...\nScript processing completed.\n', 0)).toMatchObject({
      code: 'JLINK_FAILED', details: { missing: ['1 of 1 downloads without O.K.'] },
    });
    expect(fails(T.t18Success, 0, { downloads: 1, verifies: 1, erases: 0 }).code).toBe('JLINK_FAILED');
    expect(fails(T.t18Success, 1).message).toContain('exited with 1');
  });
  it('only ever throws ImxflashError, whatever the output (fast-check)', () => {
    const line = fc.oneof(
      fc.string(),
      fc.constantFrom(...Object.values(T).flatMap((t) => t.split('\n'))),
      fc.constantFrom('O.K.', 'Verify successful.', 'Erasing done.', 'Downloading file [x]...', 'Verify failed @ address 0xZZ', 'J-Link: Flash download: Total: s'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.option(fc.integer({ min: -1, max: 255 }), { nil: null }), fc.nat(3), (lines, exitCode, n) => {
        try {
          checkCommanderResult({ exitCode, stdout: lines.join(fc.sample(fc.constantFrom('\n', '\r\n', '\r'), 1)[0]!), stderr: '' }, { downloads: n, verifies: n, erases: 0 }, ctx);
        } catch (e) {
          expect(e).toBeInstanceOf(ImxflashError);
        }
        expect(() => parseCommanderOutput(lines.join('\n'))).not.toThrow();
      }),
    );
  });
});
