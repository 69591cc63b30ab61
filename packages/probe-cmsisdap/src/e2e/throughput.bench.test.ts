import { findChip, flash, MemoryImage, type FlashPhase } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { simRig } from './sim-rig.js';

/**
 * Modelled throughput of erase + program + verify on the sim (printed, not asserted: STYLE, no
 * wall-clock assertions). 1 MiB always; 8 MiB with IMXFLASH_BENCH=1. Bounds, per phase and in
 * total:
 * - link: the USB link carrying the image's bytes once, in full packets at the link's rate
 *   (v1 FS HID: 64 bytes per 1 ms frame per direction; v2 HS bulk: 13 × 512 bytes per 125 µs);
 *   the total link bound counts program (out) and verify (back) only, as issue 8 defines it;
 * - SWD: every image word crossing SWD once per pass (planner read, program, verify), 46 bits
 *   at the SWJ clock (link-timing.ts), no register traffic;
 * - flash: the part's typical erase and page program times.
 * A phase's bound is the largest that applies to it; its efficiency is bound / modelled. The
 * total fraction (issue 8's figure) is max(link, flash, SWD totals) / modelled.
 */
const chip = findChip('rt1052');
const sizes = process.env['IMXFLASH_BENCH'] === '1' ? [1, 8] : [1];

/** Time the link needs to carry `bytes` one way in full packets. */
function linkMs(version: 'v1' | 'v2', bytes: number): number {
  return version === 'v1' ? bytes / 64 : bytes / (512 * 13 * 8);
}

const round = (v: number, digits = 2) => +v.toFixed(digits);

describe.each(sizes)('throughput, %i MiB', (mib) => {
  it.each(['v1', 'v2'] as const)('%s', async (version) => {
    const bytes = mib * 1024 * 1024;
    // Flash full of old data (not blank), so the erase phase is real work.
    const { open, board, probe } = simRig(version, {}, { flashContents: new Uint8Array(bytes).fill(0x00) });
    const session = await open();
    const device = await session.attachFlash({ chip });
    const image = MemoryImage.from([{ address: 0x6000_0000, data: Uint8Array.from({ length: bytes }, (_, i) => (i * 7 + (i >>> 10)) & 0xff) }]);
    const t0 = board.clock.now();
    const counters = () => ({ trips: session.connection.roundTrips, out: session.transport.stats.packetsOut, swd: probe.stats.swdTransfers });
    const start = counters();
    const wall0 = performance.now();
    // Counters per phase, from the orchestrator's phase events.
    const perPhase: Partial<Record<FlashPhase, { trips: number; out: number; swd: number }>> = {};
    let phaseStart = start;
    const result = await flash(image, device, {
      clock: board.clock,
      erase: 'sector',
      onProgress: (e) => {
        if (e.type === 'phase-start') phaseStart = counters();
        if (e.type === 'phase-end') {
          const now = counters();
          perPhase[e.phase] = { trips: now.trips - phaseStart.trips, out: now.out - phaseStart.out, swd: now.swd - phaseStart.swd };
        }
      },
    });
    const wallMs = performance.now() - wall0;
    const modelled = board.clock.now() - t0;
    const end = counters();
    const part = session.flash!.part;
    const block = part.eraseUnits.at(-1)!.bytes;
    const eraseTypMs = (bytes / block) * part.timing.eraseMs[block]!.typ;
    const programTypMs = (bytes / part.pageBytes) * (part.timing.pageProgramUs.typ / 1000);
    const swdPassMs = ((bytes / 4) * 46 * 1000) / probe.swjClockHz;
    const passLinkMs = linkMs(version, bytes);
    const phaseBoundMs: Record<string, number> = {
      read: Math.max(passLinkMs, swdPassMs),
      erase: eraseTypMs,
      program: Math.max(passLinkMs, swdPassMs, programTypMs),
      verify: Math.max(passLinkMs, swdPassMs),
    };
    const link = 2 * passLinkMs;
    const flashBoundMs = eraseTypMs + programTypMs;
    const swdBoundMs = eraseTypMs + 3 * swdPassMs;
    const kib = bytes / 1024;
    const phases = Object.fromEntries(
      Object.entries(result.phaseMs).map(([phase, ms]) => {
        const c = perPhase[phase as FlashPhase];
        return [phase, {
          s: round(ms! / 1000),
          boundS: round((phaseBoundMs[phase] ?? 0) / 1000),
          efficiency: round((phaseBoundMs[phase] ?? 0) / ms!),
          outPerKiB: round((c?.out ?? 0) / kib, 1),
          tripsPerKiB: round((c?.trips ?? 0) / kib, 2),
          swdPerKiB: round((c?.swd ?? 0) / kib, 0),
        }];
      }),
    );
    const row = {
      version, MiB: mib,
      modelledS: round(modelled / 1000),
      linkBoundS: round(link / 1000),
      flashBoundS: round(flashBoundMs / 1000),
      swdBoundS: round(swdBoundMs / 1000),
      boundFraction: round(Math.max(link, flashBoundMs, swdBoundMs) / modelled, 3),
      sumOfPhaseBoundsFraction: round(Object.keys(result.phaseMs).reduce((n, p) => n + (phaseBoundMs[p] ?? 0), 0) / modelled, 3),
      roundTripsPerKiB: round((end.trips - start.trips) / kib, 1),
      packetsOutPerKiB: round((end.out - start.out) / kib, 1),
      swdTransfersPerPage: round((perPhase.program?.swd ?? 0) / (bytes / part.pageBytes), 1),
      KiBps: round(kib / (modelled / 1000), 1),
      wallS: round(wallMs / 1000),
      phases,
    };
    console.log(JSON.stringify(row));
    expect(result.verifiedBytes).toBe(bytes);
  }, 600_000);
});
