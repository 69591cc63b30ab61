import { inspectBootImage } from '../boot-image/inspect-boot-image.js';
import type { Chip } from '../db/chip.js';
import type { FlashPart } from '../db/flash-part.js';
import { ImxflashError } from '../errors/imxflash-error.js';
import type { MemoryImage } from '../image/memory-image.js';
import type { FlashDevice, FlashGeometry, ProgramOutcome } from '../probe/flash-device.js';
import type { FlashPhase, ProgressEvent } from '../progress/progress-event.js';
import { PhaseReporter } from '../progress/progress-reporter.js';
import type { Clock } from '../time/clock.js';
import { hex32 } from '../util/hex.js';
import { crc32 } from './crc32.js';
import { checkFlashMatches } from './flash-mismatch.js';
import { refuseProtectedWrites } from './refuse-protected.js';
import { FlashContents } from './flash-contents.js';
import type { FlashPlan, FlashPlanTotals, FlashRange, ProgramRun } from './flash-plan.js';
import { checkImageFits, chipEraseIsFaster, mergeRanges, planFlash, type EraseStrategy } from './flash-planner.js';
import { atRiskError, intersectRanges, subtractRanges, type PreservedBytes } from './preserved-bytes.js';

export type VerifyMethod = 'read-back' | 'checksum' | 'none';

export interface FlashOptions {
  readonly clock: Clock;
  /** Default 'read-back'. 'checksum' uses the device's CRC when it has one, else falls back to read-back (with a notice). */
  readonly verify?: VerifyMethod;
  /** Default 'auto' (see EraseStrategy). */
  readonly erase?: EraseStrategy;
  /** Write the image even when it would not boot (data, or a second-stage image). */
  readonly raw?: boolean;
  /** When given and not raw: the image must pass the boot-image inspector, else FLASH_NOT_BOOTABLE before anything is written. */
  readonly bootCheck?: { readonly chip: Chip; readonly part?: FlashPart };
  /** Called after a successful verify (a `reset` phase). */
  readonly reset?: () => Promise<void>;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Checked between device operations; an abort ends with FLASH_ABORTED saying what the flash holds. */
  readonly signal?: AbortSignal;
}

export interface FlashResult {
  readonly plan: FlashPlanTotals & { readonly chipErase: boolean; readonly eraseCommands: number; readonly programRuns: number };
  readonly readBytes: number;
  readonly erasedBytes: number;
  readonly programmedBytes: number;
  /** Image bytes already in the flash (not rewritten), as the plan's read found them. */
  readonly skippedBytes: number;
  /**
   * Bytes the device was asked to program but found already right on the target and did not
   * write (FlashDevice.program resolving `{ unchanged: true }`, e.g. J-Link's compare); not read back.
   */
  readonly confirmedBytes: number;
  readonly preservedBytes: number;
  readonly verifiedBytes: number;
  readonly verify: VerifyMethod;
  readonly reset: boolean;
  /** Clock time per phase that ran. */
  readonly phaseMs: Readonly<Partial<Record<FlashPhase, number>>>;
  /** Clock time reading the device's block protection (FlashDevice.protectedRanges) before any erase; 0 without one. */
  readonly protectionCheckMs: number;
  readonly totalMs: number;
}

/**
 * Device operations are cut to this size so progress flows and an abort is honoured soon, unless
 * the device prefers another (FlashDevice.preferredOperationBytes).
 */
export const DEFAULT_OPERATION_BYTES = 64 * 1024;

type FlashState = 'untouched' | 'partly-written' | 'written-unverified';

/** A page holding preserved bytes inside a range an erase was sent for: what it must hold, and whether it was programmed. */
interface AtRiskPage {
  readonly address: number;
  readonly data: Uint8Array;
  programmed: boolean;
}

/** Thrown by the abort checks; turned into FLASH_ABORTED once what is at risk is restored. */
class AbortRequested {
  constructor(
    readonly phase: FlashPhase | undefined,
    readonly reason: unknown,
  ) {}
}

/**
 * Writes `image` to `device` and verifies it: checks (range, bootability) → reads what the plan
 * needs → plan-ready → erase → program → verify → reset. Nothing outside the image changes:
 * partially covered sectors are read and rewritten.
 *
 * Data beside the image (the plan's `preserved` bytes, held only in memory once their sector is
 * erased) is at risk for as short as possible: right after each erase command, still in the
 * erase phase, the pages of that range holding preserved bytes are programmed; the program
 * phase then writes the rest. The guarantee when flash() throws after an erase was sent (device
 * error, verify mismatch or abort): each preserved byte is either (a) read back equal to its old
 * value, after a best-effort rewrite of the pages not yet programmed, or (b) listed in the
 * error's `details.atRisk` (JSON ranges), with its old value in `details.preserved`
 * ({@link PreservedBytes}[]; not enumerable, so JSON output skips it; `preservedBytesOf(error)`
 * reads it). The error keeps its code; its hint says how to write those bytes back. Bytes
 * outside the touched sectors are never erased. Only what was erased or programmed is
 * verified (programmed pages whole): pages the plan read and found right are not read again.
 */
export async function flash(image: MemoryImage, device: FlashDevice, options: FlashOptions): Promise<FlashResult> {
  return new FlashRun(image, device, options).run();
}

class FlashRun {
  private readonly geometry: FlashGeometry;
  private readonly operationBytes: number;
  private readonly contents = new FlashContents();
  private readonly phaseMs: Partial<Record<FlashPhase, number>> = {};
  private state: FlashState = 'untouched';
  private erasedBytes = 0;
  private programmedBytes = 0;
  private confirmedBytes = 0;
  /** Ranges the device confirmed on the target instead of programming them (verify skips them). */
  private readonly confirmed: FlashRange[] = [];
  /** Pages with preserved bytes whose erase was sent (even if it failed: it may have run), by address. */
  private readonly atRisk = new Map<number, AtRiskPage>();
  /** Addresses of pages already programmed (so the program phase skips them). */
  private readonly programmedPages = new Set<number>();

  constructor(
    private readonly image: MemoryImage,
    private readonly device: FlashDevice,
    private readonly options: FlashOptions,
  ) {
    this.geometry = device.geometry;
    const page = this.geometry.pageBytes;
    const preferred = device.preferredOperationBytes ?? DEFAULT_OPERATION_BYTES;
    this.operationBytes = Math.max(page, Math.floor(preferred / page) * page);
  }

  async run(): Promise<FlashResult> {
    const { clock } = this.options;
    const startMs = clock.now();
    if (this.image.isEmpty) {
      throw new ImxflashError('IMAGE_EMPTY', 'the image holds no data; nothing to flash', { hint: 'Check that the file is the linked firmware.' });
    }
    checkImageFits(this.image, this.geometry);
    if (this.options.bootCheck && !this.options.raw) this.checkBootable(this.options.bootCheck);
    if (this.options.signal?.aborted) throw this.abortError(undefined, 0, this.options.signal.reason, []);

    let readBytes: number;
    try {
      readBytes = await this.readWhatThePlanNeeds();
    } catch (e) {
      if (e instanceof AbortRequested) throw this.abortError(e.phase, 0, e.reason, []);
      throw e;
    }
    const plan = planFlash(this.image, this.geometry, (a, n) => this.contents.get(a, n), { erase: this.options.erase ?? 'auto' });
    if (plan.reads.length > 0) {
      // The contents were read above; a draft here would be a planner bug, and running it could lose data.
      throw new ImxflashError('INTERNAL', `flash plan still needs ${plan.totals.readBytes} bytes read after reading them`, { hint: 'Please report this bug.' });
    }
    const check0 = clock.now();
    await refuseProtectedWrites(this.device, [...plan.erases, ...plan.programs.map((p) => ({ address: p.address, bytes: p.data.length }))], 'this flash');
    const protectionCheckMs = clock.now() - check0;
    this.emit({ type: 'plan-ready', plan });

    const verify = this.verifyMethod();
    let verifiedBytes = 0;
    try {
      await this.erase(plan);
      await this.program(plan);
      if (verify !== 'none') verifiedBytes = await this.verify(plan, verify);
    } catch (e) {
      throw await this.failed(e, plan);
    }
    if (this.options.reset) {
      const rep = this.startPhase('reset', 0);
      try {
        await this.options.reset();
      } catch (e) {
        this.phaseMs.reset = rep.end(false);
        throw e;
      }
      this.phaseMs.reset = rep.end(true);
    }

    return {
      plan: { ...plan.totals, chipErase: plan.chipErase, eraseCommands: plan.erases.length, programRuns: plan.programs.length },
      readBytes,
      erasedBytes: this.erasedBytes,
      programmedBytes: this.programmedBytes,
      skippedBytes: plan.totals.skippedBytes,
      confirmedBytes: this.confirmedBytes,
      preservedBytes: plan.totals.preservedBytes,
      verifiedBytes,
      verify,
      reset: this.options.reset !== undefined,
      phaseMs: { ...this.phaseMs },
      protectionCheckMs,
      totalMs: clock.now() - startMs,
    };
  }

  private checkBootable(target: { chip: Chip; part?: FlashPart }): void {
    const report = inspectBootImage(this.image, target.part ? { chip: target.chip, part: target.part } : { chip: target.chip });
    const errors = report.findings.filter((f) => f.severity === 'error');
    const first = errors[0];
    if (!first) return;
    throw new ImxflashError(
      'FLASH_NOT_BOOTABLE',
      `refusing to write an image ${target.chip.name} would not boot from ${hex32(report.flashBase)}: ${first.message}` +
        (errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''),
      {
        hint: `${first.fix} To write it anyway (data, or an image booted some other way), pass --raw.`,
        details: { findings: errors.map((f) => f.id) },
      },
    );
  }

  /**
   * Cheap reads: whole touched sectors, so unchanged ones are skipped (the whole chip when a
   * chip erase is asked for or likely). Expensive reads: only sectors whose data beside the
   * image must survive an erase.
   */
  private async readWhatThePlanNeeds(): Promise<number> {
    const g = this.geometry;
    const strategy = this.options.erase ?? 'auto';
    const draft = planFlash(this.image, g, undefined, { erase: strategy === 'chip' ? 'chip' : 'sector' });
    const wholeChip = strategy === 'chip' || (strategy === 'auto' && chipEraseIsFaster(g, draft.erases));
    const ranges =
      this.device.readCost === 'cheap' ? (wholeChip ? [{ address: g.base, bytes: g.sizeBytes }] : draft.touched) : draft.reads;
    const total = ranges.reduce((n, r) => n + r.bytes, 0);
    if (total === 0) return 0;

    const rep = this.startPhase('read', total);
    await this.guard(rep, async () => {
      for (const piece of pieces(ranges, this.operationBytes)) {
        this.checkAbort(rep);
        const base = rep.done;
        this.contents.add(piece.address, await this.device.read(piece.address, piece.bytes, (d) => rep.update(base + d)));
        rep.update(base + piece.bytes);
      }
    });
    this.phaseMs.read = rep.end(true);
    return total;
  }

  /**
   * Each erase command, then at once the pages of its range that hold preserved bytes (so the
   * only copy of those bytes is in memory for one erase and a few pages, not the whole erase phase).
   */
  private async erase(plan: FlashPlan): Promise<void> {
    const rep = this.startPhase('erase', plan.totals.eraseBytes);
    const page = this.geometry.pageBytes;
    await this.guard(rep, async () => {
      for (const range of plan.erases) {
        this.checkAbort(rep);
        const base = rep.done;
        this.state = 'partly-written';
        const risky = pagesWithin(plan.programs, range, page).filter((p) => overlaps(p.address, page, plan.preserved));
        for (const p of risky) this.atRisk.set(p.address, { address: p.address, data: p.data, programmed: false });
        await this.device.erase([range], (d) => rep.update(base + d));
        this.erasedBytes += range.bytes;
        for (const run of joinPages(risky)) {
          this.notePrograms(run, await this.device.program(run.address, run.data));
        }
        rep.update(base + range.bytes);
      }
    });
    this.phaseMs.erase = rep.end(true);
  }

  private async program(plan: FlashPlan): Promise<void> {
    const page = this.geometry.pageBytes;
    const left = joinPages(plan.programs.flatMap((r) => splitPages(r, page)).filter((p) => !this.programmedPages.has(p.address)));
    const total = left.reduce((n, r) => n + r.data.length, 0);
    const rep = this.startPhase('program', total);
    const work = programPieces(left, this.operationBytes);
    await this.guard(rep, async () => {
      for (const piece of work) {
        this.checkAbort(rep);
        const base = rep.done;
        this.state = 'partly-written';
        this.notePrograms(piece, await this.device.program(piece.address, piece.data, (d) => rep.update(base + d)));
        rep.update(base + piece.data.length);
      }
    });
    this.phaseMs.program = rep.end(true);
    this.state = 'written-unverified';
  }

  private notePrograms(run: ProgramRun, outcome: void | ProgramOutcome): void {
    const page = this.geometry.pageBytes;
    if (outcome?.unchanged === true) {
      this.confirmedBytes += run.data.length;
      this.confirmed.push({ address: run.address, bytes: run.data.length });
    } else {
      this.programmedBytes += run.data.length;
    }
    for (let a = run.address; a < run.address + run.data.length; a += page) {
      this.programmedPages.add(a);
      const risky = this.atRisk.get(a);
      if (risky) risky.programmed = true;
    }
  }

  private verifyMethod(): VerifyMethod {
    const asked = this.options.verify ?? 'read-back';
    if (asked === 'checksum' && !this.device.checksum) {
      this.emit({ type: 'notice', code: 'VERIFY_READ_BACK', text: 'this probe cannot compute checksums on the target; verifying by reading back' });
      return 'read-back';
    }
    return asked;
  }

  /**
   * Checks every page the run programmed and every image and preserved byte it erased (the
   * others were read and found right by the plan, and nothing touched them since); returns the
   * bytes checked.
   */
  private async verify(plan: FlashPlan, method: 'read-back' | 'checksum'): Promise<number> {
    const ranges = subtractRanges(verifyRanges(this.image, plan), this.confirmed);
    const total = ranges.reduce((n, r) => n + r.bytes, 0);
    const rep = this.startPhase('verify', total);
    await this.guard(rep, async () => {
      for (const piece of pieces(ranges, this.operationBytes)) {
        this.checkAbort(rep);
        const expected = this.expected(piece);
        const base = rep.done;
        if (method === 'checksum') {
          const crc = await this.device.checksum!(piece.address, piece.bytes);
          if (crc !== crc32(expected)) {
            // Name the first differing byte, not just the range.
            const actual = await this.device.read(piece.address, piece.bytes);
            throwMismatch(piece, expected, actual, { crc, expectedCrc: crc32(expected) });
          }
        } else {
          const actual = await this.device.read(piece.address, piece.bytes, (d) => rep.update(base + d));
          throwMismatch(piece, expected, actual);
        }
        rep.update(base + piece.bytes);
      }
    });
    this.phaseMs.verify = rep.end(true);
    return total;
  }

  /** What [address, +bytes) must hold now: read contents (the preserved bytes), then the image over them. */
  private expected(r: FlashRange): Uint8Array {
    const out = new Uint8Array(r.bytes).fill(0xff);
    this.contents.copyInto(r.address, out);
    for (const s of this.image.slice(r.address, r.address + r.bytes).segments) out.set(s.data, s.address - r.address);
    return out;
  }

  private startPhase(phase: FlashPhase, totalBytes: number): PhaseReporter {
    return PhaseReporter.start(phase, totalBytes, { clock: this.options.clock, ...(this.options.onProgress ? { onProgress: this.options.onProgress } : {}) });
  }

  /** Runs a phase body; on failure the phase ends with ok: false (nothing follows it). */
  private async guard(rep: PhaseReporter, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (e) {
      this.phaseMs[rep.phase] = rep.end(false);
      throw e;
    }
  }

  private emit(event: ProgressEvent): void {
    this.options.onProgress?.(event);
  }

  /** Between device operations: an abort stops here (see {@link failed}). */
  private checkAbort(rep: PhaseReporter): void {
    const signal = this.options.signal;
    if (signal?.aborted) throw new AbortRequested(rep.phase, signal.reason);
  }

  /**
   * The error to throw for `e` (an abort or a failure after plan-ready), once preserved bytes
   * still at risk were rewritten and read back as far as the device lets us; what could not be
   * confirmed goes into the error (see {@link flash}).
   */
  private async failed(e: unknown, plan: FlashPlan): Promise<unknown> {
    const { restoredBytes, lost } = await this.restore(plan);
    if (e instanceof AbortRequested) return this.abortError(e.phase, restoredBytes, e.reason, lost);
    return lost.length === 0 ? e : atRiskError(e, lost);
  }

  /**
   * Best effort, never throws: programs the at-risk pages not programmed yet, then reads back
   * every at-risk page and compares its preserved bytes. Stops at the first failing operation
   * (the link is likely gone; each try can cost a timeout). Returns the preserved bytes not
   * confirmed, with their old values.
   */
  private async restore(plan: FlashPlan): Promise<{ restoredBytes: number; lost: PreservedBytes[] }> {
    const page = this.geometry.pageBytes;
    const pages = [...this.atRisk.values()].sort((a, b) => a.address - b.address);
    let restoredBytes = 0;
    try {
      for (const p of pages.filter((q) => !q.programmed)) {
        await this.device.program(p.address, p.data);
        p.programmed = true;
        restoredBytes += p.data.length;
      }
    } catch {
      // Left unconfirmed below.
    }
    const confirmed = new Set<number>();
    try {
      for (const run of joinPages(pages.filter((p) => p.programmed))) {
        const actual = await this.device.read(run.address, run.data.length);
        for (let at = 0; at < run.data.length; at += page) {
          const address = run.address + at;
          const kept = intersectRanges([{ address, bytes: page }], plan.preserved);
          if (kept.every((r) => sameAt(actual, run.data, r.address - run.address, r.bytes))) confirmed.add(address);
        }
      }
    } catch {
      // Left unconfirmed.
    }
    const lostRanges = intersectRanges(
      mergeRanges(pages.filter((p) => !confirmed.has(p.address)).map((p) => ({ address: p.address, bytes: page }))),
      plan.preserved,
    );
    const lost = lostRanges.map((r) => {
      const data = new Uint8Array(r.bytes).fill(0xff);
      this.contents.copyInto(r.address, data);
      return { address: r.address, data };
    });
    return { restoredBytes, lost };
  }

  private abortError(phase: FlashPhase | undefined, restoredBytes: number, cause: unknown, lost: PreservedBytes[]): ImxflashError {
    const where = phase ? `during ${phase}` : 'before writing';
    const what =
      this.state === 'untouched'
        ? 'the flash is unchanged'
        : this.state === 'partly-written'
          ? `the flash holds part of the new image (${this.erasedBytes} bytes erased, ${this.programmedBytes} programmed)` +
            (restoredBytes > 0 ? `; the ${restoredBytes} bytes of pages holding data beside the image were rewritten first` : '')
          : 'the image is written but not verified';
    const error = new ImxflashError('FLASH_ABORTED', `aborted ${where}: ${what}`, {
      hint: this.state === 'untouched' ? 'Run the command again when ready.' : 'Run the same command again to finish; data outside the image is kept.',
      cause,
      details: { phase: phase ?? null, state: this.state, erasedBytes: this.erasedBytes, programmedBytes: this.programmedBytes, restoredBytes },
    });
    return lost.length === 0 ? error : atRiskError(error, lost);
  }
}

function throwMismatch(r: FlashRange, expected: Uint8Array, actual: Uint8Array, checksums?: { crc: number; expectedCrc: number }): void {
  checkFlashMatches(r, expected, actual, 'Run `imxflash doctor`; if it persists, erase that sector and flash again (a worn or write-protected sector, or a stuck bit).');
  if (!checksums) return;
  throw new ImxflashError(
    'FLASH_VERIFY_MISMATCH',
    `verify failed for ${hex32(r.address)}–${hex32(r.address + r.bytes - 1)}: checksum 0x${checksums.crc.toString(16)}, expected 0x${checksums.expectedCrc.toString(16)}, but reading back shows the right bytes`,
    { hint: 'The probe\'s checksum looks wrong; flash again with --verify read-back and report the probe.', details: { address: r.address, bytes: r.bytes } },
  );
}

/** `ranges` cut into pieces of at most `maxBytes`. */
function pieces(ranges: readonly FlashRange[], maxBytes: number): FlashRange[] {
  const out: FlashRange[] = [];
  for (const r of ranges) {
    for (let at = r.address; at < r.address + r.bytes; at += maxBytes) out.push({ address: at, bytes: Math.min(maxBytes, r.address + r.bytes - at) });
  }
  return out;
}

/** Program runs cut into pieces of at most `maxBytes` (runs are page-aligned and `maxBytes` a page multiple, so pieces stay page-aligned). */
function programPieces(runs: readonly ProgramRun[], maxBytes: number): ProgramRun[] {
  const out: ProgramRun[] = [];
  for (const r of runs) {
    for (let at = 0; at < r.data.length; at += maxBytes) out.push({ address: r.address + at, data: r.data.subarray(at, at + maxBytes) });
  }
  return out;
}

/** The program pages of `runs` that lie inside `range`. */
function pagesWithin(runs: readonly ProgramRun[], range: FlashRange, pageBytes: number): ProgramRun[] {
  const out: ProgramRun[] = [];
  for (const r of runs) {
    // Runs and ranges are page-aligned: cut the run to the range, then into pages.
    const from = Math.max(r.address, range.address);
    const to = Math.min(r.address + r.data.length, range.address + range.bytes);
    if (from < to) out.push(...splitPages({ address: from, data: r.data.subarray(from - r.address, to - r.address) }, pageBytes));
  }
  return out;
}

function splitPages(run: ProgramRun, pageBytes: number): ProgramRun[] {
  const out: ProgramRun[] = [];
  for (let at = 0; at < run.data.length; at += pageBytes) out.push({ address: run.address + at, data: run.data.subarray(at, at + pageBytes) });
  return out;
}

/** Address-ordered pages, adjacent ones joined into one run (copied). */
function joinPages(pages: readonly ProgramRun[]): ProgramRun[] {
  const out: ProgramRun[] = [];
  let group: ProgramRun[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const data = new Uint8Array(group.reduce((n, p) => n + p.data.length, 0));
    let at = 0;
    for (const p of group) {
      data.set(p.data, at);
      at += p.data.length;
    }
    out.push({ address: group[0]!.address, data });
    group = [];
  };
  for (const p of [...pages].sort((a, b) => a.address - b.address)) {
    const last = group[group.length - 1];
    if (last && last.address + last.data.length !== p.address) flush();
    group.push(p);
  }
  flush();
  return out;
}

function overlaps(address: number, bytes: number, ranges: readonly FlashRange[]): boolean {
  return ranges.some((r) => address < r.address + r.bytes && r.address < address + bytes);
}

function sameAt(a: Uint8Array, b: Uint8Array, offset: number, bytes: number): boolean {
  for (let i = offset; i < offset + bytes; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * What a verify must check: every page the plan programs (whole pages, so a bit gone wrong in a
 * blank byte beside the image is caught too), and the image and preserved bytes in what it erases
 * (image bytes left 0xFF are erased, not programmed). Pages the plan read and left alone are not.
 */
export function verifyRanges(image: MemoryImage, plan: FlashPlan): FlashRange[] {
  const wanted = mergeRanges([...image.segments.map((s) => ({ address: s.address, bytes: s.data.length })), ...plan.preserved]);
  const programmed = plan.programs.map((p) => ({ address: p.address, bytes: p.data.length }));
  return mergeRanges([...programmed, ...intersectRanges(wanted, plan.erases)]);
}
