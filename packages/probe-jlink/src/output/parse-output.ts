import { FAILURE_PATTERNS, type FailurePattern } from './failure-patterns.js';

/** One `J-Link: Flash download:` summary (old "Total time needed:" and new "Total:" forms, KB/s or KiB/s). */
export interface FlashDownloadSummary {
  readonly totalSeconds?: number;
  /** As printed: SEGGER's older `KB/s` and newer `KiB/s`. */
  readonly speed?: { readonly value: number; readonly unit: 'KB/s' | 'KiB/s' };
  /** `Skipped. Contents already match`. */
  readonly contentsMatched: boolean;
}

export interface CommanderOutput {
  /**
   * `Downloading file [...]` lines, each with whether `O.K.` followed before the next download or
   * failure, and whether the DLL said `Skipped. Contents already match` for it (nothing written).
   */
  readonly downloads: readonly { readonly file: string; readonly ok: boolean; readonly contentsMatched: boolean }[];
  readonly verifiedOk: number;
  readonly erasesDone: number;
  readonly summaries: readonly FlashDownloadSummary[];
  /** Failure lines in output order, with the pattern each matched. */
  readonly failures: readonly { readonly line: string; readonly lineNumber: number; readonly pattern: FailurePattern }[];
  /** `Verify failed @ address 0x…` when printed. */
  readonly verifyFailedAt?: number;
  readonly scriptCompleted: boolean;
}

const DOWNLOAD_RE = /^Downloading file \[(.*)\]\.\.\.$/;
const TOTAL_RE = /^J-Link: Flash download: Total(?: time needed)?: ([\d.]+)s/;
const SPEED_RE = /^J-Link: Flash download: (?:Program & Verify|Program) speed: ([\d.]+) (KB|KiB)\/s/;
const MATCH_RE = /^J-Link: Flash download: Bank \d+ @ 0x[0-9A-Fa-f]+: Skipped\. Contents already match/;
const VERIFY_AT_RE = /^Verify failed @ address 0x([0-9A-Fa-f]+)/;

/**
 * Reads JLinkExe's stdout line by line (research/jlink.md §2). Never throws: arbitrary text
 * gives a result with what could be recognised. Lines it does not know (DLL chatter, the
 * headless `JLinkGUIServerExe` errors, echoed `J-Link>cmd` prompts) are ignored.
 */
export function parseCommanderOutput(stdout: string): CommanderOutput {
  const lines = stdout.replace(/\r\n?/g, '\n').split('\n');
  const downloads: { file: string; ok: boolean; contentsMatched: boolean }[] = [];
  const summaries: FlashDownloadSummary[] = [];
  const failures: { line: string; lineNumber: number; pattern: FailurePattern }[] = [];
  let verifiedOk = 0;
  let erasesDone = 0;
  let verifyFailedAt: number | undefined;
  let scriptCompleted = false;
  let openDownload: { file: string; ok: boolean; contentsMatched: boolean } | undefined;
  let summary: { totalSeconds?: number; speed?: FlashDownloadSummary['speed']; contentsMatched: boolean } | undefined;

  lines.forEach((raw, index) => {
    // Since V7.60 script mode echoes `J-Link>cmd`; the echo never carries a result, so drop it.
    const line = raw.trim();
    if (line === '' || line.startsWith('J-Link>')) return;
    const download = DOWNLOAD_RE.exec(line);
    if (download !== null) {
      openDownload = { file: download[1]!, ok: false, contentsMatched: false };
      downloads.push(openDownload);
      summary = undefined;
      return;
    }
    if (line === 'O.K.') {
      if (openDownload !== undefined) openDownload.ok = true;
      openDownload = undefined;
      return;
    }
    if (line === 'Verify successful.') verifiedOk++;
    else if (line === 'Erasing done.') erasesDone++;
    else if (line === 'Script processing completed.') scriptCompleted = true;
    const total = TOTAL_RE.exec(line);
    const speed = SPEED_RE.exec(line);
    const matched = MATCH_RE.test(line);
    if (total !== null || speed !== null || matched) {
      summary ??= { contentsMatched: false };
      if (summaries.at(-1) !== summary) summaries.push(summary);
      if (total !== null) summary.totalSeconds = Number(total[1]);
      if (speed !== null) summary.speed = { value: Number(speed[1]), unit: speed[2] === 'KB' ? 'KB/s' : 'KiB/s' };
      if (matched) {
        summary.contentsMatched = true;
        if (openDownload !== undefined) openDownload.contentsMatched = true;
      }
    }
    const at = VERIFY_AT_RE.exec(line);
    if (at !== null && verifyFailedAt === undefined) verifyFailedAt = Number.parseInt(at[1]!, 16);
    for (const pattern of FAILURE_PATTERNS) {
      if (pattern.re.test(line)) {
        failures.push({ line, lineNumber: index + 1, pattern });
        openDownload = undefined;
        break;
      }
    }
  });
  return { downloads, verifiedOk, erasesDone, summaries, failures, ...(verifyFailedAt !== undefined ? { verifyFailedAt } : {}), scriptCompleted };
}
