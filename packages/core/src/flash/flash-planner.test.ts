import { describe, expect, it } from 'vitest';
import { MemoryImage } from '../image/memory-image.js';
import type { FlashGeometry } from '../probe/flash-device.js';
import type { FlashPlan } from './flash-plan.js';
import { planFlash, type CurrentContents } from './flash-planner.js';

const BASE = 0x6000_0000;
/** 256 KiB: 64 sectors of 4 KiB, 32 and 64 KiB blocks, 256-byte pages. */
const G: FlashGeometry = { base: BASE, sizeBytes: 0x4_0000, pageBytes: 256, eraseUnits: [{ bytes: 0x1000 }, { bytes: 0x8000 }, { bytes: 0x1_0000 }] };

const fill = (n: number, byte: number) => new Uint8Array(n).fill(byte);
const ramp = (n: number, start = 0) => Uint8Array.from({ length: n }, (_, i) => (start + i * 7) & 0x7f); // never 0xFF
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const image = (...parts: Array<[offset: number, data: Uint8Array]>) => MemoryImage.from(parts.map(([o, data]) => ({ address: BASE + o, data })));

/** Current contents from a flat array of the whole flash. */
function known(flashBytes: Uint8Array): CurrentContents {
  return (address, bytes) => flashBytes.subarray(address - BASE, address - BASE + bytes);
}
function blankFlash(): Uint8Array {
  return fill(G.sizeBytes, 0xff);
}

const noTotals = { imageBytes: 0, eraseBytes: 0, programBytes: 0, readBytes: 0, preservedBytes: 0, skippedBytes: 0, sectorsTouched: 0, sectorsErased: 0, sectorsProgramOnly: 0, sectorsSkipped: 0 };

describe('planFlash', () => {
  it('programs a blank flash without erasing; a start and end mid-page keep the rest of the page at 0xFF', () => {
    const data = ramp(0x100);
    const plan = planFlash(image([0xf80, data]), G, known(blankFlash()));
    expect(plan).toEqual<FlashPlan>({
      touched: [{ address: BASE, bytes: 0x2000 }],
      reads: [],
      chipErase: false,
      erases: [],
      programs: [{ address: BASE + 0xf00, data: concat(fill(0x80, 0xff), data, fill(0x80, 0xff)) }],
      preserved: [],
      totals: { ...noTotals, imageBytes: 0x100, programBytes: 0x200, sectorsTouched: 2, sectorsProgramOnly: 2 },
    });
  });

  it('image ends mid-sector over old data: erases both sectors and rewrites the rest of the last one (read-modify-write)', () => {
    const flash = concat(fill(0x2000, 0x00), fill(G.sizeBytes - 0x2000, 0xff));
    flash.set(ramp(0x800, 3), 0x1800); // user data right after the image
    const data = ramp(0x1800, 1);
    const plan = planFlash(image([0, data]), G, known(flash));
    expect(plan).toEqual<FlashPlan>({
      touched: [{ address: BASE, bytes: 0x2000 }],
      reads: [],
      chipErase: false,
      erases: [{ address: BASE, bytes: 0x1000 }, { address: BASE + 0x1000, bytes: 0x1000 }],
      programs: [{ address: BASE, data: concat(data, ramp(0x800, 3)) }],
      preserved: [{ address: BASE + 0x1800, bytes: 0x800 }],
      totals: { ...noTotals, imageBytes: 0x1800, eraseBytes: 0x2000, programBytes: 0x2000, preservedBytes: 0x800, sectorsTouched: 2, sectorsErased: 2 },
    });
  });

  it('image starts mid-sector: pages that are blank now are programmed without erasing the data before them', () => {
    const flash = blankFlash();
    flash.set(ramp(0x100), 0x3000); // a user record in the first page of sector 3
    const data = ramp(0xc00, 9);
    const plan = planFlash(image([0x3400, data]), G, known(flash));
    expect(plan).toEqual<FlashPlan>({
      touched: [{ address: BASE + 0x3000, bytes: 0x1000 }],
      reads: [],
      chipErase: false,
      erases: [],
      programs: [{ address: BASE + 0x3400, data }],
      preserved: [],
      totals: { ...noTotals, imageBytes: 0xc00, programBytes: 0xc00, sectorsTouched: 1, sectorsProgramOnly: 1 },
    });
  });

  it('image starts mid-sector over old data: erases, keeps the data before it (only its non-blank span) and rewrites it', () => {
    const flash = blankFlash();
    flash.set(ramp(0x100), 0x3000);
    flash.set(fill(0x10, 0x00), 0x3500); // old data where the image goes
    const data = ramp(0xc00, 9);
    const plan = planFlash(image([0x3400, data]), G, known(flash));
    expect(plan).toEqual<FlashPlan>({
      touched: [{ address: BASE + 0x3000, bytes: 0x1000 }],
      reads: [],
      chipErase: false,
      erases: [{ address: BASE + 0x3000, bytes: 0x1000 }],
      programs: [
        { address: BASE + 0x3000, data: ramp(0x100) },
        { address: BASE + 0x3400, data },
      ],
      preserved: [{ address: BASE + 0x3000, bytes: 0x100 }],
      totals: { ...noTotals, imageBytes: 0xc00, eraseBytes: 0x1000, programBytes: 0xd00, preservedBytes: 0x100, sectorsTouched: 1, sectorsErased: 1 },
    });
  });

  it('image over blank and non-blank sectors: erases only the non-blank ones, programs all in one run', () => {
    const flash = blankFlash();
    flash.set(fill(0x2000, 0x55), 0x6000); // sectors 6 and 7 hold an old image
    const data = ramp(0x4000, 2);
    const plan = planFlash(image([0x4000, data]), G, known(flash));
    expect(plan).toEqual<FlashPlan>({
      touched: [{ address: BASE + 0x4000, bytes: 0x4000 }],
      reads: [],
      chipErase: false,
      erases: [{ address: BASE + 0x6000, bytes: 0x1000 }, { address: BASE + 0x7000, bytes: 0x1000 }],
      programs: [{ address: BASE + 0x4000, data }],
      preserved: [],
      totals: { ...noTotals, imageBytes: 0x4000, eraseBytes: 0x2000, programBytes: 0x4000, sectorsTouched: 4, sectorsErased: 2, sectorsProgramOnly: 2 },
    });
  });

  it('unchanged content gives an empty plan', () => {
    const data = ramp(0x2345, 4);
    const flash = blankFlash();
    flash.set(data, 0x10);
    const plan = planFlash(image([0x10, data]), G, known(flash));
    expect(plan).toEqual<FlashPlan>({
      touched: [{ address: BASE, bytes: 0x3000 }],
      reads: [],
      chipErase: false,
      erases: [],
      programs: [],
      preserved: [],
      totals: { ...noTotals, imageBytes: 0x2345, skippedBytes: 0x2345, sectorsTouched: 3, sectorsSkipped: 3 },
    });
  });

  it('one changed byte: one sector erase, and only that sector\'s non-blank pages are programmed', () => {
    // Sector 1 of the image holds two pages of data, the rest of it is 0xFF.
    const data = concat(ramp(0x1000, 1), ramp(0x200, 2), fill(0xe00, 0xff), ramp(0x1000, 3));
    const flash = blankFlash();
    flash.set(data, 0);
    flash[0x1010] = 0x00; // the flash differs from the image in one byte
    const plan = planFlash(image([0, data]), G, known(flash));
    expect(plan).toEqual<FlashPlan>({
      touched: [{ address: BASE, bytes: 0x3000 }],
      reads: [],
      chipErase: false,
      erases: [{ address: BASE + 0x1000, bytes: 0x1000 }],
      programs: [{ address: BASE + 0x1000, data: ramp(0x200, 2) }],
      preserved: [],
      totals: { ...noTotals, imageBytes: 0x3000, eraseBytes: 0x1000, programBytes: 0x200, skippedBytes: 0x2000, sectorsTouched: 3, sectorsErased: 1, sectorsSkipped: 2 },
    });
  });

  it('uses the largest aligned erase unit: 32 and 64 KiB blocks in the middle, 4 KiB sectors at the edges', () => {
    const flash = fill(G.sizeBytes, 0x00);
    const plan = planFlash(image([0x8000, ramp(0x2_9000)]), G, known(flash), { erase: 'sector' });
    expect(plan.erases).toEqual([
      { address: BASE + 0x8000, bytes: 0x8000 },
      { address: BASE + 0x1_0000, bytes: 0x1_0000 },
      { address: BASE + 0x2_0000, bytes: 0x1_0000 },
      { address: BASE + 0x3_0000, bytes: 0x1000 },
    ]);
    expect(plan.preserved).toEqual([]); // the image ends on a sector edge
    expect(plan.totals.eraseBytes).toBe(0x2_9000);
  });

  it('never uses a block where a sector inside it is skipped', () => {
    const data = ramp(0x1_0000);
    const flash = fill(G.sizeBytes, 0x00);
    flash.set(data.subarray(0x5000, 0x6000), 0x5000); // sector 5 already right
    const plan = planFlash(image([0, data]), G, known(flash));
    expect(plan.erases.map((e) => [e.address - BASE, e.bytes])).toEqual([
      [0x0000, 0x1000], [0x1000, 0x1000], [0x2000, 0x1000], [0x3000, 0x1000], [0x4000, 0x1000],
      [0x6000, 0x1000], [0x7000, 0x1000], [0x8000, 0x8000],
    ]);
  });

  describe('chip erase', () => {
    const nearlyAll = () => ramp(G.sizeBytes - 0x2000, 5); // 97 % of the chip

    it("'auto' picks it when the plan erases ≥ 90 % of the chip and nothing outside the image holds data", () => {
      const flash = concat(fill(G.sizeBytes - 0x2000, 0x00), fill(0x2000, 0xff));
      const data = nearlyAll();
      const plan = planFlash(image([0, data]), G, known(flash));
      // Program data as hex: deep equality on a 248 KiB array is slow.
      const hex = (p: FlashPlan) => ({ ...p, programs: p.programs.map((r) => ({ address: r.address, data: Buffer.from(r.data).toString('hex') })) });
      expect(hex(plan)).toEqual(hex({
        touched: [{ address: BASE, bytes: G.sizeBytes - 0x2000 }],
        reads: [],
        chipErase: true,
        erases: [{ address: BASE, bytes: G.sizeBytes }],
        programs: [{ address: BASE, data }],
        preserved: [],
        totals: { ...noTotals, imageBytes: data.length, eraseBytes: G.sizeBytes, programBytes: data.length, sectorsTouched: 62, sectorsErased: 64 },
      }));
    });

    it("'auto' keeps to block erases when data lies outside the image", () => {
      const flash = fill(G.sizeBytes, 0x00);
      const plan = planFlash(image([0, nearlyAll()]), G, known(flash));
      expect(plan.chipErase).toBe(false);
      expect(plan.erases.map((e) => e.bytes)).toEqual([0x1_0000, 0x1_0000, 0x1_0000, 0x8000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000]);
      expect(plan.preserved).toEqual([]);
    });

    it("'auto' keeps to block erases when contents are unknown", () => {
      expect(planFlash(image([0, nearlyAll()]), G).chipErase).toBe(false);
    });

    it("'auto' keeps to block erases below 90 %", () => {
      const plan = planFlash(image([0, ramp(0x3_0000)]), G, known(fill(G.sizeBytes, 0x00).fill(0xff, 0x3_0000)));
      expect(plan.chipErase).toBe(false);
    });

    describe('with typical erase times on the geometry', () => {
      // 4 KiB 45 ms, 32 KiB 100 ms, 64 KiB 150 ms: the 97 % image needs 3×64 + 32 + 6×4 KiB = 820 ms of erases.
      const timed = (chipEraseTypicalMs: number): FlashGeometry => ({
        ...G,
        eraseUnits: [{ bytes: 0x1000, typicalMs: 45 }, { bytes: 0x8000, typicalMs: 100 }, { bytes: 0x1_0000, typicalMs: 150 }],
        chipEraseTypicalMs,
      });
      const blankOutside = () => concat(fill(G.sizeBytes - 0x2000, 0x00), fill(0x2000, 0xff));

      it("'auto' picks chip erase only when it is faster than the erases it replaces", () => {
        expect(planFlash(image([0, nearlyAll()]), timed(800), known(blankOutside())).chipErase).toBe(true);
        expect(planFlash(image([0, nearlyAll()]), timed(820), known(blankOutside())).chipErase).toBe(false);
      });

      it("'auto' keeps to the erases when a chip erase is slower, even for the whole chip (IS25WP064A-like: 25 s vs 128 × 150 ms)", () => {
        const all = ramp(G.sizeBytes, 3);
        const plan = planFlash(image([0, all]), timed(25_000), known(fill(G.sizeBytes, 0x00)));
        expect(plan.chipErase).toBe(false);
        expect(plan.erases).toHaveLength(4);
      });

      it("'auto' may pick chip erase below 90 % when it is faster (a slow-sector part)", () => {
        const plan = planFlash(image([0, ramp(0x3_0000)]), timed(300), known(fill(G.sizeBytes, 0x00).fill(0xff, 0x3_0000)));
        expect(plan.chipErase).toBe(true);
      });

      it('without a time for a unit used, falls back to the 90 % rule', () => {
        const g: FlashGeometry = { ...timed(1), eraseUnits: [{ bytes: 0x1000 }, { bytes: 0x8000, typicalMs: 100 }, { bytes: 0x1_0000, typicalMs: 150 }] };
        // 3 × 64 KiB + one 4 KiB sector (no time): 77 % of the chip, so no chip erase despite its 1 ms.
        expect(planFlash(image([0, ramp(0x3_1000)]), g, known(fill(G.sizeBytes, 0x00).fill(0xff, 0x3_1000))).chipErase).toBe(false);
        expect(planFlash(image([0, nearlyAll()]), g, known(blankOutside())).chipErase).toBe(true);
      });
    });

    it("'chip' erases the chip and rewrites every byte outside the image that holds data", () => {
      const flash = blankFlash();
      flash.set(fill(0x10, 0x00), 0x100); // will be overwritten by the image
      flash.set(ramp(0x30, 1), 0x2_0010); // user data far from the image
      const data = ramp(0x200, 7);
      const plan = planFlash(image([0, data]), G, known(flash), { erase: 'chip' });
      expect(plan).toEqual<FlashPlan>({
        touched: [{ address: BASE, bytes: 0x1000 }],
        reads: [],
        chipErase: true,
        erases: [{ address: BASE, bytes: G.sizeBytes }],
        programs: [
          { address: BASE, data },
          { address: BASE + 0x2_0000, data: concat(fill(0x10, 0xff), ramp(0x30, 1), fill(0xc0, 0xff)) },
        ],
        preserved: [{ address: BASE + 0x2_0010, bytes: 0x30 }],
        totals: { ...noTotals, imageBytes: 0x200, eraseBytes: G.sizeBytes, programBytes: 0x300, preservedBytes: 0x30, sectorsTouched: 1, sectorsErased: 64 },
      });
    });

    it("'chip' does nothing when nothing needs erasing", () => {
      const flash = blankFlash();
      flash.set(ramp(0x10), 0x2_0000);
      const plan = planFlash(image([0, ramp(0x200)]), G, known(flash), { erase: 'chip' });
      expect([plan.chipErase, plan.erases, plan.programs.map((p) => p.address)]).toEqual([false, [], [BASE]]);
    });

    it("'chip' without contents asks to read every sector not fully covered by the image", () => {
      const plan = planFlash(image([0, ramp(0x1000)]), G, undefined, { erase: 'chip' });
      expect(plan.reads).toEqual([{ address: BASE + 0x1000, bytes: G.sizeBytes - 0x1000 }]);
    });
  });

  it('without contents: erases every touched sector and asks to read the partially covered ones (a draft)', () => {
    const data = ramp(0x2000, 6);
    const plan = planFlash(image([0x800, data]), G);
    expect(plan).toEqual<FlashPlan>({
      touched: [{ address: BASE, bytes: 0x3000 }],
      reads: [{ address: BASE, bytes: 0x1000 }, { address: BASE + 0x2000, bytes: 0x1000 }],
      chipErase: false,
      erases: [{ address: BASE, bytes: 0x1000 }, { address: BASE + 0x1000, bytes: 0x1000 }, { address: BASE + 0x2000, bytes: 0x1000 }],
      programs: [{ address: BASE + 0x800, data }],
      preserved: [{ address: BASE, bytes: 0x800 }, { address: BASE + 0x2800, bytes: 0x800 }],
      totals: { ...noTotals, imageBytes: 0x2000, eraseBytes: 0x3000, programBytes: 0x2000, readBytes: 0x2000, preservedBytes: 0x1000, sectorsTouched: 3, sectorsErased: 3 },
    });
  });

  it('with only the partial sectors read: the draft becomes runnable, unknown full sectors are still erased', () => {
    const data = ramp(0x2000, 6);
    const flash = fill(G.sizeBytes, 0xff);
    flash.set(ramp(0x10, 1), 0x7f0); // user data right before the image
    const partial: CurrentContents = (address, bytes) =>
      address === BASE || address === BASE + 0x2000 ? flash.subarray(address - BASE, address - BASE + bytes) : undefined;
    const plan = planFlash(image([0x800, data]), G, partial);
    expect(plan).toEqual<FlashPlan>({
      touched: [{ address: BASE, bytes: 0x3000 }],
      reads: [],
      chipErase: false,
      // Sector 0 is blank where the image goes and sector 2 blank entirely: programmed without erase.
      erases: [{ address: BASE + 0x1000, bytes: 0x1000 }],
      programs: [{ address: BASE + 0x800, data }],
      preserved: [],
      totals: { ...noTotals, imageBytes: 0x2000, eraseBytes: 0x1000, programBytes: 0x2000, sectorsTouched: 3, sectorsErased: 1, sectorsProgramOnly: 2 },
    });
  });

  it.each([
    ['below the flash', BASE - 0x10, 0x20, BASE - 0x10],
    ['past its end', BASE + G.sizeBytes - 0x10, 0x20, BASE + G.sizeBytes],
  ])('refuses an image %s with FLASH_OUT_OF_RANGE naming the first address outside', (_, address, bytes, outside) => {
    const img = MemoryImage.from([{ address, data: ramp(bytes) }]);
    expect(() => planFlash(img, G)).toThrow(expect.objectContaining({ code: 'FLASH_OUT_OF_RANGE', details: { address: outside, flashBase: BASE, flashSizeBytes: G.sizeBytes } }));
  });

  it('refuses an inconsistent geometry (a driver bug) instead of planning with it', () => {
    expect(() => planFlash(image([0, ramp(4)]), { ...G, eraseUnits: [{ bytes: 0x1_0000 }, { bytes: 0x1000 }] })).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});
