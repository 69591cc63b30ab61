import { describe, expect, it } from 'vitest';
import { findFlashPart } from '../db/flash-part-lookup.js';
import { withEraseTiming } from './erase-timing.js';
import { planFlash } from './flash-planner.js';
import { MemoryImage } from '../image/memory-image.js';

describe('withEraseTiming', () => {
  const part = findFlashPart('is25wp064a');
  const geometry = { base: 0x6000_0000, sizeBytes: part.sizeBytes, pageBytes: part.pageBytes, eraseUnits: part.eraseUnits.map((u) => ({ bytes: u.bytes })) };

  it("adds the part's typical unit and chip erase times", () => {
    expect(withEraseTiming(geometry, part)).toEqual({
      ...geometry,
      eraseUnits: [{ bytes: 4096, typicalMs: 45 }, { bytes: 32768, typicalMs: 100 }, { bytes: 65536, typicalMs: 150 }],
      chipEraseTypicalMs: 25_000,
    });
    expect(withEraseTiming(geometry, undefined)).toBe(geometry);
  });

  it('on IS25WP064A, a whole-chip image on a blank-outside flash keeps to block erases (128 × 150 ms < 25 s)', () => {
    const image = MemoryImage.from([{ address: 0x6000_0000, data: new Uint8Array(part.sizeBytes).fill(0x11) }]);
    const current = (_a: number, n: number) => new Uint8Array(n).fill(0x00);
    expect(planFlash(image, geometry, current).chipErase).toBe(true); // without times: the 90 % rule
    expect(planFlash(image, withEraseTiming(geometry, part), current).chipErase).toBe(false);
  });
});
