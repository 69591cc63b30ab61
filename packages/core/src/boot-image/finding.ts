/** One thing the inspector noticed about a boot image. */
export interface Finding {
  /** Stable id, e.g. `FCB_MISSING`, `IVT_SELF_WRONG`; scripts may match on it. */
  readonly id: string;
  /** error: the ROM will not boot it; warning: it may not boot, or boots only under a condition; info: worth knowing. */
  readonly severity: 'error' | 'warning' | 'info';
  /** What is wrong, with the numbers. */
  readonly message: string;
  /** What the boot ROM will do because of it. */
  readonly rom: string;
  /** How to fix it. */
  readonly fix: string;
}
