import { ImxflashError } from '../errors/imxflash-error.js';
import { hex32, hexBytes } from '../util/hex.js';
import type { FlashRange } from './flash-plan.js';

/**
 * FLASH_VERIFY_MISMATCH naming the first differing address, the bytes there (up to 8) and how
 * many bytes differ in `r`, unless `actual` equals `expected`. One wording for every comparison
 * of flash with what it should hold (flash()'s verify, `imxflash verify`); `hint` says what to do
 * in the caller's situation.
 */
export function checkFlashMatches(r: FlashRange, expected: Uint8Array, actual: Uint8Array, hint: string): void {
  let first = -1;
  let differing = 0;
  for (let i = 0; i < expected.length; i++) {
    if (expected[i] !== actual[i]) {
      if (first < 0) first = i;
      differing++;
    }
  }
  if (first < 0) return;
  const address = r.address + first;
  const shown = Math.min(8, expected.length - first);
  throw new ImxflashError(
    'FLASH_VERIFY_MISMATCH',
    `the flash differs at ${hex32(address)}: expected ${hexBytes(expected.subarray(first, first + shown))}, read ${hexBytes(actual.subarray(first, first + shown))}` +
      ` (${differing} byte${differing === 1 ? '' : 's'} differ in ${hex32(r.address)}–${hex32(r.address + r.bytes - 1)})`,
    { hint, details: { address, expected: expected[first], actual: actual[first], differingBytes: differing } },
  );
}
