import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryImage } from '../image/memory-image.js';
import { MemoryFlashDevice } from '../testing/memory-flash-device.js';
import { FlashContents } from './flash-contents.js';
import type { FlashPlan } from './flash-plan.js';
import { planFlash, type EraseStrategy } from './flash-planner.js';

const BASE = 0x6000_0000;
const SIZE = 0x8000; // 8 sectors of 4 KiB, 16 KiB blocks, 256-byte pages
const SECTOR = 0x1000;

/** Deterministic bytes from a seed (xorshift), so shrinking stays meaningful. */
function noise(seed: number, n: number): Uint8Array {
  let x = seed | 1;
  return Uint8Array.from({ length: n }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  });
}

const sectorContent = fc.oneof(
  fc.constant({ kind: 'blank' as const, seed: 0 }),
  fc.record({ kind: fc.constant('noise' as const), seed: fc.integer() }),
  fc.record({ kind: fc.constant('sparse' as const), seed: fc.integer() }), // mostly 0xFF, a few bytes of data
);

const segment = fc.record({
  offset: fc.integer({ min: 0, max: SIZE - 1 }),
  bytes: fc.oneof(fc.integer({ min: 1, max: 3 * SECTOR }), fc.integer({ min: 4 * SECTOR, max: SIZE })),
  kind: fc.constantFrom('noise', 'same', 'one-change', 'blank', 'zeros'),
  seed: fc.integer(),
});

function flashContents(sectors: ReadonlyArray<{ kind: 'blank' | 'noise' | 'sparse'; seed: number }>): Uint8Array {
  const out = new Uint8Array(SIZE).fill(0xff);
  sectors.forEach((s, i) => {
    if (s.kind === 'noise') out.set(noise(s.seed, SECTOR), i * SECTOR);
    if (s.kind === 'sparse') for (const [k, b] of noise(s.seed, 8).entries()) out[i * SECTOR + ((b * 16 + k * 509) % SECTOR)] = b & 0x7f;
  });
  return out;
}

/** Image segments; ones overlapping an earlier one are dropped. `same` copies the flash (nothing to do there). */
function buildImage(segments: ReadonlyArray<{ offset: number; bytes: number; kind: string; seed: number }>, flash: Uint8Array): MemoryImage {
  const taken: Array<[number, number]> = [];
  const parts: Array<{ address: number; data: Uint8Array }> = [];
  for (const s of segments) {
    const end = Math.min(SIZE, s.offset + s.bytes);
    if (taken.some(([a, b]) => s.offset < b && a < end)) continue;
    taken.push([s.offset, end]);
    const n = end - s.offset;
    const data =
      s.kind === 'noise' ? noise(s.seed, n)
      : s.kind === 'blank' ? new Uint8Array(n).fill(0xff)
      : s.kind === 'zeros' ? new Uint8Array(n)
      : flash.slice(s.offset, end);
    const k = Math.abs(s.seed) % n;
    if (s.kind === 'one-change') data[k] = data[k]! ^ 0x01;
    parts.push({ address: BASE + s.offset, data });
  }
  return MemoryImage.from(parts);
}

async function run(plan: FlashPlan, device: MemoryFlashDevice): Promise<void> {
  expect(plan.reads).toEqual([]);
  await device.erase(plan.erases);
  for (const p of plan.programs) await device.program(p.address, p.data);
}

function expectOnlyImageChanged(device: MemoryFlashDevice, before: Uint8Array, image: MemoryImage): void {
  const expected = before.slice();
  for (const s of image.segments) expected.set(s.data, s.address - BASE);
  const after = device.peek(BASE, SIZE);
  const firstDiff = after.findIndex((b, i) => b !== expected[i]);
  expect(firstDiff, `first wrong byte at offset 0x${firstDiff.toString(16)}`).toBe(-1);
}

const newDevice = (initial: Uint8Array, readCost: 'cheap' | 'expensive' = 'cheap') =>
  new MemoryFlashDevice({ sizeBytes: SIZE, pageBytes: 256, eraseUnitBytes: [SECTOR, 0x4000], initial, readCost });

describe('planFlash on a NOR model (property)', () => {
  const arbitraries = [fc.array(sectorContent, { minLength: 8, maxLength: 8 }), fc.array(segment, { minLength: 1, maxLength: 4 }), fc.constantFrom<EraseStrategy>('auto', 'sector', 'chip')] as const;

  it('with known contents: image bytes become the image, every other byte stays as it was', async () => {
    const seen = { chipErase: 0, blockErase: 0, preserved: 0, programOnly: 0, skipped: 0 };
    await fc.assert(
      fc.asyncProperty(...arbitraries, async (sectors, segments, erase) => {
        const before = flashContents(sectors);
        const image = buildImage(segments, before);
        const device = newDevice(before);
        const plan = planFlash(image, device.geometry, (a, n) => device.peek(a, n), { erase });
        // Never erase outside the sectors the image touches, unless a chip erase was chosen.
        if (!plan.chipErase) {
          for (const e of plan.erases) expect(plan.touched.some((t) => t.address <= e.address && e.address + e.bytes <= t.address + t.bytes)).toBe(true);
        }
        seen.chipErase += Number(plan.chipErase);
        seen.blockErase += Number(plan.erases.some((e) => e.bytes === 0x4000 && !plan.chipErase));
        seen.preserved += Number(plan.preserved.length > 0);
        seen.programOnly += Number(plan.totals.sectorsProgramOnly > 0);
        seen.skipped += Number(plan.totals.sectorsSkipped > 0);
        await run(plan, device);
        expectOnlyImageChanged(device, before, image);
        // Flashing the same image again has nothing to do.
        const again = planFlash(image, device.geometry, (a, n) => device.peek(a, n), { erase });
        expect(again.erases.length + again.programs.length).toBe(0);
      }),
      { numRuns: 150 },
    );
    // The generators reach every kind of plan (else this property would prove little).
    for (const [kind, n] of Object.entries(seen)) expect(n, kind).toBeGreaterThan(0);
  });

  it('with expensive reads (draft, read what it asks, plan again): the same guarantee', async () => {
    await fc.assert(
      fc.asyncProperty(...arbitraries, async (sectors, segments, erase) => {
        const before = flashContents(sectors);
        const image = buildImage(segments, before);
        const device = newDevice(before, 'expensive');
        const draft = planFlash(image, device.geometry, undefined, { erase });
        const contents = new FlashContents();
        for (const r of draft.reads) contents.add(r.address, await device.read(r.address, r.bytes));
        const plan = planFlash(image, device.geometry, (a, n) => contents.get(a, n), { erase });
        await run(plan, device);
        expectOnlyImageChanged(device, before, image);
      }),
      { numRuns: 150 },
    );
  });
});
