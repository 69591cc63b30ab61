import type { ErrorCode } from '../errors/error-codes.js';
import { ImxflashError } from '../errors/imxflash-error.js';

/**
 * Throws `code` unless `value` is an integer that fits in `bits` unsigned bits. The codecs call
 * it on the values they are asked to encode, so a bad field is a coded error and never a value
 * silently wrapped by DataView.
 */
export function checkUint(value: number, bits: 8 | 16 | 32, field: string, code: ErrorCode): void {
  const max = bits === 32 ? 0xffff_ffff : (1 << bits) - 1;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new ImxflashError(code, `${field} = ${String(value)} does not fit in ${bits} unsigned bits`, {
      hint: `Use an integer from 0 to 0x${max.toString(16).toUpperCase()}.`,
      details: { field, value },
    });
  }
}
