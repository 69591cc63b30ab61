import { ImxflashError } from '../errors/imxflash-error.js';

/**
 * What a `tryDecode*` function returns: the decoded value, or the coded error that `decode*` would
 * have thrown. The image inspector turns `{ ok: false }` into a finding ("no FCB at offset 0")
 * instead of stopping; everything else calls the throwing `decode*`.
 */
export type DecodeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ImxflashError };

/** Runs `decode`, catching only ImxflashError (any other error is a bug and propagates). */
export function toDecodeResult<T>(decode: () => T): DecodeResult<T> {
  try {
    return { ok: true, value: decode() };
  } catch (error) {
    if (error instanceof ImxflashError) return { ok: false, error };
    throw error;
  }
}
