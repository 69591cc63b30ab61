/**
 * One step of a register program: what a probe without a FlexSPI driver of its own (the ROM's SDP
 * READ/WRITE_REGISTER, JLinkExe's w4/mem32) can do on the target's bus. There are no loops or
 * branches: JLinkExe runs a command file straight through, so waits are fixed settle times and the
 * caller checks the values read afterwards.
 */
export type RegisterStep =
  | { readonly kind: 'write32'; readonly address: number; readonly value: number }
  | { readonly kind: 'read32'; readonly address: number }
  /** Gives the target time (a JLinkExe `Sleep`); a probe whose every step is a host round trip may skip it. */
  | { readonly kind: 'settle'; readonly ms: number };

/** A probe's 32-bit access to memory-mapped registers. */
export interface RegisterAccess {
  /**
   * Runs `steps` in order, as one unit where the probe can (one JLinkExe run); returns the values
   * of the read32 steps in order. `what` names the work in errors.
   */
  run(steps: readonly RegisterStep[], what: string): Promise<number[]>;
}
