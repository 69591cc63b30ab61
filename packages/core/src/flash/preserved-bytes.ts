import { ImxflashError } from '../errors/imxflash-error.js';
import { hex32 } from '../util/hex.js';
import type { FlashRange } from './flash-plan.js';
import { mergeRanges } from './flash-planner.js';

/** Old bytes of the user's data beside the image, at their flash address. */
export interface PreservedBytes {
  readonly address: number;
  readonly data: Uint8Array;
}

/**
 * The preserved bytes a failed flash() could not confirm in the flash (empty when none): the
 * not-enumerable `details.preserved` of its error. `details.atRisk` holds the same ranges as
 * JSON-friendly `{ address, bytes }`. Writing these bytes back (e.g. `imxflash flash --raw` of a
 * file holding them) restores the data; after a rerun of the image they lie in blank flash.
 */
export function preservedBytesOf(error: unknown): readonly PreservedBytes[] {
  if (!(error instanceof ImxflashError)) return [];
  const preserved = error.details['preserved'];
  return Array.isArray(preserved) ? (preserved as PreservedBytes[]) : [];
}

/** `error` (kept as cause, code kept) with the preserved bytes it leaves at risk attached; see {@link preservedBytesOf}. */
export function atRiskError(error: unknown, lost: readonly PreservedBytes[]): ImxflashError {
  const atRisk = lost.map((p) => ({ address: p.address, bytes: p.data.length }));
  const bytes = atRisk.reduce((n, r) => n + r.bytes, 0);
  const where = describeRanges(atRisk);
  const base = error instanceof ImxflashError ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const details: Record<string, unknown> = { ...(base?.details ?? {}), atRisk };
  // Not enumerable: `--json` output and logs carry the ranges, not possibly megabytes of data.
  Object.defineProperty(details, 'preserved', { value: lost, enumerable: false });
  return new ImxflashError(base?.code ?? 'INTERNAL', `${message}; ${bytes} bytes of data beside the image (${where}) were erased and could not be confirmed written back`, {
    hint:
      `Your data beside the image at ${where} was erased and could not be confirmed written back (rewritten and read back); its old bytes come with this error (details.preserved; the CLI saves them to a recovery file). ` +
      (base?.hint ? `${base.hint} ` : '') +
      'Once the link works, flash the image again, then write the recovery file back with `imxflash flash --raw <file>` (those bytes are blank by then, nothing else is erased).',
    cause: error,
    details,
  });
}

/** Parts of `a` that lie inside `b` (both any ranges; result merged, in address order). */
export function intersectRanges(a: readonly FlashRange[], b: readonly FlashRange[]): FlashRange[] {
  const out: FlashRange[] = [];
  const bs = mergeRanges(b);
  for (const r of mergeRanges(a)) {
    for (const s of bs) {
      const from = Math.max(r.address, s.address);
      const to = Math.min(r.address + r.bytes, s.address + s.bytes);
      if (from < to) out.push({ address: from, bytes: to - from });
    }
  }
  return mergeRanges(out);
}

/** Parts of `a` outside every range of `b` (result merged, in address order). */
export function subtractRanges(a: readonly FlashRange[], b: readonly FlashRange[]): FlashRange[] {
  const out: FlashRange[] = [];
  const bs = mergeRanges(b);
  for (const r of mergeRanges(a)) {
    let at = r.address;
    const end = r.address + r.bytes;
    for (const s of bs) {
      if (s.address + s.bytes <= at || s.address >= end) continue;
      if (s.address > at) out.push({ address: at, bytes: s.address - at });
      at = Math.max(at, s.address + s.bytes);
    }
    if (at < end) out.push({ address: at, bytes: end - at });
  }
  return out;
}

function describeRanges(ranges: readonly FlashRange[]): string {
  return ranges.map((r) => `${hex32(r.address)}–${hex32(r.address + r.bytes - 1)}`).join(', ');
}
