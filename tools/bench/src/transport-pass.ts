import { findChip, flash, MemoryImage, type FlashPart, type FlashPhase, type FlashPlan } from '@imxflash/core';
import { createSimDriverRig, type SimDriverRig, type SimTransport } from '@imxflash/fault-matrix';
import { bulkTiming, hidTiming, swdTiming, uartTiming } from '@imxflash/sim';

/** Which flash the image goes onto: blank, full of other data, or already holding the image. */
export type TransportScenario = 'erased' | 'non-erased' | 'unchanged';

/** The phases the benchmark reports (flash()'s own phases; 'load' and 'reset' do not run here). */
export const BENCH_PHASES = ['read', 'erase', 'program', 'verify'] as const;
export type BenchPhase = (typeof BENCH_PHASES)[number];

export interface TransportPassRow {
  readonly transport: SimTransport;
  readonly scenario: TransportScenario;
  readonly sizeBytes: number;
  /** Modelled (virtual clock) time per phase that ran, ms. */
  readonly modelledMs: Readonly<Partial<Record<BenchPhase, number>>>;
  readonly modelledTotalMs: number;
  /** Bound per phase: typical flash busy time + minimal link time for the bytes that phase moves. */
  readonly boundMs: Readonly<Partial<Record<BenchPhase, number>>>;
  readonly boundTotalMs: number;
  /** USB/UART round trips (a host packet answered by the device) during flash(); J-Link: JLinkExe runs. */
  readonly roundTrips: number;
  readonly jlinkRuns: number;
  readonly wallMs: number;
  readonly erasedBytes: number;
  readonly programmedBytes: number;
  /** Bytes the probe found already right on the target and did not write (J-Link's compare). */
  readonly confirmedBytes: number;
  readonly verifiedBytes: number;
  readonly readBytes: number;
}

const chip = findChip('rt1052');
const BASE = 0x6000_0000;

/** The image: deterministic data unlike the "old" content (research data, no boot header; flashed raw). */
function imageData(bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let x = 0x1234_5678;
  for (let i = 0; i < bytes; i++) {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const oldContent = (bytes: number) => Uint8Array.from({ length: bytes }, (_, i) => (i * 31 + (i >>> 8)) & 0x7f);

/**
 * The minimal time the link needs to move `bytes` of payload one way under the sim's link model
 * (packages/sim/src/time/link-timing.ts): whole full-size packets at the link's rate, and for the
 * debug probes every 32-bit word once over SWD at the probe's clock. A CMSIS-DAP probe runs
 * queued packets on its own timeline while the next ones cross USB (the sim models that, see
 * packages/sim/src/bindings/usb-link-schedule.ts), so the two overlap: the bound is the slower of
 * USB and SWD, not their sum.
 */
export function minimalLinkMs(transport: SimTransport, bytes: number, swdHz: number | undefined, baud: number): number {
  if (bytes <= 0) return 0;
  const swd = swdHz === undefined ? 0 : swdTiming(swdHz).transferMs(Math.ceil(bytes / 4));
  switch (transport) {
    case 'sdp-hid': return Math.ceil(bytes / 1024) * hidTiming('high').transferMs(1024);
    case 'sdp-uart': return uartTiming(baud).transferMs(bytes);
    case 'dap-v2': return Math.max(bulkTiming().transferMs(bytes), swd);
    case 'dap-v1': return Math.max(Math.ceil(bytes / 64) * hidTiming('full').transferMs(64), swd);
    case 'jlink': return swd;
  }
}

/**
 * The least typical busy time that erases what must be erased: each erase command of the plan
 * whose range holds a byte that must go from 0 to 1 (`needed`), at its unit's typical time, and
 * a chip erase at the lesser of the chip erase and the part's largest blocks (on the IS25WP064A
 * 128 × 64 KiB blocks, 19.2 s typ, beat one chip erase, 25 s typ). A plan erase over bytes that
 * can be programmed as they are (a blank or unchanged flash) is work a probe may skip: J-Link's
 * download does, after comparing on the target.
 */
function eraseBusyMs(plan: FlashPlan, part: FlashPart, needed: (address: number, bytes: number) => boolean): number {
  const largest = part.eraseUnits.at(-1)!.bytes;
  const byBlocks = (bytes: number) => Math.ceil(bytes / largest) * part.timing.eraseMs[largest]!.typ;
  if (plan.chipErase) return plan.erases.some((e) => needed(e.address, e.bytes)) ? Math.min(part.timing.chipEraseMs.typ, byBlocks(part.sizeBytes)) : 0;
  return plan.erases.reduce((ms, e) => ms + (needed(e.address, e.bytes) ? (part.timing.eraseMs[e.bytes]?.typ ?? byBlocks(e.bytes)) : 0), 0);
}

interface Measured {
  plan: FlashPlan | undefined;
}

/**
 * Flashes one image through `transport` on a fresh sim board per scenario: erased flash,
 * non-erased flash (old data over the image's extent), then the same image again on that board
 * (unchanged re-flash). Checks the flash holds the image after each (a wrong result throws).
 */
export async function runTransportPass(transport: SimTransport, sizeBytes: number, baud = 115200): Promise<TransportPassRow[]> {
  const rows: TransportPassRow[] = [];
  const data = imageData(sizeBytes);
  const image = MemoryImage.from([{ address: BASE, data }]);
  for (const start of ['erased', 'non-erased'] as const) {
    const rig = await createSimDriverRig(transport, { baudRate: baud, ...(start === 'non-erased' ? { board: { flashContents: oldContent(sizeBytes) } } : {}) });
    try {
      const session = await rig.open();
      const device = await session.attachFlash({ chip, part: rig.board.part });
      rows.push(await measure(rig, device, image, start, baud));
      if (start === 'non-erased') rows.push(await measure(rig, device, image, 'unchanged', baud));
      await session[Symbol.asyncDispose]();
    } finally {
      await rig.cleanup();
    }
  }
  return rows;
}

async function measure(
  rig: SimDriverRig,
  device: Parameters<typeof flash>[1],
  image: MemoryImage,
  scenario: TransportScenario,
  baud: number,
): Promise<TransportPassRow> {
  const part = rig.board.part;
  const m: Measured = { plan: undefined };
  const trips0 = rig.traffic.roundTrips;
  const runs0 = rig.jlinkRuns();
  const t0 = rig.board.clock.now();
  const segment = image.segments[0]!;
  // What the flash held before: an erase is needed where an image byte has a 1 the old byte lacks.
  const before = rig.board.flash.peek(segment.address - BASE, segment.data.length);
  const needed = (address: number, bytes: number) => {
    const from = Math.max(0, address - segment.address);
    const to = Math.min(segment.data.length, address + bytes - segment.address);
    for (let i = from; i < to; i++) if ((before[i]! & segment.data[i]!) !== segment.data[i]) return true;
    return false;
  };
  const wall0 = performance.now();
  const result = await flash(image, device, {
    clock: rig.board.clock,
    raw: true,
    onProgress: (e) => {
      if (e.type === 'plan-ready') m.plan = e.plan;
    },
  });
  const wallMs = performance.now() - wall0;
  const modelledTotalMs = rig.board.clock.now() - t0;
  if (rig.board.flash.peek(segment.address - BASE, segment.data.length).some((b, i) => b !== segment.data[i])) {
    throw new Error(`${rig.transport} ${scenario} ${segment.data.length} B: the flash does not hold the image`);
  }
  const plan = m.plan!;
  const swdHz = rig.swdClockHz();
  const link = (bytes: number) => minimalLinkMs(rig.transport, bytes, swdHz, baud);
  const pages = result.programmedBytes / part.pageBytes;
  const boundMs: Partial<Record<BenchPhase, number>> = {};
  const modelledMs: Partial<Record<BenchPhase, number>> = {};
  for (const phase of BENCH_PHASES) {
    const ms = result.phaseMs[phase as FlashPhase];
    if (ms === undefined) continue;
    modelledMs[phase] = ms;
    boundMs[phase] =
      phase === 'read' ? link(result.readBytes)
      : phase === 'erase' ? eraseBusyMs(plan, part, needed)
      : phase === 'program' ? pages * (part.timing.pageProgramUs.typ / 1000) + link(result.programmedBytes)
      : link(result.verifiedBytes);
  }
  return {
    transport: rig.transport,
    scenario,
    sizeBytes: segment.data.length,
    modelledMs,
    modelledTotalMs,
    boundMs,
    boundTotalMs: Object.values(boundMs).reduce((a, b) => a + b, 0),
    roundTrips: rig.traffic.roundTrips - trips0,
    jlinkRuns: rig.jlinkRuns() - runs0,
    wallMs,
    erasedBytes: result.erasedBytes,
    programmedBytes: result.programmedBytes,
    confirmedBytes: result.confirmedBytes,
    verifiedBytes: result.verifiedBytes,
    readBytes: result.readBytes,
  };
}
