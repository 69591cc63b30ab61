import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { renderSimMarkdownTable, renderSimTextTable, runSimFlexspiBench, simVerdictLines } from './sim-flexspi-bench.js';

/**
 * The sim section of `npm run bench`: runs the benchmark, prints its table and notes, and writes
 * them to results/sim-flexspi.md.
 */
export function runSimFlexspiSection(options: { runs: number; log: (line: string) => void }): void {
  const { runs, log } = options;
  log('\n== sim: erase + program 8 MiB through raw FlexSPI register writes');
  const rows = runSimFlexspiBench({
    runs,
    childScript: fileURLToPath(new URL('./sim-flexspi-child.js', import.meta.url)),
    log,
  });
  const environment = `node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} threads), ${process.platform}/${process.arch}; ${runs} runs per row, each a fresh process (cold JIT); wall = median, peak RSS = max`;
  const about = [
    'Board: createSimBoard() — RT1052, IS25WP064A model (WEL/WIP, AND-only program, typical datasheet busy times) on FlexSPI A1. Host: RawNorHost, every access a 32-bit bus read or write of FlexSPI registers (research/imxrt.md §1.5); no driver.',
    'Per page: WREN, PP 0x02 with 256 bytes pushed through the 128-byte TX FIFO (watermark 128 B), then READ STATUS polls until WIP clears, with 0.05 ms of modelled host time between polls (1 ms for erases).',
    'Wall: performance.now() around erase + program + polls, board creation and bring-up excluded. MiB/s wall = 8 MiB / median wall. Peak RSS: process.resourceUsage().maxRSS of the pass\'s own process (board, 8 MiB image, 8 MiB flash array, node itself).',
    'Modelled: the board\'s virtual clock — FlexSPI serial time at 30 MHz SCK plus the flash\'s busy time as the polls observe it; no debug-link (SWD) time. Busy bound: typical erase + 32768 × 0.2 ms page-program time alone.',
    'Each pass checks that the flash holds the programmed image (a wrong result fails the run); timings are printed, never asserted.',
  ];
  const verdict = simVerdictLines(rows);
  log(environment);
  log('');
  log(renderSimTextTable(rows));
  log('');
  for (const line of about) log(`- ${line}`);
  log('');
  for (const line of verdict) log(line);

  const markdown = [
    '## Virtual board: erase + program 8 MiB through raw FlexSPI register writes',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- --only sim\` (tools/bench). ${environment}.`,
    '',
    renderSimMarkdownTable(rows),
    '',
    ...about.map((l) => `- ${l}`),
    '',
    ...verdict.map((l) => `**${l}**\n`),
    '',
  ].join('\n');
  const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(resultsDir, { recursive: true });
  const resultsFile = `${resultsDir}sim-flexspi.md`;
  writeFileSync(resultsFile, markdown);
  log(`\n(written to ${resultsFile})`);
}
