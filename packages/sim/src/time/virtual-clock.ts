import type { Clock } from '@imxflash/core';

/**
 * Modelled time. Every link transfer and flash operation advances it by the time the hardware
 * would take; `sleep` advances it at once. Phases (`mark`) let a run report modelled time per
 * phase. One instance per board (no module state).
 */
export class VirtualClock implements Clock {
  private nowMs = 0;
  /** When the board side (a probe executing queued commands) is next free; see runOnDevice. */
  private deviceFreeMs = 0;
  private onDevice = false;

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

  /**
   * Runs `fn` as the board side of a USB link: a device that works through queued packets on its
   * own timeline while the host goes on (link-timing.ts, "pipelining"). `fn` starts at
   * max(`startMs`, when the board side finished its previous packet); inside it `now()` is board
   * time and `advance` moves board time. Afterwards the clock is back at host time. Returns the
   * board time at which `fn` finished. A nested call (a device acting inside another) runs inline.
   */
  runOnDevice(startMs: number, fn: () => void): number {
    if (this.onDevice) {
      fn();
      return this.nowMs;
    }
    const hostMs = this.nowMs;
    this.nowMs = Math.max(startMs, this.deviceFreeMs, hostMs);
    this.onDevice = true;
    try {
      fn();
    } finally {
      this.onDevice = false;
      this.deviceFreeMs = this.nowMs;
      this.nowMs = hostMs;
    }
    return this.deviceFreeMs;
  }
}
