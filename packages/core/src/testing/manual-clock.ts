import type { Clock } from '../time/clock.js';

/** A Clock for tests: time moves only when something sleeps or the test advances it. One per test. */
export class ManualClock implements Clock {
  private nowMs: number;

  constructor(startMs = 0) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  async sleep(ms: number): Promise<void> {
    this.advance(Math.max(0, ms));
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`cannot move a clock back (${ms} ms)`);
    this.nowMs += ms;
  }
}
