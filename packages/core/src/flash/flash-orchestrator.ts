import { inspectBootImage } from '../boot-image/inspect-boot-image.js';
import type { Chip } from '../db/chip.js';
import type { FlashPart } from '../db/flash-part.js';
import { ImxflashError } from '../errors/imxflash-error.js';
import type { MemoryImage } from '../image/memory-image.js';
import type { FlashDevice, FlashGeometry } from '../probe/flash-device.js';
import type { FlashPhase, ProgressEvent } from '../progress/progress-event.js';
import { PhaseReporter } from '../progress/progress-reporter.js';
import type { Clock } from '../time/clock.js';
import { hex32, hexBytes } from '../util/hex.js';
import { crc32 } from './crc32.js';
import { FlashContents } from './flash-contents.js';
import type { FlashPlan, FlashPlanTotals, FlashRange, ProgramRun } from './flash-plan.js';
import { AUTO_CHIP_ERASE_FRACTION, checkImageFits, mergeRanges, planFlash, type EraseStrategy } from './flash-planner.js';

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
  /** Image bytes already in the flash (not rewritten). */
  readonly skippedBytes: number;
  readonly preservedBytes: number;
  readonly verifiedBytes: number;
  readonly verify: VerifyMethod;
  readonly reset: boolean;
  /** Clock time per phase that ran. */
  readonly phaseMs: Readonly<Partial<Record<FlashPhase, number>>>;
  readonly totalMs: number;
}

/** Device operations are cut to this size so progress flows and an abort is honoured soon. */
const OPERATION_BYTES = 64 * 1024;

type FlashState = 'untouched' | 'partly-written' | 'written-unverified';

/**
 * Writes `image` to `device` and verifies it: checks (range, bootability) → reads what the plan
 * needs → plan-ready → erase → program → verify → reset. Nothing outside the image changes:
 * partially covered sectors are read and rewritten. An abort between operations rewrites any
 * erased data beside the image before it throws FLASH_ABORTED.
 */
export async function flash(image: MemoryImage, device: FlashDevice, options: FlashOptions): Promise<FlashResult> {
  return new FlashRun(image, device, options).run();
}

class FlashRun {
  private readonly geometry: FlashGeometry;
  private readonly contents = new FlashContents();
  private readonly phaseMs: Partial<Record<FlashPhase, number>> = {};
  private state: FlashState = 'untouched';
  private erased: FlashRange[] = [];
  private erasedBytes = 0;
  private programmedBytes = 0;

  constructor(
    private readonly image: MemoryImage,
    private readonly device: FlashDevice,
    private readonly options: FlashOptions,
  ) {
    this.geometry = device.geometry;
  }

  async run(): Promise<FlashResult> {
    const { clock } = this.options;
    const startMs = clock.now();
    if (this.image.isEmpty) {
      throw new ImxflashError('IMAGE_EMPTY', 'the image holds no data; nothing to flash', { hint: 'Check that the file is the linked firmware.' });
    }
    checkImageFits(this.image, this.geometry);
    if (this.options.bootCheck && !this.options.raw) this.checkBootable(this.options.bootCheck);
    this.checkAbort(undefined);

    const readBytes = await this.readWhatThePlanNeeds();
    const plan = planFlash(this.image, this.geometry, (a, n) => this.contents.get(a, n), { erase: this.options.erase ?? 'auto' });
    if (plan.reads.length > 0) {
      // The contents were read above; a draft here would be a planner bug, and running it could lose data.
      throw new ImxflashError('INTERNAL', `flash plan still needs ${plan.totals.readBytes} bytes read after reading them`, { hint: 'Please report this bug.' });
    }
    this.emit({ type: 'plan-ready', plan });

    await this.erase(plan);
    await this.program(plan);
    const verify = this.verifyMethod();
    const verifiedBytes = verify === 'none' ? 0 : await this.verify(plan, verify);
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
      preservedBytes: plan.totals.preservedBytes,
      verifiedBytes,
      verify,
      reset: this.options.reset !== undefined,
      phaseMs: { ...this.phaseMs },
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
    const touchedBytes = draft.touched.reduce((n, r) => n + r.bytes, 0);
    const wholeChip = strategy === 'chip' || (strategy === 'auto' && touchedBytes >= AUTO_CHIP_ERASE_FRACTION * g.sizeBytes);
    const ranges =
      this.device.readCost === 'cheap' ? (wholeChip ? [{ address: g.base, bytes: g.sizeBytes }] : draft.touched) : draft.reads;
    const total = ranges.reduce((n, r) => n + r.bytes, 0);
    if (total === 0) return 0;

    const rep = this.startPhase('read', total);
    await this.guard(rep, async () => {
      for (const piece of pieces(ranges, OPERATION_BYTES)) {
        this.checkAbort(rep);
        const base = rep.done;
        this.contents.add(piece.address, await this.device.read(piece.address, piece.bytes, (d) => rep.update(base + d)));
        rep.update(base + piece.bytes);
      }
    });
    this.phaseMs.read = rep.end(true);
    return total;
  }

  private async erase(plan: FlashPlan): Promise<void> {
    const rep = this.startPhase('erase', plan.totals.eraseBytes);
    await this.guard(rep, async () => {
      for (const range of plan.erases) {
        await this.checkAbortRestoring(rep, plan, plan.programs);
        const base = rep.done;
        this.state = 'partly-written';
        await this.device.erase([range], (d) => rep.update(base + d));
        this.erased.push(range);
        this.erasedBytes += range.bytes;
        rep.update(base + range.bytes);
      }
    });
    this.phaseMs.erase = rep.end(true);
  }

  private async program(plan: FlashPlan): Promise<void> {
    const rep = this.startPhase('program', plan.totals.programBytes);
    const work = programPieces(plan.programs, OPERATION_BYTES);
    await this.guard(rep, async () => {
      for (let i = 0; i < work.length; i++) {
        await this.checkAbortRestoring(rep, plan, work.slice(i));
        const piece = work[i]!;
        const base = rep.done;
        this.state = 'partly-written';
        await this.device.program(piece.address, piece.data, (d) => rep.update(base + d));
        this.programmedBytes += piece.data.length;
        rep.update(base + piece.data.length);
      }
    });
    this.phaseMs.program = rep.end(true);
    this.state = 'written-unverified';
  }

  private verifyMethod(): VerifyMethod {
    const asked = this.options.verify ?? 'read-back';
    if (asked === 'checksum' && !this.device.checksum) {
      this.emit({ type: 'notice', code: 'VERIFY_READ_BACK', text: 'this probe cannot compute checksums on the target; verifying by reading back' });
      return 'read-back';
    }
    return asked;
  }

  /** Checks every image byte and every preserved byte; returns the bytes checked. */
  private async verify(plan: FlashPlan, method: 'read-back' | 'checksum'): Promise<number> {
    const ranges = mergeRanges([...this.image.segments.map((s) => ({ address: s.address, bytes: s.data.length })), ...plan.preserved]);
    const total = ranges.reduce((n, r) => n + r.bytes, 0);
    const rep = this.startPhase('verify', total);
    await this.guard(rep, async () => {
      for (const piece of pieces(ranges, OPERATION_BYTES)) {
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

  private checkAbort(rep: PhaseReporter | undefined): void {
    const signal = this.options.signal;
    if (!signal?.aborted) return;
    throw this.abortError(rep?.phase, 0, signal.reason);
  }

  /**
   * Before an erase or program: on abort, first rewrite the pages that hold data beside the
   * image in sectors already erased (the only copy of that data is in memory), then throw.
   */
  private async checkAbortRestoring(rep: PhaseReporter, plan: FlashPlan, pending: readonly ProgramRun[]): Promise<void> {
    const signal = this.options.signal;
    if (!signal?.aborted) return;
    const restore = pagesToRestore(pending, plan.preserved, this.erased, this.geometry.pageBytes);
    let restoredBytes = 0;
    try {
      for (const page of restore) {
        await this.device.program(page.address, page.data);
        restoredBytes += page.data.length;
      }
    } catch (cause) {
      throw new ImxflashError(
        'FLASH_ABORTED',
        `aborted during ${rep.phase}, and rewriting the data beside the image failed: bytes in ${describeRanges(restore)} may be lost`,
        { hint: 'Keep the board powered and run the same command again; it reads and rewrites what is left.', cause, details: { phase: rep.phase, state: 'data-lost' } },
      );
    }
    throw this.abortError(rep.phase, restoredBytes, signal.reason);
  }

  private abortError(phase: FlashPhase | undefined, restoredBytes: number, cause: unknown): ImxflashError {
    const where = phase ? `during ${phase}` : 'before writing';
    const what =
      this.state === 'untouched'
        ? 'the flash is unchanged'
        : this.state === 'partly-written'
          ? `the flash holds part of the new image (${this.erasedBytes} bytes erased, ${this.programmedBytes} programmed)` +
            (restoredBytes > 0 ? `; the ${restoredBytes} bytes of pages holding data beside the image were rewritten first` : '')
          : 'the image is written but not verified';
    return new ImxflashError('FLASH_ABORTED', `aborted ${where}: ${what}`, {
      hint: this.state === 'untouched' ? 'Run the command again when ready.' : 'Run the same command again to finish; data outside the image is kept.',
      cause,
      details: { phase: phase ?? null, state: this.state, erasedBytes: this.erasedBytes, programmedBytes: this.programmedBytes, restoredBytes },
    });
  }
}

function throwMismatch(r: FlashRange, expected: Uint8Array, actual: Uint8Array, checksums?: { crc: number; expectedCrc: number }): void {
  let first = -1;
  let differing = 0;
  for (let i = 0; i < expected.length; i++) {
    if (expected[i] !== actual[i]) {
      if (first < 0) first = i;
      differing++;
    }
  }
  if (first < 0 && !checksums) return;
  if (first < 0) {
    throw new ImxflashError(
      'FLASH_VERIFY_MISMATCH',
      `verify failed for ${hex32(r.address)}–${hex32(r.address + r.bytes - 1)}: checksum 0x${checksums!.crc.toString(16)}, expected 0x${checksums!.expectedCrc.toString(16)}, but reading back shows the right bytes`,
      { hint: 'The probe\'s checksum looks wrong; flash again with --verify read-back and report the probe.', details: { address: r.address, bytes: r.bytes } },
    );
  }
  const address = r.address + first;
  const shown = Math.min(8, expected.length - first);
  throw new ImxflashError(
    'FLASH_VERIFY_MISMATCH',
    `verify failed at ${hex32(address)}: wrote ${hexBytes(expected.subarray(first, first + shown))}, read ${hexBytes(actual.subarray(first, first + shown))}` +
      ` (${differing} byte${differing === 1 ? '' : 's'} differ in ${hex32(r.address)}–${hex32(r.address + r.bytes - 1)})`,
    {
      hint: 'Run `imxflash doctor`; if it persists, erase that sector and flash again (a worn or write-protected sector, or a stuck bit).',
      details: { address, expected: expected[first], actual: actual[first], differingBytes: differing },
    },
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

/** Pages of `pending` that lie in an erased range and overlap a preserved range. */
function pagesToRestore(pending: readonly ProgramRun[], preserved: readonly FlashRange[], erased: readonly FlashRange[], pageBytes: number): ProgramRun[] {
  const overlaps = (a: number, n: number, rs: readonly FlashRange[]) => rs.some((r) => a < r.address + r.bytes && r.address < a + n);
  const inside = (a: number, n: number, rs: readonly FlashRange[]) => rs.some((r) => r.address <= a && a + n <= r.address + r.bytes);
  const out: ProgramRun[] = [];
  for (const run of pending) {
    for (let p = 0; p < run.data.length; p += pageBytes) {
      const address = run.address + p;
      if (inside(address, pageBytes, erased) && overlaps(address, pageBytes, preserved)) out.push({ address, data: run.data.subarray(p, p + pageBytes) });
    }
  }
  return out;
}

function describeRanges(runs: readonly ProgramRun[]): string {
  return mergeRanges(runs.map((r) => ({ address: r.address, bytes: r.data.length })))
    .map((r) => `${hex32(r.address)}–${hex32(r.address + r.bytes - 1)}`)
    .join(', ');
}
