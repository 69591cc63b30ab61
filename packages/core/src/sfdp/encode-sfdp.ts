import type { FlashPart, TypMax } from '../db/flash-part.js';
import { ImxflashError } from '../errors/imxflash-error.js';
import { threeByteOpcode } from './four-byte-opcodes.js';
import { SFDP_SIGNATURE } from './parse-sfdp.js';
import { qerFromQuadEnable } from './quad-enable-requirement.js';

const BFPT_DWORDS = 16;
const BFPT_POINTER = 0x10; // right after the header and the one parameter header

/**
 * A JESD216B-shaped SFDP image for a database part: header (rev 1.6), one parameter header and a
 * 16-dword BFPT, laid out as `parseSfdp` reads it (research/imxrt.md §2.6). Used by the simulator's
 * NOR models and by round-trip tests. Opcodes go in as their 3-byte forms, as a real BFPT has them.
 * Times are rounded up to what DW10/DW11 can express; HyperFlash has no SFDP (SFDP_UNSUPPORTED).
 */
export function encodeSfdp(part: FlashPart): Uint8Array {
  if (part.interface !== 'spi-nor') {
    throw new ImxflashError('SFDP_UNSUPPORTED', `${part.name} is ${part.interface}; only SPI NOR parts have SFDP`, {
      hint: 'Describe HyperFlash parts by name.',
      details: { part: part.id },
    });
  }
  const out = new Uint8Array(BFPT_POINTER + BFPT_DWORDS * 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, SFDP_SIGNATURE, true);
  out.set([6, 1, 0, 0xff], 4); // minor 6 (216B), major 1, one parameter header, legacy access protocol
  out.set([0x00, 6, 1, BFPT_DWORDS, BFPT_POINTER, 0, 0, 0xff], 8); // ID 0xFF00 v1.6, 16 dwords at 0x10

  const dwords = basicTableDwords(part);
  dwords.forEach((v, i) => view.setUint32(BFPT_POINTER + i * 4, v >>> 0, true));
  return out;
}

function basicTableDwords(part: FlashPart): number[] {
  const erase = part.eraseUnits.slice(0, 4).map((u) => ({ bytes: u.bytes, opcode: threeByteOpcode(u.opcode) }));
  const erase4k = erase.find((u) => u.bytes === 4096);
  const qr = part.quadRead;
  const qrField = qr ? (threeByteOpcode(qr.opcode) << 8) | ((qr.modeClocks & 7) << 5) | (qr.dummyClocks & 0x1f) : 0;
  const addressField = part.addressBytes === 3 ? 0b00 : part.sizeBytes > 16 * 1024 * 1024 ? 0b01 : 0b10;

  const dw1 =
    (erase4k ? 0b01 : 0b11) |
    ((part.pageBytes >= 64 ? 1 : 0) << 2) | // write granularity: a 64-byte-or-larger page buffer
    (0b111 << 5) | // unused
    ((erase4k?.opcode ?? 0xff) << 8) |
    (addressField << 17) |
    ((qr?.pads === '1-4-4' ? 1 : 0) << 21) |
    ((qr?.pads === '1-1-4' ? 1 : 0) << 22) |
    (0x1ff << 23); // unused
  const sizeBits = part.sizeBytes * 8;
  const dw2 = sizeBits <= 2 ** 31 ? sizeBits - 1 : (0x8000_0000 | Math.log2(sizeBits)) >>> 0;
  const dw3 = qr?.pads === '1-4-4' ? qrField : qr?.pads === '1-1-4' ? qrField << 16 : 0;

  const eraseField = (i: number): number => {
    const u = erase[i];
    return u ? (u.opcode << 8) | Math.log2(u.bytes) : 0;
  };
  const dw8 = eraseField(0) | (eraseField(1) << 16);
  const dw9 = eraseField(2) | (eraseField(3) << 16);

  // DW10: one typ→max multiplier for all erases (2·(m+1)), then 5-bit count + 2-bit unit per type.
  const eraseTimes = erase.map((u) => part.timing.eraseMs[u.bytes]);
  const eraseMult = multiplier([...eraseTimes, part.timing.chipEraseMs], 3);
  let dw10 = eraseMult;
  erase.forEach((_, i) => {
    const t = eraseTimes[i];
    if (t) dw10 |= encodeTime(t.typ, [1, 16, 128, 1000]) << (4 + i * 7);
  });

  const pp = part.timing.pageProgramUs;
  const dw11 =
    multiplier([pp], 15) |
    (Math.log2(part.pageBytes) << 4) |
    (encodeTime(pp.typ, [8, 64]) << 8) | // b12:8 count, b13 unit
    (encodeTime(part.timing.chipEraseMs.typ, [16, 256, 4000, 64_000]) << 24) | // b28:24 count, b30:29 unit
    (1 << 31); // reserved
  // Byte-program times (b23:14) stay 0: the database does not carry them.

  const dw14 = (1 << 31) | (1 << 2) | 0b11; // no deep power-down; busy = legacy SR bit 0 polling
  const dw15 = qerFromQuadEnable(part.quadEnable) << 20;
  const dw16 =
    (part.addressBytes === 4 ? (1 << 24) | (1 << 14) : 0) | // enter with 0xB7, exit with 0xE9
    (1 << 12) | // soft reset 0x66, 0x99
    1; // non-volatile status register, WREN 0x06

  return [dw1, dw2, dw3, 0, 0xffff_ffee, 0x0000_ffff, 0x0000_ffff, dw8, dw9, dw10, dw11, 0xffff_ffff, 0, dw14, dw15, dw16];
}

/** The smallest field m with typ · 2(m + 1) ≥ max for every time, capped at `limit`. */
function multiplier(times: ReadonlyArray<TypMax | undefined>, limit: number): number {
  let m = 0;
  for (const t of times) {
    if (!t || t.typ <= 0) continue;
    m = Math.max(m, Math.ceil(t.max / t.typ / 2) - 1);
  }
  return Math.min(Math.max(m, 0), limit);
}

/** A (count + 1) · unit time as count | unitIndex << 5, rounding up; saturates at the largest value. */
function encodeTime(value: number, units: readonly number[]): number {
  for (const [i, unit] of units.entries()) {
    const n = Math.max(1, Math.ceil(value / unit));
    if (n <= 32) return (n - 1) | (i << 5);
  }
  return 31 | ((units.length - 1) << 5);
}
