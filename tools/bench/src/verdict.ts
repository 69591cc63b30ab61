import { TOOL_LABELS, type BenchRow, type ToolId } from './bench-row.js';
import { formatSize } from './results-table.js';

/** "2.41× slower" / "1.30× faster": how `ms` compares with `referenceMs`. */
export function speedRatio(ms: number, referenceMs: number): string {
  return ms >= referenceMs ? `${(ms / referenceMs).toFixed(2)}× slower` : `${(referenceMs / ms).toFixed(2)}× faster`;
}

function find(rows: readonly BenchRow[], tool: ToolId, input: string, imageBytes: number): BenchRow | undefined {
  return rows.find((r) => r.tool === tool && r.input === input && r.imageBytes === imageBytes);
}

/**
 * The headline "imxflash vs objcopy: X× faster/slower" (whole processes, Intel HEX, the largest
 * size), then one line per input and size. Empty when objcopy was not measured.
 */
export function verdictLines(rows: readonly BenchRow[]): string[] {
  const cases = rows.filter((r) => r.tool === 'objcopy');
  if (cases.length === 0) return [];
  const lines: string[] = [];
  const headline = [...cases].filter((r) => r.input === 'ihex').sort((a, b) => b.imageBytes - a.imageBytes)[0];
  const headlineCli = headline && find(rows, 'imxflashCli', 'ihex', headline.imageBytes);
  if (headline && headlineCli) {
    lines.push(
      `imxflash vs objcopy: ${speedRatio(headlineCli.medianWallMs, headline.medianWallMs)} ` +
        `(${TOOL_LABELS.imxflashCli} ${headlineCli.medianWallMs.toFixed(0)} ms vs objcopy ${headline.medianWallMs.toFixed(0)} ms; Intel HEX, ${formatSize(headline.imageBytes)}, whole processes)`,
    );
  }
  for (const ref of cases) {
    const parts: string[] = [];
    for (const tool of ['imxflashCli', 'imxflashInProcess', 'srecCat'] as const) {
      const row = find(rows, tool, ref.input, ref.imageBytes);
      if (row) parts.push(`${TOOL_LABELS[tool]} ${speedRatio(row.medianWallMs, ref.medianWallMs)}`);
    }
    lines.push(`  ${ref.input}, ${formatSize(ref.imageBytes)}, vs objcopy (${ref.medianWallMs.toFixed(1)} ms): ${parts.join('; ')}`);
  }
  return lines;
}
