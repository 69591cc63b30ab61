import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findChip, findFlashPart, flash, ImxflashError, MemoryImage, preservedBytesOf, type FlashDevice, type FlashPhase, type PreservedBytes, type ProbeSession } from '@imxflash/core';
import { afterAll, describe, expect, it } from 'vitest';
import { FAULTS, renderReliabilityDoc, type FaultName, type MatrixCell } from './reliability-doc.js';
import { createSimDriverRig, SIM_TRANSPORTS, type SimDriverRig, type SimTransport } from './sim-driver-rig.js';

/*
 * Issue 8's fault matrix: every driver × fault on the sim. Each cell flashes a raw image while
 * the fault is injected and checks: the outcome is a verified flash or a coded ImxflashError with
 * a hint; the flash outside the touched sectors is unchanged byte for byte; each byte beside the
 * image inside the touched sectors (the data flash() preserves) is either still intact or
 * returned, with its old value, in the error (`preservedBytesOf`, DESIGN §6); a rerun completes
 * and verifies, and writing the returned bytes back (`--raw`, as the CLI's recovery file is)
 * restores every byte beside the image. The cells are rendered into docs/RELIABILITY.md
 * (IMXFLASH_WRITE_RELIABILITY=1 writes it; otherwise the committed file must match the run, so a
 * changed outcome is never silent).
 */

const BASE = 0x6000_0000;
const chip = findChip('rt1052');
const part = findFlashPart('is25wp064a');
const PATTERN_BYTES = 256 * 1024;
const IMAGE_OFFSET = 0x1_0800;
const IMAGE_BYTES = 48 * 1024;
const SECTOR = part.sectorBytes;
const TOUCHED_START = Math.floor(IMAGE_OFFSET / SECTOR) * SECTOR;
const TOUCHED_END = Math.ceil((IMAGE_OFFSET + IMAGE_BYTES) / SECTOR) * SECTOR;

/** The known content before the fault: a pattern no image byte equals at the same place. */
const before = Uint8Array.from({ length: PATTERN_BYTES }, (_, i) => (i * 7 + (i >>> 9)) & 0xff);
const imageData = Uint8Array.from({ length: IMAGE_BYTES }, (_, i) => ((i * 7 + ((i + IMAGE_OFFSET) >>> 9)) & 0xff) ^ 0x5a);
const image = MemoryImage.from([{ address: BASE + IMAGE_OFFSET, data: imageData }]);

interface Armed {
  /** The device flash() gets (a wrapper when the fault hooks into an operation). */
  readonly device: FlashDevice;
  readonly onPhaseStart?: (phase: FlashPhase) => void;
  /** True once the fault has taken effect. */
  fired(): boolean;
  /** Takes persistent faults away before the rerun (slow flash, noise). */
  clear(): void;
}

interface Injection {
  /** Why the fault does not apply to this transport, or undefined when it does. */
  notApplicable(t: SimTransport): string | undefined;
  arm(rig: SimDriverRig, device: FlashDevice): Armed;
}

const isJlink = (t: SimTransport) => t === 'jlink';
const NO_USB_LINK = 'the J-Link\'s USB link lives inside SEGGER\'s DLL; the stand-in models JLinkExe runs, not packets';
const linkEvent = (rig: SimDriverRig, decision: 'drop' | 'corrupt' | 'noise' | 'disconnect') => () => rig.board.faults.link.events.some((e) => e.decision === decision);

/** Runs `first` on the first erase range, then `between`, then the rest: a fault between two erase commands. */
function splitErase(device: FlashDevice, between: () => void): FlashDevice {
  return delegate(device, {
    erase: async (ranges, onProgress) => {
      // The first smallest erase unit, then the fault, then the rest (any multiple of the unit is a valid range).
      const first = ranges[0]!;
      const unit = device.geometry.eraseUnits[0]!.bytes;
      const rest = first.bytes > unit ? [{ address: first.address + unit, bytes: first.bytes - unit }, ...ranges.slice(1)] : ranges.slice(1);
      await device.erase([{ address: first.address, bytes: unit }]);
      between();
      // A device with one erase unit for the whole image (J-Link's 64 KiB): the fault comes after it, still in the erase phase.
      if (rest.length > 0) await device.erase(rest, onProgress);
    },
  });
}

/**
 * In the program phase (`active`), programs the first half (page-aligned) of the first program
 * call of two pages or more, runs `between`, then the rest. (The erase phase's rewrites of the
 * pages beside the image are not this fault's target: 'disconnect mid-erase' covers them.)
 */
function splitProgram(device: FlashDevice, active: () => boolean, between: () => void): FlashDevice {
  let done = false;
  return delegate(device, {
    program: async (address, data, onProgress) => {
      if (done || !active() || data.length < 2 * part.pageBytes) return device.program(address, data, onProgress);
      done = true;
      const half = Math.floor(data.length / 2 / part.pageBytes) * part.pageBytes;
      await device.program(address, data.subarray(0, half));
      between();
      await device.program(address + half, data.subarray(half), onProgress);
    },
  });
}

function delegate(device: FlashDevice, override: Partial<Pick<FlashDevice, 'erase' | 'program'>>): FlashDevice {
  return {
    get geometry() { return device.geometry; },
    get readCost() { return device.readCost; },
    read: (a, n, p) => device.read(a, n, p),
    erase: override.erase ?? ((r, p) => device.erase(r, p)),
    program: override.program ?? ((a, d, p) => device.program(a, d, p)),
    ...(device.checksum !== undefined ? { checksum: (a: number, n: number) => device.checksum!(a, n) } : {}),
  };
}

const INJECTIONS: Record<FaultName, Injection> = {
  'packet dropped': {
    notApplicable: (t) => (isJlink(t) ? NO_USB_LINK : undefined),
    arm: (rig, device) => ({
      device,
      onPhaseStart: (phase) => phase === 'program' && rig.board.faults.dropPacket(7),
      fired: linkEvent(rig, 'drop'),
      clear: () => undefined,
    }),
  },
  'packet corrupted': {
    notApplicable: (t) => (isJlink(t) ? NO_USB_LINK : undefined),
    arm: (rig, device) => ({
      device,
      onPhaseStart: (phase) => phase === 'program' && rig.board.faults.corruptPacket(7),
      fired: linkEvent(rig, 'corrupt'),
      clear: () => undefined,
    }),
  },
  'disconnect mid-erase': {
    notApplicable: () => undefined,
    arm: (rig, device) => {
      let unplugged = false;
      return {
        device: splitErase(device, () => {
          unplugged = true;
          rig.unplug();
        }),
        fired: () => unplugged && (isJlink(rig.transport) || linkEvent(rig, 'disconnect')()),
        clear: () => undefined,
      };
    },
  },
  'disconnect mid-program': {
    notApplicable: () => undefined,
    arm: (rig, device) => {
      let unplugged = false;
      let inProgram = false;
      return {
        device: splitProgram(device, () => inProgram, () => {
          unplugged = true;
          rig.unplug();
        }),
        onPhaseStart: (phase) => void (inProgram = phase === 'program'),
        fired: () => unplugged && (isJlink(rig.transport) || linkEvent(rig, 'disconnect')()),
        clear: () => undefined,
      };
    },
  },
  'WAIT/NAK storm': {
    notApplicable: (t) =>
      t === 'dap-v1' || t === 'dap-v2' ? undefined : 'only SWD has a WAIT answer the host must retry (the SDP UART NAK path is exercised by UART noise; HID and JLinkExe have neither)',
    arm: (rig, device) => {
      const probe = rig.dapProbe()!;
      return {
        device,
        onPhaseStart: (phase) => phase === 'program' && probe.faults.waitStorm(2000),
        fired: () => probe.faults.waitAnswers > 0,
        clear: () => undefined,
      };
    },
  },
  'program failure': {
    notApplicable: () => undefined,
    arm: (rig, device) => {
      let from = Number.POSITIVE_INFINITY;
      return {
        device,
        onPhaseStart: (phase) => {
          if (phase !== 'program') return;
          from = rig.board.flash.faults.programCount;
          rig.board.faults.failNthProgram(3);
        },
        fired: () => rig.board.flash.faults.programCount >= from + 3,
        clear: () => undefined,
      };
    },
  },
  'erase timeout': {
    notApplicable: () => undefined,
    arm: (rig, device) => {
      let from = Number.POSITIVE_INFINITY;
      return {
        device,
        onPhaseStart: (phase) => {
          if (phase !== 'erase') return;
          from = rig.board.flash.faults.eraseCount;
          rig.board.faults.stretchBusy(100);
        },
        fired: () => rig.board.flash.faults.eraseCount > from,
        clear: () => rig.board.faults.stretchBusy(1),
      };
    },
  },
  'UART noise': {
    notApplicable: (t) => (t === 'sdp-uart' ? undefined : 'no UART on this link'),
    arm: (rig, device) => ({
      device,
      // One bit error per ~2,000 bytes in both directions, from the flash's first operation on.
      onPhaseStart: (phase) => phase === 'read' || phase === 'erase' ? rig.board.faults.uartNoise(0.0005, 8) : undefined,
      fired: linkEvent(rig, 'noise'),
      clear: () => rig.board.faults.uartNoise(0, 0),
    }),
  },
  'JLinkExe killed': {
    notApplicable: (t) => (isJlink(t) ? undefined : 'no JLinkExe process on this link'),
    arm: (rig, device) => {
      let killed = false;
      return {
        device,
        onPhaseStart: (phase) => {
          if (phase !== 'program') return;
          killed = true;
          rig.killNextProcessRun();
        },
        fired: () => killed,
        clear: () => undefined,
      };
    },
  },
};

const cells: MatrixCell[] = [];

async function closeQuietly(session: ProbeSession | undefined): Promise<void> {
  try {
    await session?.[Symbol.asyncDispose]();
  } catch {
    // The link may be gone (that was the fault); the rerun opens a new session.
  }
}

/** Bytes outside [TOUCHED_START, TOUCHED_END) that differ from `before` (first offset), or -1. */
function firstChangeOutside(rig: SimDriverRig): number {
  const now = rig.board.flash.peek(0, PATTERN_BYTES);
  for (let i = 0; i < PATTERN_BYTES; i++) {
    if (i === TOUCHED_START) i = TOUCHED_END;
    if (now[i] !== before[i]) return i;
  }
  return rig.board.flash.peek(PATTERN_BYTES, 64 * 1024).findIndex((b) => b !== 0xff);
}

/**
 * The first flash offset beside the image inside the touched sectors whose byte neither holds
 * its old value nor is returned with it in `returned`, or -1.
 */
function firstBesideNeitherKeptNorReturned(rig: SimDriverRig, returned: readonly PreservedBytes[]): number {
  const now = rig.board.flash.peek(TOUCHED_START, TOUCHED_END - TOUCHED_START);
  for (let offset = TOUCHED_START; offset < TOUCHED_END; offset++) {
    if (offset >= IMAGE_OFFSET && offset < IMAGE_OFFSET + IMAGE_BYTES) continue;
    if (now[offset - TOUCHED_START] === before[offset]) continue;
    const address = BASE + offset;
    const copy = returned.find((p) => p.address <= address && address < p.address + p.data.length);
    if (copy?.data[address - copy.address] !== before[offset]) return offset;
  }
  return -1;
}

async function runCell(transport: SimTransport, fault: FaultName): Promise<MatrixCell> {
  const injection = INJECTIONS[fault];
  const why = injection.notApplicable(transport);
  if (why !== undefined) return { transport, fault, applies: false, why };

  const rig = await createSimDriverRig(transport, { board: { flashContents: before } });
  let session: ProbeSession | undefined;
  try {
    session = await rig.open();
    const armed = injection.arm(rig, await session.attachFlash({ chip, part }));
    let phase: FlashPhase | undefined;
    let firedIn: string | undefined;
    const note = () => {
      if (firedIn === undefined && armed.fired()) firedIn = phase ?? 'attach';
    };
    let outcome: 'verified' | 'error';
    let code: string | undefined;
    let returned: readonly PreservedBytes[] = [];
    try {
      const result = await flash(image, armed.device, {
        clock: rig.board.clock,
        raw: true,
        onProgress: (e) => {
          if (e.type === 'phase-start') {
            note();
            phase = e.phase;
            armed.onPhaseStart?.(e.phase);
          }
          if (e.type === 'phase-end') note();
        },
      });
      expect(result.verifiedBytes).toBeGreaterThanOrEqual(IMAGE_BYTES);
      expect(rig.board.flash.peek(IMAGE_OFFSET, IMAGE_BYTES)).toEqual(imageData);
      outcome = 'verified';
    } catch (e) {
      // Only a coded error with a hint may end a faulted flash; anything else is a driver bug.
      if (!(e instanceof ImxflashError)) throw e;
      expect(e.hint ?? '', `${e.code} has no hint`).not.toBe('');
      outcome = 'error';
      code = e.code;
      returned = preservedBytesOf(e);
    }
    note();
    expect(firedIn, `${fault} never took effect on ${transport}`).toBeDefined();
    const changedAt = firstChangeOutside(rig);
    expect(changedAt, `a byte outside the touched sectors changed at flash offset 0x${changedAt.toString(16)}`).toBe(-1);
    const lostAt = firstBesideNeitherKeptNorReturned(rig, returned);
    expect(lostAt, `a byte beside the image at flash offset 0x${lostAt.toString(16)} was lost and not returned in the error`).toBe(-1);

    // The rerun: as a user would after the error (replug where something was unplugged).
    armed.clear();
    await closeQuietly(session);
    session = undefined;
    rig.replug();
    // The user reruns some seconds later: an erase the flash was still busy with has finished.
    rig.board.clock.advance(10_000);
    session = await rig.open();
    const device = await session.attachFlash({ chip, part });
    const again = await flash(image, device, { clock: rig.board.clock, raw: true });
    expect(again.verify).toBe('read-back');
    expect(rig.board.flash.peek(IMAGE_OFFSET, IMAGE_BYTES)).toEqual(imageData);
    expect(firstChangeOutside(rig)).toBe(-1);
    // The CLI's recovery file, written back: only the returned bytes, raw.
    const returnedBytes = returned.reduce((n, p) => n + p.data.length, 0);
    if (returned.length > 0) await flash(MemoryImage.from(returned.map((p) => ({ address: p.address, data: p.data }))), device, { clock: rig.board.clock, raw: true });
    const beside = rig.board.flash.peek(TOUCHED_START, TOUCHED_END - TOUCHED_START);
    const besideKept = [...beside].every((b, k) => {
      const offset = TOUCHED_START + k;
      return (offset >= IMAGE_OFFSET && offset < IMAGE_OFFSET + IMAGE_BYTES) || b === before[offset];
    });
    expect(besideKept, 'bytes beside the image differ after the rerun and the write-back of the returned bytes').toBe(true);
    expect(rig.board.flash.peek(IMAGE_OFFSET, IMAGE_BYTES)).toEqual(imageData);
    return { transport, fault, applies: true, outcome, ...(code !== undefined ? { code } : {}), phase: firedIn!, outsideUnchanged: true, rerunVerified: true, besideKept, returnedBytes };
  } finally {
    await closeQuietly(session);
    await rig.cleanup();
  }
}

describe.each(SIM_TRANSPORTS)('fault matrix: %s', (transport) => {
  it.each(FAULTS)('%s', async (fault) => {
    cells.push(await runCell(transport, fault));
  });
});

afterAll(() => {
  if (cells.length !== SIM_TRANSPORTS.length * FAULTS.length) return; // a filtered run: leave the doc alone
  const doc = renderReliabilityDoc(cells);
  const path = fileURLToPath(new URL('../../../docs/RELIABILITY.md', import.meta.url));
  if (process.env['IMXFLASH_WRITE_RELIABILITY'] === '1') {
    writeFileSync(path, doc);
    return;
  }
  expect(readFileSync(path, 'utf8'), 'docs/RELIABILITY.md is stale: rerun with IMXFLASH_WRITE_RELIABILITY=1').toBe(doc);
});
