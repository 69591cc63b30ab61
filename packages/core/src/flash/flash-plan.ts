import type { EraseRange } from '../probe/flash-device.js';

/** A run of flash bytes: `bytes` bytes from `address` (absolute). */
export interface FlashRange {
  readonly address: number;
  readonly bytes: number;
}

/** Bytes to program at `address`: whole pages, adjacent pages merged into one run. */
export interface ProgramRun {
  readonly address: number;
  readonly data: Uint8Array;
}

export interface FlashPlanTotals {
  /** Bytes the image holds inside the flash. */
  readonly imageBytes: number;
  readonly eraseBytes: number;
  readonly programBytes: number;
  /** Bytes still to read before the plan may run (see {@link FlashPlan.reads}). */
  readonly readBytes: number;
  /** Bytes outside the image inside erased sectors, rewritten from current contents. */
  readonly preservedBytes: number;
  /** Image bytes already in the flash, in pages the plan neither erases nor programs. */
  readonly skippedBytes: number;
  /** Smallest-unit sectors holding image bytes, and what happens to them. */
  readonly sectorsTouched: number;
  readonly sectorsErased: number;
  readonly sectorsProgramOnly: number;
  readonly sectorsSkipped: number;
}

/**
 * What flashing an image will do, as data (probe-rs's flash layout is the model): computed
 * without hardware, compared whole in tests, shown by `--dry-run`, sent in `plan-ready`.
 * Lists each in address order. flash() runs every erase, then every program, except that the
 * programs of pages holding `preserved` bytes run right after the erase that clears them (so the
 * user's data beside the image is only in memory for as short as possible).
 */
export interface FlashPlan {
  /** Sector-aligned runs holding image bytes. */
  readonly touched: readonly FlashRange[];
  /**
   * Current contents the plan depends on but was not given: data beside the image in sectors it
   * must erase. A plan with reads is a draft: read them, plan again with the contents, then run
   * that plan (never erase what was not read: the user's data would be lost).
   */
  readonly reads: readonly FlashRange[];
  /** True when `erases` is one erase of the whole device. */
  readonly chipErase: boolean;
  /** One entry per erase command; each `bytes` is one of the device's erase units (or its size for a chip erase). */
  readonly erases: readonly EraseRange[];
  readonly programs: readonly ProgramRun[];
  /** Ranges outside the image, inside erased sectors, that hold data and are rewritten by `programs`. */
  readonly preserved: readonly FlashRange[];
  readonly totals: FlashPlanTotals;
}
