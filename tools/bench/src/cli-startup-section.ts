import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findImxflashCli } from './cli-path.js';
import { measureCommand, type Measurement } from './measure.js';

/** Issue 7's start-up goal for `--version` and `image inspect`, wall ms on this machine. */
export const STARTUP_GOAL_MS = 150;

const EXAMPLE_HEX = fileURLToPath(new URL('../../../examples/blinky/out/blinky-ram.hex', import.meta.url));

/**
 * The CLI's start-up cost, as a user pays it: a fresh `node bin/imxflash.js` process for
 * `--version` and for `image inspect` of a built RAM image (no native module may load on either
 * path). Prints the table and writes results/cli-startup.md.
 */
export function runCliStartupSection(options: { runs: number; timeBinary: string | undefined; log: (line: string) => void }): void {
  const { log } = options;
  log('\n== CLI start-up');
  const cli = findImxflashCli();
  if ('problem' in cli) {
    log(`skip: ${cli.problem}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'imxflash-bench-startup-'));
  try {
    const image = join(dir, 'blinky-ram.bootable.bin');
    measureCommand([process.execPath, cli.path, 'image', 'build', EXAMPLE_HEX, '-o', image], { runs: 1, timeBinary: undefined });
    // Runs: at least 10, start-up figures are small and noisy.
    const runs = Math.max(10, options.runs);
    const rows: Array<{ command: string; m: Measurement }> = [
      { command: 'imxflash --version', m: measureCommand([process.execPath, cli.path, '--version'], { runs, timeBinary: options.timeBinary }) },
      { command: 'imxflash image inspect <8 KiB RAM image>', m: measureCommand([process.execPath, cli.path, 'image', 'inspect', image], { runs, timeBinary: options.timeBinary }) },
      { command: 'node -e 0 (baseline)', m: measureCommand([process.execPath, '-e', '0'], { runs, timeBinary: options.timeBinary }) },
    ];
    const header = '| command | median wall ms | goal | peak RSS MiB |\n|---|---:|---|---:|';
    const lines = rows.map(({ command, m }) => {
      const goal = command.startsWith('node') ? '' : `≤ ${STARTUP_GOAL_MS} ms: ${m.medianWallMs <= STARTUP_GOAL_MS ? 'met' : 'MISSED'}`;
      const rss = m.maxPeakRssKiB === undefined ? 'n/a' : (m.maxPeakRssKiB / 1024).toFixed(1);
      return `| \`${command}\` | ${m.medianWallMs.toFixed(0)} | ${goal} | ${rss} |`;
    });
    const environment = `node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} threads), ${process.platform}/${process.arch}; ${runs} fresh processes per row, wall = median (performance.now() around spawn), peak RSS = max (GNU time %M)`;
    const markdown = [
      '## CLI start-up',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\`. ${environment}.`,
      '',
      header,
      ...lines,
      '',
    ].join('\n');
    log(markdown);
    const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(`${resultsDir}cli-startup.md`, markdown);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
