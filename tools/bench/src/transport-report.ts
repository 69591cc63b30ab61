import { TRANSPORT_LABEL, type SimTransport } from '@imxflash/fault-matrix';
import { formatSize } from './results-table.js';
import { BENCH_PHASES, type TransportPassRow } from './transport-pass.js';

/** Issue 8's efficiency goals (bound / modelled) for a full flash; transports without one are reported only. */
export const EFFICIENCY_GOALS: Readonly<Partial<Record<SimTransport, number>>> = { 'sdp-hid': 0.85, 'dap-v2': 0.8, 'dap-v1': 0.8 };
/** An unchanged re-flash costs at most this fraction of a full flash (modelled). */
export const UNCHANGED_GOAL = 0.1;
/** A full 8 MiB flash + verify through any driver on the sim, wall seconds. */
export const WALL_GOAL_S = 15;

/** One transport × image size as measured in its own process. */
export interface TransportResult {
  readonly transport: SimTransport;
  readonly sizeBytes: number;
  readonly rows: readonly TransportPassRow[];
  readonly maxRssKiB: number;
  /** Wall time of the whole child process (three flashes, board creation, start-up). */
  readonly processWallMs: number;
}

const s = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 3 : 1);
const efficiency = (r: TransportPassRow) => r.boundTotalMs / r.modelledTotalMs;
const phases = (p: Readonly<Partial<Record<string, number>>>) => BENCH_PHASES.map((ph) => (p[ph] === undefined ? '–' : s(p[ph]!))).join(' / ');

const HEADERS = ['transport', 'image', 'flash', 'modelled s', 'read / erase / program / verify s', 'bound s', 'bound per phase s', 'efficiency', 'round trips / KiB', 'wall s'] as const;

function cells(r: TransportPassRow): string[] {
  const goal = EFFICIENCY_GOALS[r.transport];
  const e = efficiency(r);
  const full = r.scenario !== 'unchanged';
  return [
    TRANSPORT_LABEL[r.transport],
    formatSize(r.sizeBytes),
    r.scenario,
    s(r.modelledTotalMs),
    phases(r.modelledMs),
    s(r.boundTotalMs),
    phases(r.boundMs),
    // A bound of 0 (nothing had to move or change: J-Link's compare found the image in place) has no ratio.
    r.boundTotalMs === 0 ? '– (no work needed)' : `${e.toFixed(3)}${goal !== undefined && full ? (e >= goal ? ` (≥ ${goal} ✅)` : ` (< ${goal} ❌)`) : ''}`,
    r.transport === 'jlink' ? `${r.jlinkRuns} JLinkExe runs` : (r.roundTrips / (r.sizeBytes / 1024)).toFixed(2),
    (r.wallMs / 1000).toFixed(2),
  ];
}

export function renderTransportTextTable(results: readonly TransportResult[]): string {
  const body = results.flatMap((x) => x.rows).map(cells);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function renderTransportMarkdownTable(results: readonly TransportResult[]): string {
  const line = (r: readonly string[]) => `| ${r.join(' | ')} |`;
  return [line(HEADERS), `|${HEADERS.map((_, i) => (i >= 3 ? '---:' : ':---')).join('|')}|`, ...results.flatMap((x) => x.rows).map((r) => line(cells(r)))].join('\n');
}

/** Goal verdicts, the unchanged re-flash ratio, scaling slopes and the 8 MiB wall time, one line each. */
export function transportVerdictLines(results: readonly TransportResult[]): string[] {
  const lines: string[] = [];
  const transports = [...new Set(results.map((r) => r.transport))];
  const rowsOf = (t: SimTransport) => results.filter((r) => r.transport === t).flatMap((r) => r.rows);
  for (const t of transports) {
    const goal = EFFICIENCY_GOALS[t];
    const full = rowsOf(t).filter((r) => r.scenario !== 'unchanged' && r.sizeBytes >= 1 << 20);
    if (goal !== undefined && full.length > 0) {
      const worst = full.reduce((a, r) => (efficiency(r) < efficiency(a) ? r : a));
      const ok = efficiency(worst) >= goal;
      lines.push(`${ok ? 'meets' : 'MISSES'} the ≥ ${goal} efficiency goal: ${TRANSPORT_LABEL[t]}, lowest ${efficiency(worst).toFixed(3)} (${formatSize(worst.sizeBytes)} ${worst.scenario}) of ${full.length} full flashes ≥ 1 MiB`);
    }
  }
  for (const t of transports) {
    for (const x of results.filter((r) => r.transport === t)) {
      const full = x.rows.find((r) => r.scenario === 'non-erased');
      const again = x.rows.find((r) => r.scenario === 'unchanged');
      if (full === undefined || again === undefined) continue;
      const ratio = again.modelledTotalMs / full.modelledTotalMs;
      lines.push(`${ratio <= UNCHANGED_GOAL ? 'meets' : 'MISSES'} the ≤ ${UNCHANGED_GOAL * 100}% unchanged re-flash goal: ${TRANSPORT_LABEL[t]}, ${formatSize(x.sizeBytes)}: ${(ratio * 100).toFixed(1)}% of a full flash (${s(again.modelledTotalMs)} s of ${s(full.modelledTotalMs)} s modelled)`);
    }
  }
  for (const t of transports) {
    const rows = rowsOf(t).filter((r) => r.scenario === 'non-erased').sort((a, b) => a.sizeBytes - b.sizeBytes);
    if (rows.length < 2) continue;
    const mib = (r: TransportPassRow) => r.sizeBytes / (1 << 20);
    const first = rows[0]!;
    const last = rows.at(-1)!;
    const slope = (f: (r: TransportPassRow) => number) => (f(last) - f(first)) / 1000 / (mib(last) - mib(first));
    // Seconds per MiB at each size: equal figures mean linear growth.
    const rates = (f: (r: TransportPassRow) => number) => rows.map((r) => (f(r) / 1000 / mib(r)).toFixed(3)).join(' / ');
    lines.push(
      `scaling, ${TRANSPORT_LABEL[t]} (non-erased, ${rows.map((r) => formatSize(r.sizeBytes)).join(' → ')}): ` +
        `modelled slope ${slope((r) => r.modelledTotalMs).toFixed(3)} s/MiB (per size ${rates((r) => r.modelledTotalMs)} s/MiB), ` +
        `wall slope ${slope((r) => r.wallMs).toFixed(3)} s/MiB (per size ${rates((r) => r.wallMs)} s/MiB)`,
    );
  }
  for (const t of transports) {
    const row = rowsOf(t).find((r) => r.scenario === 'non-erased' && r.sizeBytes === 8 << 20);
    if (row === undefined) continue;
    const wallS = row.wallMs / 1000;
    lines.push(`${wallS <= WALL_GOAL_S ? 'meets' : 'MISSES'} the ≤ ${WALL_GOAL_S} s sim wall goal: ${TRANSPORT_LABEL[t]}, 8 MiB erase + program + verify in ${wallS.toFixed(2)} s wall`);
  }
  return lines;
}
