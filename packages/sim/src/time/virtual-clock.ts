import type { Clock } from '@imxflash/core';

/**
 * Modelled time. Every link transfer and flash operation advances it by the time the hardware
 * would take; `sleep` advances it at once. Phases (`mark`) let a run report modelled time per
 * phase. One instance per board (no module state).
 */
export class VirtualClock implements Clock {
  private nowMs = 0;

  now(): number {
    return this.nowMs;
  }

  async sleep(ms: number): Promise<void> {
    this.advance(ms);
  }

  /** Moves time forward by `ms` (≥ 0). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`cannot advance a clock by ${ms} ms`);
    this.nowMs += ms;
  }

  /** Moves time forward to `ms` if that is later than now. */
  advanceTo(ms: number): void {
    if (ms > this.nowMs) this.nowMs = ms;
  }
}
