import { hex32, ImxflashError, type ProcessResult } from '@imxflash/core';
import type { KnownIssue } from '../known-issues/known-issue.js';
import { parseCommanderOutput, type CommanderOutput } from './parse-output.js';

/** What a run must show to count as success (the exit code alone never does, research/jlink.md §1.4). */
export interface ExpectedOutcome {
  /** loadbin commands: each needs `Downloading file […]` followed by `O.K.`. */
  readonly downloads: number;
  /** verifybin commands: each needs `Verify successful.`. */
  readonly verifies: number;
  /** erase-range commands: each needs `Erasing done.`. */
  readonly erases: number;
}

export interface ResultContext {
  /** `V6.82d`. */
  readonly versionText: string;
  /** Known issues of this version for the target, to name when the failure is their symptom. */
  readonly issues?: readonly KnownIssue[];
}

/**
 * Decides a Commander run (research/jlink.md §1.4 "recommended treatment"): any known failure
 * line → its coded error (cause and fix in the hint, known issue named when it matches); a
 * non-zero exit without one → JLINK_FAILED; exit 0 without every expected success marker →
 * JLINK_FAILED too (a Commander without ExitOnError exits 0 after failing). Throws only
 * ImxflashError; returns the parsed output on success.
 */
export function checkCommanderResult(result: Pick<ProcessResult, 'exitCode' | 'stdout' | 'stderr'>, expected: ExpectedOutcome, ctx: ResultContext): CommanderOutput {
  const out = parseCommanderOutput(`${result.stdout}\n${result.stderr}`);
  const tail = lastLines(result.stdout, 12);
  const first = out.failures[0];
  if (first !== undefined) {
    const p = first.pattern;
    const known = (ctx.issues ?? []).find((i) => i.severity === 'breaks-flashing' && sameSymptom(i, first.line));
    const at = p.code === 'JLINK_VERIFY_FAILED' && out.verifyFailedAt !== undefined ? ` at ${hex32(out.verifyFailedAt)}` : '';
    throw new ImxflashError(p.code, `J-Link ${ctx.versionText}: ${p.message}${at} ("${first.line}")`, {
      hint: `${known !== undefined ? `This is known issue ${known.id} of J-Link ${ctx.versionText}: ${known.cause} ` : `Likely cause: ${p.cause} `}Fix: ${known?.workaround ?? p.fix}`,
      details: {
        version: ctx.versionText,
        failure: p.id,
        line: first.line,
        otherFailures: out.failures.slice(1).map((f) => f.line),
        exitCode: result.exitCode,
        ...(known !== undefined ? { knownIssue: known.id } : {}),
        ...(out.verifyFailedAt !== undefined ? { address: out.verifyFailedAt } : {}),
        outputTail: tail,
      },
    });
  }
  const okDownloads = out.downloads.filter((d) => d.ok).length;
  const missing: string[] = [];
  if (okDownloads < expected.downloads) missing.push(`${expected.downloads - okDownloads} of ${expected.downloads} downloads without O.K.`);
  if (out.verifiedOk < expected.verifies) missing.push(`${expected.verifies - out.verifiedOk} of ${expected.verifies} verifies without "Verify successful."`);
  if (out.erasesDone < expected.erases) missing.push(`${expected.erases - out.erasesDone} of ${expected.erases} erases without "Erasing done."`);
  if (result.exitCode !== 0 || missing.length > 0) {
    throw new ImxflashError(
      'JLINK_FAILED',
      `J-Link ${ctx.versionText}: JLinkExe ${result.exitCode === 0 ? 'exited 0' : result.exitCode === null ? 'was killed' : `exited with ${result.exitCode}`} ${missing.length > 0 ? `but ${missing.join(', ')}` : 'without an error message imxflash knows'}`,
      {
        hint: 'The last lines of its output are in the details (--json). Retry with another J-Link version, or flash with --probe sdp or --probe cmsis-dap.',
        details: { version: ctx.versionText, exitCode: result.exitCode, missing, outputTail: tail },
      },
    );
  }
  return out;
}

function sameSymptom(issue: KnownIssue, line: string): boolean {
  return issue.symptom.includes(line) || (line.startsWith('Writing target memory failed') && issue.symptom.includes('Writing target memory failed'));
}

function lastLines(text: string, n: number): string {
  return text.replace(/\r\n?/g, '\n').trimEnd().split('\n').slice(-n).join('\n');
}
