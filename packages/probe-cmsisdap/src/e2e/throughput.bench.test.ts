import { findChip, flash, MemoryImage } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { simRig } from './sim-rig.js';

/**
 * Modelled throughput of erase + program + verify on the sim (printed, not asserted: STYLE, no
 * wall-clock assertions). 1 MiB always; 8 MiB with IMXFLASH_BENCH=1. The link bound is the time
 * the USB link alone needs to carry the image's bytes once out (program) and once back (verify)
 * in full packets at the link's rate; the flash bound is the part's typical erase and program time;
 * the SWD bound is the typical erase plus every image word crossing SWD three times (planner read,
 * program, verify) at the SWJ clock. The fraction is the largest bound over the modelled time.
 */
const chip = findChip('rt1052');
const sizes = process.env['IMXFLASH_BENCH'] === '1' ? [1, 8] : [1];

function linkBoundMs(version: 'v1' | 'v2', bytes: number): number {
  // v1 FS HID: 64-byte reports, one per 1 ms frame per direction (62 payload bytes of DRW data at best, 4 of 5 request bytes).
  // v2 HS bulk: 512-byte packets, 13 per 125 µs microframe.
  return version === 'v1' ? (2 * bytes) / 64 : (2 * bytes) / (512 * 13 * 8);
}

describe.each(sizes)('throughput, %i MiB', (mib) => {
  it.each(['v1', 'v2'] as const)('%s', async (version) => {
    const bytes = mib * 1024 * 1024;
    // Flash full of old data (not blank), so the erase phase is real work.
    const { open, board, probe } = simRig(version, {}, { flashContents: new Uint8Array(bytes).fill(0x00) });
    const session = await open();
    const device = await session.attachFlash({ chip });
    const image = MemoryImage.from([{ address: 0x6000_0000, data: Uint8Array.from({ length: bytes }, (_, i) => (i * 7 + (i >>> 10)) & 0xff) }]);
    const t0 = board.clock.now();
    const trips0 = session.connection.roundTrips;
    const out0 = session.transport.stats.packetsOut;
    const wall0 = performance.now();
    // Round trips per phase, from the orchestrator's phase events.
    const tripsByPhase: Record<string, number> = {};
    let phaseStart = 0;
    const result = await flash(image, device, {
      clock: board.clock,
      erase: 'sector',
      onProgress: (e) => {
        if (e.type === 'phase-start') phaseStart = session.connection.roundTrips;
        if (e.type === 'phase-end') tripsByPhase[e.phase] = session.connection.roundTrips - phaseStart;
      },
    });
    const wallMs = performance.now() - wall0;
    const modelled = board.clock.now() - t0;
    const part = session.flash!.part;
    const flashBoundMs = (bytes / part.eraseUnits.at(-1)!.bytes) * part.timing.eraseMs[part.eraseUnits.at(-1)!.bytes]!.typ + (bytes / part.pageBytes) * (part.timing.pageProgramUs.typ / 1000);
    const link = linkBoundMs(version, bytes);
    // SWD: every image word crosses the wire three times (planner read, program, verify), 46 bits each,
    // plus the erase the flash needs anyway.
    const eraseTypMs = (bytes / part.eraseUnits.at(-1)!.bytes) * part.timing.eraseMs[part.eraseUnits.at(-1)!.bytes]!.typ;
    const swdBoundMs = eraseTypMs + (3 * (bytes / 4) * 46 * 1000) / probe.swjClockHz;
    const kib = bytes / 1024;
    const row = {
      version, MiB: mib,
      modelledS: +(modelled / 1000).toFixed(2),
      phasesS: Object.fromEntries(Object.entries(result.phaseMs).map(([k, v]) => [k, +(v! / 1000).toFixed(2)])),
      linkBoundS: +(link / 1000).toFixed(2),
      flashBoundS: +(flashBoundMs / 1000).toFixed(2),
      swdBoundS: +(swdBoundMs / 1000).toFixed(2),
      boundFraction: +(Math.max(link, flashBoundMs, swdBoundMs) / modelled).toFixed(2),
      roundTripsPerKiB: +((session.connection.roundTrips - trips0) / kib).toFixed(1),
      programRoundTripsPerKiB: +((tripsByPhase['program'] ?? 0) / kib).toFixed(2),
      packetsOutPerKiB: +((session.transport.stats.packetsOut - out0) / kib).toFixed(1),
      KiBps: +(kib / (modelled / 1000)).toFixed(1),
      wallS: +(wallMs / 1000).toFixed(2),
    };
    console.log(JSON.stringify(row));
    expect(result.verifiedBytes).toBe(bytes);
  }, 600_000);
});
