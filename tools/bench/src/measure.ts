import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_RUNS = 5;
const DEFAULT_TIMEOUT_MS = 300_000;

export interface RunSample {
  /** Wall time around the run, from performance.now() (sub-millisecond). */
  readonly wallMs: number;
  /** GNU time's %e (10 ms resolution), a cross-check; undefined without /usr/bin/time or in-process. */
  readonly timeWallMs: number | undefined;
  /** GNU time's %M: the process's peak resident set, KiB; undefined without /usr/bin/time or in-process. */
  readonly peakRssKiB: number | undefined;
  /** What the process wrote to stdout (empty in-process). */
  readonly stdout: string;
}

export interface Measurement {
  readonly samples: readonly RunSample[];
  readonly medianWallMs: number;
  readonly maxPeakRssKiB: number | undefined;
}

export interface CommandOptions {
  readonly runs?: number;
  /** GNU time's path; undefined measures wall time only. */
  readonly timeBinary: string | undefined;
  readonly cwd?: string;
  readonly timeoutMs?: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(samples: readonly RunSample[]): Measurement {
  const rss = samples.map((s) => s.peakRssKiB).filter((v): v is number => v !== undefined);
  return { samples, medianWallMs: median(samples.map((s) => s.wallMs)), maxPeakRssKiB: rss.length > 0 ? Math.max(...rss) : undefined };
}

/**
 * Runs `argv` (no shell) `runs` times, each under `time -f '%e %M' -o <file>` when GNU time is
 * available. A run that fails, is killed or times out throws with the tail of its stderr.
 */
export function measureCommand(argv: readonly string[], options: CommandOptions): Measurement {
  const [program, ...args] = argv;
  if (program === undefined) throw new RangeError('measureCommand: empty argv');
  const runs = options.runs ?? DEFAULT_RUNS;
  const statsFile = join(tmpdir(), `imxflash-bench-time-${process.pid}.txt`);
  const samples: RunSample[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const [file, fileArgs] = options.timeBinary ? [options.timeBinary, ['-f', '%e %M', '-o', statsFile, program, ...args]] : [program, args];
      const t0 = performance.now();
      const r = spawnSync(file, fileArgs, { cwd: options.cwd, timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, encoding: 'utf8', maxBuffer: 64 << 20 });
      const wallMs = performance.now() - t0;
      if (r.error || r.status !== 0) {
        const why = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit code ${r.status}`;
        const tail = (r.stderr ?? '').trim().split('\n').slice(-8).join('\n');
        throw new Error(`${argv.join(' ')} failed (${why})${tail ? `:\n${tail}` : ''}`);
      }
      const stats = options.timeBinary ? parseTimeOutput(readFileSync(statsFile, 'utf8')) : undefined;
      samples.push({ wallMs, timeWallMs: stats?.wallMs, peakRssKiB: stats?.peakRssKiB, stdout: r.stdout });
    }
  } finally {
    rmSync(statsFile, { force: true });
  }
  return summarize(samples);
}

/** GNU time's `-f '%e %M'` line: "0.42 81234" (the last line; earlier ones say why a command failed). */
export function parseTimeOutput(text: string): { wallMs: number; peakRssKiB: number } {
  const last = text.trim().split('\n').at(-1) ?? '';
  const m = /^(\d+(?:\.\d+)?) (\d+)$/.exec(last.trim());
  if (!m) throw new Error(`unexpected GNU time output: ${JSON.stringify(text)}`);
  return { wallMs: Number(m[1]) * 1000, peakRssKiB: Number(m[2]) };
}

/**
 * Times `fn` in this process with performance.now(): `warmupRuns` unmeasured calls, then
 * `runs` measured ones. Peak RSS is not measurable per call in-process (left undefined).
 */
export function measureInProcess(fn: () => unknown, options: { runs?: number; warmupRuns?: number } = {}): Measurement {
  for (let i = 0; i < (options.warmupRuns ?? 1); i++) fn();
  const samples: RunSample[] = [];
  for (let run = 0; run < (options.runs ?? DEFAULT_RUNS); run++) {
    const t0 = performance.now();
    fn();
    samples.push({ wallMs: performance.now() - t0, timeWallMs: undefined, peakRssKiB: undefined, stdout: '' });
  }
  return summarize(samples);
}
