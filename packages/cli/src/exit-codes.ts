import { categoryOf, type ErrorCode } from '@imxflash/core';

/** Exit codes, stable for scripts: 0 ok, 1 user/input error, 2 device/transport, 3 verify mismatch, 4 internal (a bug). */
export const EXIT = { ok: 0, input: 1, device: 2, verify: 3, internal: 4 } as const;

export function exitCodeFor(code: ErrorCode): number {
  return EXIT[categoryOf(code)];
}
