import type { ErrorCategory } from '@imxflash/core';

/** Exit codes, stable for scripts: 0 ok, 1 user/input error, 2 device/transport, 3 verify mismatch, 4 internal (a bug). */
export const EXIT = { ok: 0, input: 1, device: 2, verify: 3, internal: 4 } as const;

/** The exit code for an error of `category` (`categoryOf(error.code)`); core stays unloaded until an error needs it. */
export function exitCodeFor(category: ErrorCategory): number {
  return EXIT[category];
}
