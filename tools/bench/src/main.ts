// npm run bench [-- --runs 5 --sizes-mib 1,8 --no-install --keep --only hex|sim|startup|transports|gang]
// Benchmarks "linked app (Intel HEX / S-record / ELF) → bootable binary": imxflash against
// objcopy and srec_cat. Prints figures (never asserts them); checks every output's bytes.
// Then the sim benchmark (sim-flexspi-section.ts); `--only hex` or `--only sim` runs one of the two.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findImxflashCli } from './cli-path.js';
import { makeBenchDir } from './fixtures.js';
import { runCliStartupSection } from './cli-startup-section.js';
import { runGangSection } from './gang-section.js';
import { runHexToBootableBench } from './hex-to-bootable-bench.js';
import { writePerformanceDoc } from './performance-doc.js';
import { DEFAULT_RUNS } from './measure.js';
import { renderMarkdownTable, renderTextTable } from './results-table.js';
import { runSimFlexspiSection } from './sim-flexspi-section.js';
import { runTransportSection } from './transport-section.js';
import { checkTools, toolVersion } from './tool-check.js';
import { verdictLines } from './verdict.js';

const log = (line: string): void => console.log(line);

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: String(DEFAULT_RUNS) },
    'sizes-mib': { type: 'string', default: '1,8' },
    'no-install': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const runs = Number(values.runs);
const sizesMiB = values['sizes-mib'].split(',').map(Number);
const only = values.only;
const badOnly = only !== undefined && only !== 'hex' && only !== 'sim' && only !== 'startup' && only !== 'transports' && only !== 'gang';
if (!Number.isInteger(runs) || runs < 1 || sizesMiB.some((s) => !(s > 0) || !Number.isInteger(s * 1024)) || badOnly) {
  console.error('usage: node dist/main.js [--runs N (≥ 1)] [--sizes-mib 1,8] [--no-install] [--keep] [--only hex|sim|startup|transports|gang]');
  process.exit(2);
}

if (only === undefined || only === 'hex') {
  const tools = checkTools({ install: !values['no-install'], log });
  if (!tools.time) log('peak RSS not measured: GNU time (/usr/bin/time) is missing.');
  const cli = findImxflashCli();
  if ('problem' in cli) log(`skip: imxflash CLI rows: ${cli.problem}`);

  const dir = makeBenchDir();
  let ok = false;
  try {
    const result = runHexToBootableBench({
      sizesBytes: sizesMiB.map((s) => s * (1 << 20)),
      runs,
      tools,
      cliPath: 'path' in cli ? cli.path : undefined,
      childScript: fileURLToPath(new URL('./hex-to-bootable-child.js', import.meta.url)),
      dir,
      log,
    });
    ok = true;

    const environment = [
      `node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} threads), ${process.platform}/${process.arch}`,
      tools.objcopy ? toolVersion(tools.objcopy, '--version') : undefined,
      tools.srecCat ? toolVersion(tools.srecCat, '-version') : undefined,
      `${runs} runs per figure; wall = median, peak RSS = max over the runs`,
    ].filter((l): l is string => l !== undefined);
    const about = [
      'objcopy and srec_cat write only the app bytes; imxflash writes FCB + IVT + boot data at 0x0–0x1FFF and the app from 0x2000 (each output was checked to hold the same app bytes).',
      'Wall time is measured around each spawned process with performance.now(); peak RSS is GNU time\'s %M (time -f "%e %M").',
      'imxflash in-process: parseFirmware + buildBootImage on bytes already in memory, warm; its peak RSS is that of a fresh process running the same pipeline once (hex-to-bootable-child.js).',
      `srec_cat is run as \`srec_cat in -Intel|-Motorola -offset -0x60002000 -o out.bin -Binary\` (without -offset its binary would start at file offset 0x60002000).`,
    ];
    const verdict = verdictLines(result.rows);

    log('\n== hex → bootable binary');
    for (const line of environment) log(line);
    log('');
    log(renderTextTable(result.rows));
    log('');
    for (const line of [...about, ...result.notes]) log(`- ${line}`);
    log('');
    for (const line of verdict) log(line);

    const markdown = [
      '## Linked app → bootable binary (imxflash vs objcopy vs srec_cat)',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` (tools/bench). ${environment.join('; ')}.`,
      '',
      renderMarkdownTable(result.rows),
      '',
      ...[...about, ...result.notes].map((l) => `- ${l}`),
      '',
      ...verdict.map((l) => (l.startsWith('  ') ? `- ${l.trim()}` : `**${l}**\n`)),
      '',
    ].join('\n');
    const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
    mkdirSync(resultsDir, { recursive: true });
    const resultsFile = `${resultsDir}hex-to-bootable.md`;
    writeFileSync(resultsFile, markdown);
    log(`\n== markdown (also written to ${resultsFile}):\n`);
    log(markdown);
  } finally {
    if (ok && !values.keep) rmSync(dir, { recursive: true, force: true });
    else log(`\nfixtures and outputs kept in ${dir}`);
  }
}

if (only === undefined || only === 'sim') runSimFlexspiSection({ runs, log });
if (only === undefined || only === 'startup') runCliStartupSection({ runs, timeBinary: checkTools({ install: false, log: () => undefined }).time, log });
if (only === undefined || only === 'transports') runTransportSection({ log });
if (only === undefined || only === 'gang') runGangSection({ runs, timeBinary: checkTools({ install: false, log: () => undefined }).time, log });

// docs/PERFORMANCE.md always holds the newest figure of every section (see performance-doc.ts).
const performanceDoc = fileURLToPath(new URL('../../../docs/PERFORMANCE.md', import.meta.url));
writePerformanceDoc(fileURLToPath(new URL('../results/', import.meta.url)), performanceDoc);
log(`\n(docs/PERFORMANCE.md updated: ${performanceDoc})`);
