import type { Clock } from '../time/clock.js';
import type { FlashPhase, ProgressListener } from './progress-event.js';

export interface PhaseReporterOptions {
  readonly clock: Clock;
  readonly onProgress?: ProgressListener;
  /** Emit phase-progress at most this often (Clock time), unless `minStepBytes` passed. Default 100 ms. */
  readonly minIntervalMs?: number;
  /** …or when this many bytes were done since the last event. Default 1/100 of the total. */
  readonly minStepBytes?: number;
}

/**
 * Emits one phase's events in the documented order and rate-limits phase-progress: an update
 * goes out when `minIntervalMs` of Clock time or `minStepBytes` passed since the last one, and
 * the update that reaches the total always goes out. Also measures the phase's duration.
 */
export class PhaseReporter {
  private readonly startMs: number;
  private lastEmitMs: number;
  private lastEmitBytes = 0;
  private doneBytes = 0;
  private ended = false;
  private readonly minIntervalMs: number;
  private readonly minStepBytes: number;

  private constructor(
    readonly phase: FlashPhase,
    readonly totalBytes: number,
    private readonly options: PhaseReporterOptions,
  ) {
    this.startMs = options.clock.now();
    this.lastEmitMs = this.startMs;
    this.minIntervalMs = options.minIntervalMs ?? 100;
    this.minStepBytes = options.minStepBytes ?? Math.max(1, Math.floor(totalBytes / 100));
  }

  /** Emits phase-start and returns the reporter for the phase. */
  static start(phase: FlashPhase, totalBytes: number, options: PhaseReporterOptions): PhaseReporter {
    options.onProgress?.({ type: 'phase-start', phase, totalBytes });
    return new PhaseReporter(phase, totalBytes, options);
  }

  get done(): number {
    return this.doneBytes;
  }

  /** Clock time since phase-start. */
  get elapsedMs(): number {
    return this.options.clock.now() - this.startMs;
  }

  /** Sets the bytes done so far (values below the current count are ignored: never goes back). */
  update(doneBytes: number): void {
    if (this.ended || doneBytes <= this.doneBytes) return;
    this.doneBytes = Math.min(doneBytes, this.totalBytes);
    const now = this.options.clock.now();
    const reachedTotal = this.doneBytes === this.totalBytes;
    if (reachedTotal || now - this.lastEmitMs >= this.minIntervalMs || this.doneBytes - this.lastEmitBytes >= this.minStepBytes) {
      this.emitProgress(now);
    }
  }

  /** Adds `bytes` to the count. */
  advance(bytes: number): void {
    this.update(this.doneBytes + bytes);
  }

  /** Emits phase-end (once); returns the phase's Clock duration. */
  end(ok: boolean): number {
    const elapsed = this.elapsedMs;
    if (this.ended) return elapsed;
    this.ended = true;
    this.options.onProgress?.({ type: 'phase-end', phase: this.phase, ok });
    return elapsed;
  }

  private emitProgress(now: number): void {
    this.lastEmitMs = now;
    this.lastEmitBytes = this.doneBytes;
    const elapsedMs = now - this.startMs;
    this.options.onProgress?.({
      type: 'phase-progress',
      phase: this.phase,
      doneBytes: this.doneBytes,
      elapsedMs,
      rateBytesPerSec: elapsedMs > 0 ? (this.doneBytes * 1000) / elapsedMs : 0,
    });
  }
}
