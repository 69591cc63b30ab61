import type { FlashPart } from '../db/flash-part.js';
import type { FlashGeometry } from '../probe/flash-device.js';

/**
 * `geometry` with the part's typical erase times (datasheet `timing`) on each erase unit the part
 * lists and on chip erase, so the planner can tell whether a chip erase is faster than the block
 * and sector erases it would replace. Units the part has no time for stay without one (the
 * planner then falls back to its size rule).
 */
export function withEraseTiming(geometry: FlashGeometry, part: FlashPart | undefined): FlashGeometry {
  if (!part) return geometry;
  return {
    ...geometry,
    eraseUnits: geometry.eraseUnits.map((u) => {
      const typ = part.timing.eraseMs[u.bytes]?.typ;
      return typ === undefined ? u : { ...u, typicalMs: typ };
    }),
    chipEraseTypicalMs: part.timing.chipEraseMs.typ,
  };
}
