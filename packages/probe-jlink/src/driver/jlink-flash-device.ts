import {
  hex32, ImxflashError, protectedRangesFor, readNorStatusOverRegisters, type ByteProgress, type Chip, type EraseRange, type FlashDevice, type FlashGeometry, type FlashPart, type ProgramOutcome, type ProgressEvent,
} from '@imxflash/core';
import type { JlinkOperation } from '../script/flash-script.js';
import { JlinkRegisterAccess } from './jlink-register-access.js';

/** The piece size JlinkFlashDevice asks flash() for (see `preferredOperationBytes`). */
export const JLINK_OPERATION_BYTES = 1024 * 1024;

/** What one JLinkExe run gave back, by operation index. */
export interface JlinkBatchResult {
  /** savebin bytes and mem32 words (4 bytes, little-endian). */
  readonly reads: ReadonlyMap<number, Uint8Array>;
  /** Program operations whose download the DLL skipped (`Skipped. Contents already match`). */
  readonly unchanged: ReadonlySet<number>;
}

/** Runs a batch of operations in one JLinkExe process. */
export type JlinkBatchRunner = (operations: readonly JlinkOperation[]) => Promise<JlinkBatchResult>;

/**
 * The boot flash as J-Link reaches it: every call is one JLinkExe run (connect, halt, the work,
 * exit). Erases wait (each run costs a process start and a target connect): a program that
 * covers a waiting erase replaces it, because loadbin is a flash download that compares on the
 * target, erases what it must and skips sectors that already hold the data; so an unchanged
 * re-flash writes nothing, and program() says so (`{ unchanged: true }`: flash() does not read
 * it back). Waiting erases a program only overlaps run in its JLinkExe run, before the loadbin;
 * the others wait for the next program, read or flush. Reads are savebin dumps ('expensive':
 * a run each).
 *
 * loadbin is a flash download (it erases what it must and writes exactly the file), while the
 * FlashDevice contract is NOR programming (a byte ends as old AND new). So the device remembers
 * which bytes it erased in this session; a program over bytes it does not know to be erased
 * reads them first (one more run) and writes old AND new. The usual erase-then-program flow
 * needs no read.
 */
export class JlinkFlashDevice implements FlashDevice {
  readonly readCost = 'expensive' as const;
  /**
   * Each call is a JLinkExe run (~290 ms of process start and connect before any work), so the
   * orchestrator hands over 1 MiB at a time instead of 64 KiB: the fixed cost drops from about a
   * third of each run to a few percent, and progress and abort still come every few seconds.
   */
  readonly preferredOperationBytes = JLINK_OPERATION_BYTES;
  /**
   * The array the part's block-protect bits guard (flash() refuses before any erase). JLinkExe has
   * no status-register command, so the status byte is read through the FlexSPI registers with
   * w4/mem32 (core's readNorStatusOverRegisters): two JLinkExe runs (~0.6 s of process start and
   * connect) per flash, kept for safety. Only for SPI NOR parts: without `statusTarget` (HyperFlash)
   * the method is absent and flash() skips the check.
   */
  readonly protectedRanges?: () => Promise<ReadonlyArray<{ readonly address: number; readonly bytes: number }>>;
  private pendingErases: EraseRange[] = [];
  /** Byte ranges [start, end) known to hold 0xFF (erased in this session, not programmed since). */
  private erased: [number, number][] = [];

  constructor(
    readonly geometry: FlashGeometry,
    private readonly runBatch: JlinkBatchRunner,
    statusTarget?: { readonly chip: Chip; readonly part: FlashPart; readonly notify?: (event: ProgressEvent) => void },
  ) {
    if (statusTarget !== undefined) {
      const { chip, part, notify } = statusTarget;
      // Erases still pending stay pending: the check must come before them, and the register runs do not touch the flash.
      this.protectedRanges = async () => {
        let status: number;
        try {
          status = await readNorStatusOverRegisters(new JlinkRegisterAccess(runBatch), chip, part);
        } catch (e) {
          // JLinkExe answered but the status could not be read (an unknown mem32 format, a
          // register it could not reach, a FlexSPI that did not answer): say so and go on, as
          // the J-Link download itself does not depend on it. A failed run (no probe, timeout) stops.
          if (!(e instanceof ImxflashError) || (e.code !== 'JLINK_READ_FAILED' && e.code !== 'FLASH_READ_FAILED')) throw e;
          notify?.({ type: 'notice', code: 'JLINK_PROTECTION_NOT_CHECKED', text: `the flash's block protection was not checked: ${e.message}` });
          return [];
        }
        return protectedRangesFor(part, geometry.base, status);
      };
    }
  }

  async read(address: number, bytes: number, onProgress?: ByteProgress): Promise<Uint8Array> {
    this.checkRange(address, bytes);
    const ops = [...this.takeErases(), { kind: 'read', address, bytes } as const];
    const results = (await this.runBatch(ops)).reads;
    const data = results.get(ops.length - 1);
    if (data === undefined || data.length !== bytes) throw readFailed(address, bytes, data?.length ?? 0);
    this.noteErasedBytes(address, data);
    onProgress?.(bytes);
    return data;
  }

  async erase(ranges: readonly EraseRange[], onProgress?: ByteProgress): Promise<void> {
    const unit = this.geometry.eraseUnits[0]?.bytes ?? 4096;
    for (const r of ranges) {
      this.checkRange(r.address, r.bytes);
      if ((r.address - this.geometry.base) % unit !== 0 || r.bytes % unit !== 0) {
        throw new ImxflashError('FLASH_ERASE_UNALIGNED', `erase of ${r.bytes} bytes at ${hex32(r.address)} is not aligned to ${unit}-byte sectors`, {
          hint: 'This is a bug in the caller: erase ranges must be whole sectors.',
          details: { address: r.address, bytes: r.bytes, sectorBytes: unit },
        });
      }
    }
    this.pendingErases.push(...ranges.filter((r) => r.bytes > 0));
    for (const r of ranges) if (r.bytes > 0) this.erased = addRange(this.erased, r.address, r.address + r.bytes);
    // Reported as done: the erase runs with the next program or read (see class comment).
    onProgress?.(ranges.reduce((n, r) => n + r.bytes, 0));
  }

  async program(address: number, data: Uint8Array, onProgress?: ByteProgress): Promise<ProgramOutcome | undefined> {
    this.checkRange(address, data.length);
    if (data.length === 0) return undefined;
    const end = address + data.length;
    const unknown = missingRanges(this.erased, address, end);
    let write = data;
    if (unknown.length > 0) {
      const reads = unknown.map(([from, to]) => ({ kind: 'read', address: from, bytes: to - from }) as const);
      const ops = [...this.takeErases(), ...reads];
      const results = (await this.runBatch(ops)).reads;
      write = data.slice();
      reads.forEach((op, i) => {
        const old = results.get(ops.length - reads.length + i);
        if (old === undefined || old.length !== op.bytes) throw readFailed(op.address, op.bytes, old?.length ?? 0);
        this.noteErasedBytes(op.address, old);
        for (let k = 0; k < old.length; k++) write[op.address - address + k]! &= old[k]!;
      });
    }
    // Erases inside the range are left to loadbin (the bytes end as `write` either way); erases
    // that reach outside it run first, in the same JLinkExe run.
    const covered = (r: EraseRange) => r.address >= address && r.address + r.bytes <= end;
    const overlaps = (r: EraseRange) => r.address < end && r.address + r.bytes > address;
    const ops = [...this.takeErases((r) => overlaps(r) && !covered(r)), { kind: 'program', address, data: write } as const];
    this.pendingErases = this.pendingErases.filter((r) => !covered(r));
    const result = await this.runBatch(ops);
    this.erased = removeRange(this.erased, address, end);
    onProgress?.(data.length);
    return { unchanged: result.unchanged.has(ops.length - 1) };
  }

  /** Runs erases still pending (call before disposing the session). */
  async flush(): Promise<void> {
    const ops = this.takeErases();
    if (ops.length > 0) await this.runBatch(ops);
  }

  /** Bytes read as 0xFF count as erased: a later program there needs no read. */
  private noteErasedBytes(address: number, data: Uint8Array): void {
    // Collected first and merged once: random data has a 0xFF byte every ~256 bytes, and merging
    // each run on its own made an 8 MiB read quadratic (tens of seconds).
    const runs: [number, number][] = [];
    let i = 0;
    while (i < data.length) {
      if (data[i] !== 0xff) {
        i++;
        continue;
      }
      let j = i;
      while (j < data.length && data[j] === 0xff) j++;
      runs.push([address + i, address + j]);
      i = j;
    }
    if (runs.length > 0) this.erased = addRanges(this.erased, runs);
  }

  /** The waiting erases (those `which` picks; all by default) as operations, no longer waiting. */
  private takeErases(which: (r: EraseRange) => boolean = () => true): JlinkOperation[] {
    const ops = this.pendingErases.filter(which).map((r) => ({ kind: 'erase', address: r.address, bytes: r.bytes }) as const);
    this.pendingErases = this.pendingErases.filter((r) => !which(r));
    return ops;
  }

  private checkRange(address: number, bytes: number): void {
    const { base, sizeBytes } = this.geometry;
    if (!(Number.isInteger(address) && Number.isInteger(bytes) && bytes >= 0 && address >= base && address + bytes <= base + sizeBytes)) {
      throw new ImxflashError('FLASH_OUT_OF_RANGE', `${bytes} bytes at ${hex32(address)} lie outside the flash ${hex32(base)}–${hex32(base + sizeBytes - 1)}`, {
        hint: 'Check the address and length against the flash size (`imxflash flash-parts`).',
        details: { address, bytes, base, sizeBytes },
      });
    }
  }
}

function readFailed(address: number, bytes: number, got: number): ImxflashError {
  return new ImxflashError('JLINK_READ_FAILED', `J-Link read of ${bytes} bytes at ${hex32(address)} returned ${got} bytes`, {
    hint: 'Retry; if it repeats, read with --probe sdp or --probe cmsis-dap.',
    details: { address, bytes, got },
  });
}

/** Sorted, merged [start, end) list plus [from, to). */
function addRange(list: readonly [number, number][], from: number, to: number): [number, number][] {
  return addRanges(list, [[from, to]]);
}

/** Sorted, merged [start, end) list plus `more` (any order), in one sort. */
function addRanges(list: readonly [number, number][], more: readonly [number, number][]): [number, number][] {
  const all = [...list, ...more].map(([a, b]) => [a, b] as [number, number]).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of all) {
    const last = out[out.length - 1];
    if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The list without [from, to). */
function removeRange(list: readonly [number, number][], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [a, b] of list) {
    if (b <= from || a >= to) out.push([a, b]);
    else {
      if (a < from) out.push([a, from]);
      if (b > to) out.push([to, b]);
    }
  }
  return out;
}

/** The parts of [from, to) the list does not cover. */
function missingRanges(list: readonly [number, number][], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let at = from;
  for (const [a, b] of list) {
    if (b <= at) continue;
    if (a >= to) break;
    if (a > at) out.push([at, a]);
    at = Math.max(at, b);
    if (at >= to) break;
  }
  if (at < to) out.push([at, to]);
  return out;
}
