import { spawnSync } from 'node:child_process';
import { median } from './measure.js';
import type { SimEraseMode, SimFlexspiPassResult } from './sim-flexspi-pass.js';

/** The sim's own speed goal: flash data per wall second through raw FlexSPI register writes. */
export const SIM_GOAL_MIB_PER_S = 20;

export interface SimFlexspiBenchOptions {
  readonly runs: number;
  /** dist/sim-flexspi-child.js: one pass per fresh process, so peak RSS is the pass's own. */
  readonly childScript: string;
  readonly log: (line: string) => void;
}

export interface SimFlexspiRow {
  readonly erase: SimEraseMode;
  readonly sizeBytes: number;
  readonly pages: number;
  readonly medianWallMs: number;
  readonly medianEraseWallMs: number;
  /** sizeBytes per median wall second, MiB/s. */
  readonly mibPerS: number;
  /** Modelled hardware time (the same on every run: the sim is deterministic). */
  readonly modelledMs: number;
  /** Datasheet-typical busy time alone: erases + pages × tPP (research/imxrt.md §2.4). */
  readonly busyBoundMs: number;
  readonly ipCommands: number;
  readonly statusPolls: number;
  readonly maxPeakRssKiB: number;
}

type ChildResult = SimFlexspiPassResult & { readonly maxRssKiB: number };

/** IS25WP064A typical times (research/imxrt.md §2.4, the part's database entry). */
const TYP_MS = { block64k: 150, chip: 25_000, page: 0.2 } as const;

/**
 * Runs the sim benchmark: for block erase and for chip erase, `runs` fresh processes each erase
 * and program the whole 8 MiB IS25WP064A of a `createSimBoard()` board through raw FlexSPI
 * register writes. Every pass checks the flash content; a wrong one fails the benchmark (a
 * correctness check, not a timing assertion).
 */
export function runSimFlexspiBench(options: SimFlexspiBenchOptions): SimFlexspiRow[] {
  const rows: SimFlexspiRow[] = [];
  for (const erase of ['blocks', 'chip'] as const) {
    const results: ChildResult[] = [];
    for (let run = 0; run < options.runs; run++) {
      const r = spawnSync(process.execPath, [options.childScript, erase], { encoding: 'utf8', timeout: 300_000 });
      if (r.status !== 0) throw new Error(`sim bench child (${erase}) failed: ${r.error?.message ?? r.stderr.slice(-2000)}`);
      const result = JSON.parse(r.stdout.trim()) as ChildResult;
      if (!result.verified) throw new Error(`sim bench (${erase}, run ${run + 1}): the flash does not hold the programmed image`);
      results.push(result);
      options.log(`  sim ${erase}: run ${run + 1}/${options.runs}: ${result.wallMs.toFixed(0)} ms wall, ${(result.modelledMs / 1000).toFixed(2)} s modelled`);
    }
    const first = results[0];
    if (first === undefined) throw new RangeError('runs must be ≥ 1');
    const medianWallMs = median(results.map((r) => r.wallMs));
    const erases = erase === 'chip' ? TYP_MS.chip : (first.sizeBytes / (64 * 1024)) * TYP_MS.block64k;
    rows.push({
      erase,
      sizeBytes: first.sizeBytes,
      pages: first.pages,
      medianWallMs,
      medianEraseWallMs: median(results.map((r) => r.eraseWallMs)),
      mibPerS: first.sizeBytes / (1 << 20) / (medianWallMs / 1000),
      modelledMs: first.modelledMs,
      busyBoundMs: erases + first.pages * TYP_MS.page,
      ipCommands: first.ipCommands,
      statusPolls: first.statusPolls,
      maxPeakRssKiB: Math.max(...results.map((r) => r.maxRssKiB)),
    });
  }
  return rows;
}

const HEADERS = ['erase', 'data', 'median wall ms', 'MiB/s wall', 'modelled s', 'busy bound s', 'IP commands', 'status polls', 'peak RSS MiB'] as const;

function cells(row: SimFlexspiRow): string[] {
  return [
    row.erase === 'chip' ? 'chip erase' : `${row.sizeBytes / (64 * 1024)} × 64 KiB`,
    `${row.sizeBytes / (1 << 20)} MiB, ${row.pages} pages`,
    row.medianWallMs.toFixed(0),
    row.mibPerS.toFixed(1),
    (row.modelledMs / 1000).toFixed(2),
    (row.busyBoundMs / 1000).toFixed(2),
    String(row.ipCommands),
    String(row.statusPolls),
    (row.maxPeakRssKiB / 1024).toFixed(1),
  ];
}

/** Terminal table, columns padded (numbers right-aligned). */
export function renderSimTextTable(rows: readonly SimFlexspiRow[]): string {
  const body = rows.map(cells);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] as string).length)));
  const line = (r: readonly string[]): string =>
    r.map((c, i) => (i >= 2 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('  ').trimEnd();
  return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function renderSimMarkdownTable(rows: readonly SimFlexspiRow[]): string {
  const line = (r: readonly string[]): string => `| ${r.join(' | ')} |`;
  return [line(HEADERS), `|${HEADERS.map((_, i) => (i >= 2 ? '---:' : ':---')).join('|')}|`, ...rows.map((r) => line(cells(r)))].join('\n');
}

/** One line per row against the ≥ 20 MiB/s goal. */
export function simVerdictLines(rows: readonly SimFlexspiRow[]): string[] {
  return rows.map((r) => {
    const ok = r.mibPerS >= SIM_GOAL_MIB_PER_S;
    return `${ok ? 'meets' : 'MISSES'} the ≥ ${SIM_GOAL_MIB_PER_S} MiB/s goal (${r.erase === 'chip' ? 'chip erase' : 'block erase'}): ${r.mibPerS.toFixed(1)} MiB/s`;
  });
}
