import { TOOL_LABELS, type BenchRow } from './bench-row.js';

const HEADERS = ['tool', 'input', 'size', 'median wall ms', 'peak RSS MiB', 'peak RSS / image size'] as const;
const RIGHT_ALIGNED = new Set([2, 3, 4, 5]);

export function formatSize(bytes: number): string {
  if (bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} B`;
}

/** "2.75 MiB": a file size, two decimals. */
export function formatFileSize(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

function cells(row: BenchRow): string[] {
  const rssMiB = row.peakRssKiB === undefined ? undefined : row.peakRssKiB / 1024;
  return [
    TOOL_LABELS[row.tool],
    row.input,
    formatSize(row.imageBytes),
    row.medianWallMs.toFixed(1),
    rssMiB === undefined ? 'n/a' : rssMiB.toFixed(1),
    rssMiB === undefined ? 'n/a' : `${(rssMiB / (row.imageBytes / (1 << 20))).toFixed(1)}×`,
  ];
}

/** A plain-text table for the terminal, columns padded. */
export function renderTextTable(rows: readonly BenchRow[]): string {
  const body = rows.map(cells);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => r.map((c, i) => (RIGHT_ALIGNED.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** The same table as GitHub markdown. */
export function renderMarkdownTable(rows: readonly BenchRow[]): string {
  const line = (r: readonly string[]) => `| ${r.join(' | ')} |`;
  const rule = `|${HEADERS.map((_, i) => (RIGHT_ALIGNED.has(i) ? '---:' : ':---')).join('|')}|`;
  return [line(HEADERS), rule, ...rows.map((r) => line(cells(r)))].join('\n');
}
