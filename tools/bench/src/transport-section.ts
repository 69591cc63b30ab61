import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SIM_TRANSPORTS, type SimTransport } from '@imxflash/fault-matrix';
import { formatSize } from './results-table.js';
import type { TransportPassRow } from './transport-pass.js';
import { renderTransportMarkdownTable, renderTransportTextTable, transportVerdictLines, type TransportResult } from './transport-report.js';

const KIB = 1024;
const MIB = 1 << 20;
/** Image sizes per transport: the UART at 115200 baud moves ~11 KiB/s modelled, so it stops at 1 MiB. */
const SIZES: Readonly<Record<SimTransport, readonly number[]>> = {
  'sdp-hid': [64 * KIB, MIB, 8 * MIB],
  'sdp-uart': [64 * KIB, MIB],
  'dap-v2': [64 * KIB, MIB, 8 * MIB],
  'dap-v1': [64 * KIB, MIB, 8 * MIB],
  jlink: [64 * KIB, MIB, 8 * MIB],
};

/**
 * The transports section of `npm run bench` (issue 8): every driver on the sim, 64 KiB / 1 MiB /
 * 8 MiB raw images onto an erased flash, a flash full of other data, and again unchanged. Each
 * transport × size runs in a fresh process (dist/transport-bench-child.js). Prints the table and
 * the verdicts and writes them to results/transports.md. Figures are printed, never asserted; each
 * pass checks that the flash holds the image (a wrong result fails the run).
 */
export function runTransportSection(options: { log: (line: string) => void }): void {
  const { log } = options;
  log('\n== transports: modelled protocol time per driver on the sim');
  const child = fileURLToPath(new URL('./transport-bench-child.js', import.meta.url));
  const results: TransportResult[] = [];
  for (const transport of SIM_TRANSPORTS) {
    for (const size of SIZES[transport]) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [child, transport, String(size)], { encoding: 'utf8', timeout: 900_000, maxBuffer: 16 << 20 });
      const processWallMs = performance.now() - t0;
      if (r.status !== 0) throw new Error(`transport bench child (${transport}, ${size} B) failed: ${r.error?.message ?? r.stderr.slice(-2000)}`);
      const out = JSON.parse(r.stdout.trim()) as { rows: TransportPassRow[]; maxRssKiB: number };
      results.push({ transport, sizeBytes: size, rows: out.rows, maxRssKiB: out.maxRssKiB, processWallMs });
      log(`  ${transport} ${formatSize(size)}: ${(processWallMs / 1000).toFixed(1)} s wall for 3 flashes, peak RSS ${(out.maxRssKiB / 1024).toFixed(0)} MiB`);
    }
  }

  const environment = `node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} threads), ${process.platform}/${process.arch}; one fresh process per transport × size`;
  const about = [
    'Board: createSimBoard() (RT1052, IS25WP064A, datasheet-typical busy times on the virtual clock), the real drivers over the sim\'s virtual bindings (tools/fault-matrix createSimDriverRig): SDP ROM → the sim\'s flashloader stand-in over USB high-speed HID or UART 115200 8N1; CMSIS-DAP v2 (high-speed bulk) and v1 (full-speed HID); J-Link through the in-process JLinkExe stand-in (V7.94e, 4 MHz SWD).',
    'Image: raw data at 0x60000000 (`raw`), deterministic bytes. "erased": a blank flash; "non-erased": other data over the image\'s extent; "unchanged": the same image again on that board. Modelled = the board clock across flash() (plan reads, erase, program, verify), session open and flashloader hand-off excluded.',
    'Bound per phase = typical flash busy time (erase: the plan\'s erase commands over bytes that must go from 0 to 1, at typical time, a chip erase at the lesser of chip erase and 64 KiB block erases; program: pages × tPP 0.2 ms) + the minimal link time for the bytes the phase moves under packages/sim/src/time/link-timing.ts: full 1024-byte HS HID reports per 125 µs, 64-byte FS HID reports per 1 ms, 13 × 512-byte bulk packets per 125 µs, 10 bits per byte at the baud rate, and for the debug probes each 32-bit word once over SWD (46 bits at the probe clock); the probe runs queued packets while the next ones cross USB, so for the debug probes the link bound is the slower of USB and SWD, not their sum. FlexSPI serial time and the ROM/loader start-up are not in the bound.',
    'Efficiency = bound / modelled (1 = the link and the flash are never idle). Round trips = host packets answered by the device (a direction change on the virtual link) per KiB of image; J-Link shows JLinkExe runs instead (its USB link is inside SEGGER\'s DLL, not modelled).',
    'J-Link: erases wait for the next JLinkExe run (one process per operation) and those a loadbin covers are left to it: the download compares on the target and erases and programs only the sectors that differ (an unchanged piece comes back as confirmed and is not read back), so the erase phase is ~0 and the work shows in program. Each flash also runs 2 JLinkExe register programs that read the block-protect bits. The stand-in adds assumed process start (250 ms), connect (40 ms) and loader download costs (packages/sim/src/jlink/jlink-flash-model.ts).',
    'Wall: performance.now() around flash() inside the child. Scaling: slope from the smallest to the largest non-erased image, modelled and wall seconds per MiB, and seconds per MiB at each size (equal figures = linear growth).',
  ];
  const verdict = transportVerdictLines(results);
  log(environment);
  log('');
  log(renderTransportTextTable(results));
  log('');
  for (const line of about) log(`- ${line}`);
  log('');
  for (const line of verdict) log(line);

  const markdown = [
    '## Transports: modelled protocol time per driver on the sim',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- --only transports\` (tools/bench). ${environment}.`,
    '',
    renderTransportMarkdownTable(results),
    '',
    ...about.map((l) => `- ${l}`),
    '',
    ...verdict.map((l) => `- ${l.startsWith('MISSES') ? `**${l}**` : l}`),
    '',
  ].join('\n');
  const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(resultsDir, { recursive: true });
  const resultsFile = `${resultsDir}transports.md`;
  writeFileSync(resultsFile, markdown);
  log(`\n(written to ${resultsFile})`);
}
