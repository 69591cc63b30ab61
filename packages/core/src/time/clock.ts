/**
 * Time, injected (STYLE R12). Drivers and the flash pipeline never call Date.now, setTimeout or
 * performance.now: on the virtual board time is modelled, so tests never sleep and `--sim` runs
 * report modelled hardware time.
 */
export interface Clock {
  /** Milliseconds since an arbitrary origin; monotonic; may be fractional. */
  now(): number;
  /** Resolves after `ms` of this clock's time (virtual clocks advance instead of waiting). */
  sleep(ms: number): Promise<void>;
}

/** Wall-clock time, for real hardware. */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
