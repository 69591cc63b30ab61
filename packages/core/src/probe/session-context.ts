import type { ProgressEvent } from '../progress/progress-event.js';
import type { Clock } from '../time/clock.js';

/** What a driver gets for the life of one session. */
export interface SessionContext {
  /** Every wait and timeout uses this (STYLE R12). */
  readonly clock: Clock;
  /** Progress of long session work (loading a flashloader, identifying the flash). */
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Aborts waits and long operations between device operations. */
  readonly signal?: AbortSignal;
}
