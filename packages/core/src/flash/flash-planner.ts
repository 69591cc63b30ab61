import { ImxflashError } from '../errors/imxflash-error.js';
import type { MemoryImage, Segment } from '../image/memory-image.js';
import type { EraseRange, FlashGeometry } from '../probe/flash-device.js';
import { hex32 } from '../util/hex.js';
import type { FlashPlan, FlashRange, ProgramRun } from './flash-plan.js';

/**
 * Current flash contents of [address, address + bytes), or undefined when not known (not read:
 * reads are expensive on this device). Called with whole smallest-unit sectors.
 */
export type CurrentContents = (address: number, bytes: number) => Uint8Array | undefined;

/**
 * How to erase, once the plan knows what needs erasing (sectors already right or blank enough
 * are never erased, whatever the strategy). `sector`: sector and block erases only. `chip`: one
 * chip erase whenever anything needs erasing; every byte outside the image that holds data is
 * then read and rewritten. `auto` (default): sector and block erases, or a chip erase when the
 * contents say nothing outside the image holds data (so nothing needs rewriting) and it is
 * faster: when the geometry carries typical erase times (see {@link withEraseTiming}), the
 * chip erase's typical time must be below the sum of the typical times of the erases it
 * replaces; without times, the plan must erase at least {@link AUTO_CHIP_ERASE_FRACTION} of the
 * chip anyway.
 */
export type EraseStrategy = 'auto' | 'sector' | 'chip';

export interface PlanOptions {
  readonly erase?: EraseStrategy;
}

export const AUTO_CHIP_ERASE_FRACTION = 0.9;

/** Throws FLASH_OUT_OF_RANGE unless every image byte lies inside the flash. */
export function checkImageFits(image: MemoryImage, geometry: FlashGeometry): void {
  const flashEnd = geometry.base + geometry.sizeBytes;
  const outside = image.segments.find((s) => s.address < geometry.base || s.address + s.data.length > flashEnd);
  if (!outside) return;
  const at = outside.address < geometry.base ? outside.address : Math.max(outside.address, flashEnd);
  throw new ImxflashError(
    'FLASH_OUT_OF_RANGE',
    `the image has data at ${hex32(at)}, outside the flash ${hex32(geometry.base)}–${hex32(flashEnd - 1)} (${geometry.sizeBytes} bytes)`,
    {
      hint: 'An app linked to RAM needs `imxflash image build` first; otherwise check the link addresses and that --flash names the part on the board.',
      details: { address: at, flashBase: geometry.base, flashSizeBytes: geometry.sizeBytes },
    },
  );
}

type SectorKind = 'erase' | 'program-only' | 'skip';

interface Sector {
  readonly address: number;
  /** The image's bytes inside this sector (sub-views, absolute addresses). */
  readonly segments: readonly Segment[];
  /** Outside-image ranges of the sector. */
  readonly gaps: readonly FlashRange[];
  readonly current: Uint8Array | undefined;
  /** What the sector must hold afterwards: current (0xFF where unknown) with the image laid over it. */
  readonly target: Uint8Array;
  readonly kind: SectorKind;
  /** For 'program-only': offsets of the pages whose target differs (all blank now). */
  readonly changedPages: readonly number[];
}

/**
 * Plans writing `image` to a flash with `geometry` (pure; see {@link FlashPlan}). Rules:
 * - only image bytes change; in a sector that must be erased, every byte outside the image is
 *   rewritten from `current` (read-modify-write), or listed in `reads` when `current` does not know it;
 * - a sector whose target equals its current contents is skipped;
 * - a sector where every page that differs is blank now is programmed without erasing (each
 *   page is still programmed only from the erased state);
 * - erases use the largest unit that fits an aligned run of sectors to erase;
 * - programs are the pages whose target is not all 0xFF (after an erase) or differs (program-only).
 * Throws FLASH_OUT_OF_RANGE before planning anything when the image leaves the flash.
 */
export function planFlash(image: MemoryImage, geometry: FlashGeometry, current?: CurrentContents, options: PlanOptions = {}): FlashPlan {
  const sectorBytes = checkGeometry(geometry);
  checkImageFits(image, geometry);
  const strategy = options.erase ?? 'auto';
  const sectors = touchedSectorAddresses(image, sectorBytes).map((a) => analyzeSector(image, a, sectorBytes, geometry.pageBytes, current));

  const sectorsToErase = sectors.filter((s) => s.kind === 'erase');
  const sectorErases = eraseCommands(sectorsToErase.map((s) => s.address), sectorBytes, geometry);
  const chipErase =
    (strategy === 'chip' && sectorsToErase.length > 0) ||
    (strategy === 'auto' &&
      sectorsToErase.length > 0 &&
      chipEraseIsFaster(geometry, sectorErases) &&
      nothingOutsideImage(sectors, geometry, sectorBytes, current));

  const out = new PlanBuilder(geometry.pageBytes);
  if (chipErase) {
    const touched = new Map(sectors.map((s) => [s.address, s]));
    for (let a = geometry.base; a < geometry.base + geometry.sizeBytes; a += sectorBytes) {
      out.rewriteErased(touched.get(a) ?? untouchedSector(a, sectorBytes, current));
    }
    out.erases.push({ address: geometry.base, bytes: geometry.sizeBytes });
  } else {
    for (const s of sectors) {
      if (s.kind === 'erase') out.rewriteErased(s);
      else if (s.kind === 'program-only') out.programChanged(s);
      else out.skippedBytes += imageBytesIn(s.segments, s.address, s.address + sectorBytes);
    }
    out.erases.push(...sectorErases);
  }

  const programs = out.finishPrograms();
  const sum = (rs: readonly { bytes: number }[]) => rs.reduce((n, r) => n + r.bytes, 0);
  return {
    touched: mergeRanges(sectors.map((s) => ({ address: s.address, bytes: sectorBytes }))),
    reads: mergeRanges(out.reads),
    chipErase,
    erases: out.erases,
    programs,
    preserved: mergeRanges(out.preserved),
    totals: {
      imageBytes: image.byteCount,
      eraseBytes: sum(out.erases),
      programBytes: programs.reduce((n, p) => n + p.data.length, 0),
      readBytes: sum(out.reads),
      preservedBytes: sum(out.preserved),
      skippedBytes: out.skippedBytes,
      sectorsTouched: sectors.length,
      sectorsErased: chipErase ? geometry.sizeBytes / sectorBytes : sectorsToErase.length,
      sectorsProgramOnly: chipErase ? 0 : sectors.filter((s) => s.kind === 'program-only').length,
      sectorsSkipped: chipErase ? 0 : sectors.filter((s) => s.kind === 'skip').length,
    },
  };
}

/**
 * Whether one chip erase beats `erases` (block and sector erases): by the typical times when the
 * geometry has them for chip erase and every unit used, else by size (at least
 * {@link AUTO_CHIP_ERASE_FRACTION} of the chip).
 */
export function chipEraseIsFaster(geometry: FlashGeometry, erases: readonly EraseRange[]): boolean {
  const unitMs = new Map(geometry.eraseUnits.map((u) => [u.bytes, u.typicalMs]));
  const times = erases.map((e) => unitMs.get(e.bytes));
  if (geometry.chipEraseTypicalMs !== undefined && times.every((t) => t !== undefined)) {
    return geometry.chipEraseTypicalMs < times.reduce((n: number, t) => n + t!, 0);
  }
  return erases.reduce((n, e) => n + e.bytes, 0) >= AUTO_CHIP_ERASE_FRACTION * geometry.sizeBytes;
}

/** Smallest-unit sector size, after checking what the planner relies on (a bad driver geometry would corrupt data). */
function checkGeometry(g: FlashGeometry): number {
  const units = g.eraseUnits.map((u) => u.bytes);
  const sector = units[0];
  const pow2 = (n: number) => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
  const ok =
    sector !== undefined &&
    units.every((u, i) => pow2(u) && (i === 0 || u > units[i - 1]!)) &&
    pow2(g.pageBytes) &&
    sector % g.pageBytes === 0 &&
    g.sizeBytes > 0 &&
    g.sizeBytes % sector === 0 &&
    g.base % sector === 0;
  if (!ok) {
    throw new ImxflashError('INTERNAL', `flash geometry is inconsistent: base ${hex32(g.base)}, ${g.sizeBytes} bytes, pages ${g.pageBytes}, erase units ${units.join('/')}`, {
      hint: 'This is a driver bug; please report it with `imxflash doctor` output.',
    });
  }
  return sector!;
}

function touchedSectorAddresses(image: MemoryImage, sectorBytes: number): number[] {
  const out: number[] = [];
  for (const s of image.segments) {
    const first = s.address - (s.address % sectorBytes);
    for (let a = first; a < s.address + s.data.length; a += sectorBytes) {
      if (out[out.length - 1] !== a) out.push(a);
    }
  }
  return out;
}

function analyzeSector(image: MemoryImage, address: number, sectorBytes: number, pageBytes: number, current: CurrentContents | undefined): Sector {
  const segments = image.slice(address, address + sectorBytes).segments;
  const gaps: FlashRange[] = [];
  let at = address;
  for (const s of segments) {
    if (s.address > at) gaps.push({ address: at, bytes: s.address - at });
    at = s.address + s.data.length;
  }
  if (at < address + sectorBytes) gaps.push({ address: at, bytes: address + sectorBytes - at });

  const cur = current?.(address, sectorBytes);
  const target = cur ? cur.slice() : new Uint8Array(sectorBytes).fill(0xff);
  for (const s of segments) target.set(s.data, s.address - address);

  if (!cur) return { address, segments, gaps, current: cur, target, kind: 'erase', changedPages: [] };
  const changedPages: number[] = [];
  let needsErase = false;
  for (let p = 0; p < sectorBytes; p += pageBytes) {
    if (sameBytes(target, cur, p, p + pageBytes)) continue;
    if (isBlank(cur, p, p + pageBytes)) changedPages.push(p);
    else needsErase = true;
  }
  const kind: SectorKind = needsErase ? 'erase' : changedPages.length > 0 ? 'program-only' : 'skip';
  return { address, segments, gaps, current: cur, target, kind, changedPages };
}

/** A sector without image bytes, seen by a chip erase: all of it must be preserved. */
function untouchedSector(address: number, sectorBytes: number, current: CurrentContents | undefined): Sector {
  const cur = current?.(address, sectorBytes);
  return {
    address,
    segments: [],
    gaps: [{ address, bytes: sectorBytes }],
    current: cur,
    target: cur ? cur.slice() : new Uint8Array(sectorBytes).fill(0xff),
    kind: 'erase',
    changedPages: [],
  };
}

/** True when the contents are known and blank everywhere outside the image. */
function nothingOutsideImage(sectors: readonly Sector[], g: FlashGeometry, sectorBytes: number, current: CurrentContents | undefined): boolean {
  if (!current) return false;
  const touched = new Set(sectors.map((s) => s.address));
  for (const s of sectors) {
    if (s.gaps.length === 0) continue;
    if (!s.current || s.gaps.some((r) => !isBlank(s.current!, r.address - s.address, r.address - s.address + r.bytes))) return false;
  }
  for (let a = g.base; a < g.base + g.sizeBytes; a += sectorBytes) {
    if (touched.has(a)) continue;
    const cur = current(a, sectorBytes);
    if (!cur || !isBlank(cur, 0, sectorBytes)) return false;
  }
  return true;
}

/** Largest aligned erase unit at each step over each run of consecutive sectors. */
function eraseCommands(sectorAddresses: readonly number[], sectorBytes: number, g: FlashGeometry): EraseRange[] {
  const units = g.eraseUnits.map((u) => u.bytes).reverse();
  const out: EraseRange[] = [];
  for (const run of mergeRanges(sectorAddresses.map((address) => ({ address, bytes: sectorBytes })))) {
    const end = run.address + run.bytes;
    let at = run.address;
    while (at < end) {
      const unit = units.find((u) => (at - g.base) % u === 0 && at + u <= end) ?? sectorBytes;
      out.push({ address: at, bytes: unit });
      at += unit;
    }
  }
  return out;
}

class PlanBuilder {
  readonly erases: EraseRange[] = [];
  readonly reads: FlashRange[] = [];
  readonly preserved: FlashRange[] = [];
  skippedBytes = 0;
  private readonly runs: ProgramRun[] = [];
  private pending: { address: number; pages: Uint8Array[]; bytes: number } | undefined;

  constructor(private readonly pageBytes: number) {}

  /** The sector is erased: program its non-blank pages; keep (or ask to read) what lies beside the image. */
  rewriteErased(s: Sector): void {
    // Unknown contents beside the image: read the whole sector (it also lets the next plan skip it).
    if (!s.current && s.gaps.length > 0) this.reads.push({ address: s.address, bytes: s.target.length });
    for (const gap of s.gaps) {
      const kept = s.current ? dataSpan(s.current, gap.address - s.address, gap.address - s.address + gap.bytes) : { from: gap.address - s.address, to: gap.address - s.address + gap.bytes };
      if (kept) this.preserved.push({ address: s.address + kept.from, bytes: kept.to - kept.from });
    }
    for (let p = 0; p < s.target.length; p += this.pageBytes) {
      if (!isBlank(s.target, p, p + this.pageBytes)) this.addPage(s.address + p, s.target.subarray(p, p + this.pageBytes));
    }
  }

  /** The sector is programmed without erase: only the pages that change. */
  programChanged(s: Sector): void {
    const changed = new Set(s.changedPages);
    for (let p = 0; p < s.target.length; p += this.pageBytes) {
      if (changed.has(p)) this.addPage(s.address + p, s.target.subarray(p, p + this.pageBytes));
      else this.skippedBytes += imageBytesIn(s.segments, s.address + p, s.address + p + this.pageBytes);
    }
  }

  finishPrograms(): ProgramRun[] {
    this.flush();
    return this.runs;
  }

  private addPage(address: number, page: Uint8Array): void {
    const run = this.pending;
    if (run && run.address + run.bytes === address) {
      run.pages.push(page);
      run.bytes += page.length;
      return;
    }
    this.flush();
    this.pending = { address, pages: [page], bytes: page.length };
  }

  private flush(): void {
    const run = this.pending;
    if (!run) return;
    const data = new Uint8Array(run.bytes);
    let at = 0;
    for (const p of run.pages) {
      data.set(p, at);
      at += p.length;
    }
    this.runs.push({ address: run.address, data });
    this.pending = undefined;
  }
}

/** Sorted, adjacent and overlapping ranges joined. */
export function mergeRanges(ranges: readonly FlashRange[]): FlashRange[] {
  const sorted = [...ranges].sort((a, b) => a.address - b.address);
  const out: FlashRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.address <= last.address + last.bytes) {
      out[out.length - 1] = { address: last.address, bytes: Math.max(last.bytes, r.address + r.bytes - last.address) };
    } else {
      out.push({ address: r.address, bytes: r.bytes });
    }
  }
  return out;
}

function imageBytesIn(segments: readonly Segment[], from: number, to: number): number {
  let n = 0;
  for (const s of segments) n += Math.max(0, Math.min(to, s.address + s.data.length) - Math.max(from, s.address));
  return n;
}

/** First and one-past-last non-0xFF offsets in [from, to), or undefined when all blank. */
function dataSpan(bytes: Uint8Array, from: number, to: number): { from: number; to: number } | undefined {
  let first = from;
  while (first < to && bytes[first] === 0xff) first++;
  if (first === to) return undefined;
  let last = to;
  while (bytes[last - 1] === 0xff) last--;
  return { from: first, to: last };
}

function isBlank(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0xff) return false;
  return true;
}

function sameBytes(a: Uint8Array, b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (a[i] !== b[i]) return false;
  return true;
}
