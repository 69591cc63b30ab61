import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findImxflashCli } from './cli-path.js';
import { median } from './measure.js';
import { generateAppBytes } from './fixtures.js';

/** Issue 8's gang goal: 8 boards flashed at once take at most this many times one board's wall time. */
export const GANG_GOAL_RATIO = 2;
const GANG_BOARDS = 8;

const EXAMPLE_HEX = fileURLToPath(new URL('../../../examples/blinky/out/blinky-ram.hex', import.meta.url));

interface GangRun {
  readonly wallMs: number;
  /** user + sys CPU of the process (GNU time %U + %S); undefined without /usr/bin/time. */
  readonly cpuMs: number | undefined;
  /** The longest board's modelled hardware time (connect + phases), from --json. */
  readonly modelledMs: number;
}

/**
 * `imxflash flash --all --sim-boards N` through the built CLI, 1 board vs 8, on an erased set of
 * boards each run (fresh state files): the RAM example app and 1 MiB of raw data, over sdp and
 * cmsis-dap. Prints wall and CPU time (the sim is single-threaded JS: boards overlap only where
 * they await, so CPU ≈ wall says the run is compute-bound) and writes results/gang.md.
 */
export function runGangSection(options: { runs: number; timeBinary: string | undefined; log: (line: string) => void }): void {
  const { log } = options;
  log('\n== gang programming (flash --all on the sim)');
  const cli = findImxflashCli();
  if ('problem' in cli) {
    log(`skip: ${cli.problem}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'imxflash-bench-gang-'));
  try {
    const data = join(dir, 'data-1mib.bin');
    writeFileSync(data, generateAppBytes(1 << 20));
    const images = [
      { name: 'blinky-ram.hex (828 B RAM app)', args: [EXAMPLE_HEX], runs: Math.max(5, options.runs) },
      { name: '1 MiB raw data', args: [data, '--raw', '--base', '0x60100000'], runs: Math.min(3, options.runs) },
    ];
    const rows: string[] = [];
    for (const image of images) {
      for (const driver of ['sdp', 'cmsis-dap']) {
        const one = measureGang(cli.path, dir, image.args, driver, 1, image.runs, options.timeBinary);
        const many = measureGang(cli.path, dir, image.args, driver, GANG_BOARDS, image.runs, options.timeBinary);
        const ratio = many.wallMs / one.wallMs;
        const cpuRatio = many.cpuMs !== undefined && one.cpuMs !== undefined ? `${(many.cpuMs / one.cpuMs).toFixed(2)}×` : 'n/a';
        const cpu = (m: GangRun) => (m.cpuMs === undefined ? 'n/a' : m.cpuMs.toFixed(0));
        rows.push(
          `| ${image.name} | ${driver} | ${one.wallMs.toFixed(0)} | ${cpu(one)} | ${many.wallMs.toFixed(0)} | ${cpu(many)} | ${ratio.toFixed(2)}× | ${cpuRatio} | ≤ ${GANG_GOAL_RATIO}×: ${ratio <= GANG_GOAL_RATIO ? 'met' : 'MISSED'} | ${one.modelledMs.toFixed(0)} / ${many.modelledMs.toFixed(0)} |`,
        );
        log(rows.at(-1)!);
      }
    }
    const environment = `node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} threads), ${process.platform}/${process.arch}; each figure the median of fresh processes on erased boards (new state files per run)`;
    const markdown = [
      '## Gang programming (`imxflash flash --all --sim-boards N`)',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- --only gang\`. ${environment}.`,
      '',
      `| image | driver | 1 board wall ms | 1 board CPU ms | ${GANG_BOARDS} boards wall ms | ${GANG_BOARDS} boards CPU ms | ${GANG_BOARDS} ÷ 1 wall | ${GANG_BOARDS} ÷ 1 CPU | goal (wall) | modelled ms, 1 / slowest of ${GANG_BOARDS} |`,
      '|---|---|---:|---:|---:|---:|---:|---:|---|---:|',
      ...rows,
      '',
      `- One board: \`imxflash flash <image> --sim --probe <driver> --json\`; ${GANG_BOARDS} boards: the same with \`--all --sim-boards ${GANG_BOARDS}\`, each board planned, programmed, verified and (for the app) booted on its own, else the run fails. Wall = performance.now() around the spawned process; CPU = GNU time %U + %S (the machine may be shared: CPU ÷ is the steadier figure).`,
      '- The virtual boards run in one JavaScript thread: they overlap where a session awaits, and the process start (node, the bundle, the drivers) is paid once, but the sim\'s work (FlexSPI and NOR models, the ROM and flashloader, the DAP processor) is CPU and adds up per board. CPU ≈ wall in the 8-board rows says the run is compute-bound; worker threads could spread it over at most the threads this machine has.',
      '- Modelled time is the hardware time the sim charges per board (each board has its own clock): on real hardware the boards run in parallel, so the slowest board bounds the gang.',
      '',
    ].join('\n');
    log('');
    log(markdown);
    const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(`${resultsDir}gang.md`, markdown);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median over `runs` fresh runs of one gang command; each checks that every board verified and booted. */
function measureGang(cli: string, dir: string, image: readonly string[], driver: string, boards: number, runs: number, timeBinary: string | undefined): GangRun {
  const samples: GangRun[] = [];
  for (let run = 0; run < runs; run++) {
    const state = mkdtempSync(join(dir, 'state-'));
    // One board: the plain single-board `flash` (the baseline a user compares with); N: the gang.
    const gang = boards > 1 ? ['--all', '--sim-boards', String(boards)] : [];
    const argv = [process.execPath, cli, 'flash', ...image, '--sim', '--sim-state', join(state, 'board.bin'), '--probe', driver, ...gang, '--json'];
    const statsFile = join(dir, 'time.txt');
    const [file, args] = timeBinary ? [timeBinary, ['-f', '%e %U %S', '-o', statsFile, ...argv]] : [argv[0]!, argv.slice(1)];
    const t0 = performance.now();
    const r = spawnSync(file, args, { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 300_000 });
    const wallMs = performance.now() - t0;
    if (r.error || r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}):\n${(r.stderr ?? '').trim().split('\n').slice(-8).join('\n')}`);
    type Board = { ok: boolean; verify: string; totalMs: number; boot?: { verdict: string } };
    const parsed = JSON.parse(r.stdout) as { boards?: Board[] } & Board;
    const out = { boards: parsed.boards ?? [parsed] };
    if (out.boards.length !== boards || out.boards.some((b) => !b.ok || b.verify === 'none')) throw new Error(`${argv.join(' ')}: not every board was flashed and verified`);
    if (image[0] === EXAMPLE_HEX && out.boards.some((b) => b.boot?.verdict !== 'booted')) throw new Error(`${argv.join(' ')}: a board does not boot`);
    let cpuMs: number | undefined;
    if (timeBinary) {
      const [, user, sys] = readFileSync(statsFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
      cpuMs = (user! + sys!) * 1000;
    }
    samples.push({ wallMs, cpuMs, modelledMs: Math.max(...out.boards.map((b) => b.totalMs)) });
    rmSync(state, { recursive: true, force: true });
  }
  const cpu = samples.map((s) => s.cpuMs).filter((c): c is number => c !== undefined);
  return { wallMs: median(samples.map((s) => s.wallMs)), cpuMs: cpu.length > 0 ? median(cpu) : undefined, modelledMs: median(samples.map((s) => s.modelledMs)) };
}
