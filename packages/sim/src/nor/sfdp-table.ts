import type { FlashPart, QuadEnable, TypMax } from '@imxflash/core';
import { threeByteOpcode } from './spi-nor-commands.js';

/**
 * The SFDP table an SPI NOR model answers 0x5A with, generated from the part's facts in the
 * JESD216B layout of research/imxrt.md §2.6. Written independently of core's SFDP codecs (the sim
 * must not share a bug with the code it checks).
 *
 * Layout: header at 0x00, one parameter header (Basic Flash Parameter Table, ID 0xFF00, rev 1.6,
 * 16 dwords) at 0x08, 0xFF filler, the BFPT at 0x30. Reads past the end return 0xFF.
 *
 * Only the header, parameter header, DW1 (4 KiB erase, address bytes, 1-1-4 / 1-4-4 support),
 * DW2, DW3, DW8/DW9, DW11 b7:4 and DW15 b22:20 are from the research's verified (BL) structures.
 * The timing dwords (DW10, DW11 rest), DW14 and DW16 follow JESD216B from memory: UNVERIFIED.
 */
export const SFDP_SIGNATURE = 0x5044_4653;
export const SFDP_BFPT_OFFSET = 0x30;
const BFPT_DWORDS = 16;
/** JESD216B: header minor revision 6, major 1 (research/imxrt.md §2.6). */
const SFDP_MINOR_216B = 6;

export function buildSfdpTable(part: FlashPart): Uint8Array {
  const ops = part.opcodes;
  if (ops === null) throw new RangeError(`${part.id} has no SPI NOR opcodes (no SFDP)`);
  const bytes = new Uint8Array(SFDP_BFPT_OFFSET + BFPT_DWORDS * 4).fill(0xff);
  const view = new DataView(bytes.buffer);
  const dw = (n: number, value: number): void => view.setUint32(SFDP_BFPT_OFFSET + (n - 1) * 4, value >>> 0, true);

  // SFDP header: signature, minor, major, NPH-1 = 0, access protocol 0xFF (unused before 216C).
  view.setUint32(0, SFDP_SIGNATURE, true);
  bytes.set([SFDP_MINOR_216B, 1, 0, 0xff], 4);
  // Parameter header 0: ID LSB, minor, major, length (dwords), 24-bit pointer (LE), ID MSB.
  bytes.set([0x00, SFDP_MINOR_216B, 1, BFPT_DWORDS, SFDP_BFPT_OFFSET, 0, 0, 0xff], 8);

  // The BFPT describes the 3-byte instruction forms (4-byte opcodes belong to table 0xFF84, not generated).
  const units = [...part.eraseUnits].sort((a, b) => a.bytes - b.bytes).slice(0, 4);
  const erase4k = units.find((u) => u.bytes === 4096);
  const quad = part.quadRead;

  // DW1.
  let dw1 = 0xff80_0000 | (0b111 << 5); // unused bits 31:23 and 7:5 read 1
  dw1 |= erase4k !== undefined ? 0b01 : 0b11; // b1:0 4 KiB erase supported
  dw1 |= part.pageBytes >= 64 ? 1 << 2 : 0; // b2 write granularity ≥ 64 bytes
  dw1 |= (erase4k !== undefined ? threeByteOpcode(erase4k.opcode) : 0xff) << 8;
  // b18:17: 00 = 3-byte only, 01 = 3 or 4. A part with the quirk reproduces its wrong table (LINUX, §2.1).
  const claimsFourByte = part.addressBytes === 4 && !(part.quirks?.includes('sfdp-address-bytes-wrong') ?? false);
  dw1 |= (claimsFourByte ? 0b01 : 0b00) << 17;
  if (quad !== null) {
    dw1 |= 1 << 22; // 1-1-4 (the model answers 0x6B)
    if (quad.pads === '1-4-4') dw1 |= 1 << 21;
  }
  dw(1, dw1);

  // DW2: density in bits − 1 (bit 31 = 0), valid up to 2 Gbit.
  dw(2, part.sizeBytes * 8 - 1);

  // DW3: 1-4-4 [4:0] dummy, [7:5] mode, [15:8] opcode; 1-1-4 [20:16] dummy, [23:21] mode, [31:24] opcode.
  if (quad !== null) {
    const fast144 = quad.pads === '1-4-4' ? fastReadField(quad.dummyClocks, quad.modeClocks, threeByteOpcode(quad.opcode)) : 0;
    const fast114 = quad.pads === '1-4-4' ? fastReadField(8, 0, 0x6b) : fastReadField(quad.dummyClocks, quad.modeClocks, threeByteOpcode(quad.opcode));
    dw(3, fast144 | (fast114 << 16));
  } else {
    dw(3, 0);
  }
  dw(4, 0); // 1-2-2 / 1-1-2 not supported (DW1 b20, b16 = 0)
  dw(5, 0xffff_ffee); // b0 2-2-2 = 0, b4 4-4-4 = 0 (the model's QPI is minimal and not advertised)
  dw(6, 0x0000_ffff);
  dw(7, 0x0000_ffff);

  // DW8 / DW9: erase types as (size exponent, opcode) byte pairs, smallest first; 0 = unused.
  const pairs = [0, 1, 2, 3].map((i) => {
    const u = units[i];
    return u === undefined ? 0xff00 : Math.log2(u.bytes) | (threeByteOpcode(u.opcode) << 8);
  });
  dw(8, pairs[0]! | (pairs[1]! << 16));
  dw(9, pairs[2]! | (pairs[3]! << 16));

  // DW10 (UNVERIFIED layout): [3:0] max multiplier, then 7-bit typical time per erase type at [10:4],
  // [17:11], [24:18], [31:25]: [4:0] count, [6:5] unit 1 / 16 / 128 / 1000 ms; typ = (count + 1) × unit.
  // research §2.6 writes the multiplier as b1:0; four 7-bit fields only fit after a 4-bit one.
  let dw10 = 0;
  let worstMultiplier = 0;
  units.forEach((u, i) => {
    const t = part.timing.eraseMs[u.bytes];
    if (t === undefined) return;
    dw10 |= encodeTime(t.typ, [1, 16, 128, 1000]) << (4 + 7 * i);
    worstMultiplier = Math.max(worstMultiplier, maxMultiplier(t));
  });
  dw(10, dw10 | worstMultiplier);

  // DW11: [3:0] program max multiplier; [7:4] page size 2^N (BL, verified); [13:8] page program
  // typical ([12:8] count, [13] unit 8 / 64 µs); [30:24] chip erase typical ([28:24] count,
  // [30:29] unit 16 ms / 256 ms / 4 s / 64 s). Byte-program fields 0. Timing fields UNVERIFIED.
  const pp = part.timing.pageProgramUs;
  dw(11, maxMultiplier(pp)
    | (Math.log2(part.pageBytes) << 4)
    | (encodeTime(pp.typ, [8, 64]) << 8)
    | (encodeTime(part.timing.chipEraseMs.typ, [16, 256, 4000, 64000]) << 24)
    | (1 << 31));

  dw(12, 0xffff_ffff); // b31 = 1: suspend / resume not supported (not modelled)
  dw(13, 0);
  // DW14 (UNVERIFIED): b31 = 0 deep power-down supported, [30:23] enter 0xB9, [22:15] exit 0xAB,
  // [14:8] exit delay 3 µs (unit 1 µs), [7:2] = 000001 legacy 0x05 WIP polling, [1:0] reserved 11.
  dw(14, (0xb9 << 23) | (0xab << 15) | (0b01 << 13) | (2 << 8) | (0b000001 << 2) | 0b11);
  // DW15: only QER [22:20] (BL bitfield, verified).
  dw(15, quadEnableRequirement(part.quadEnable) << 20);
  // DW16 (UNVERIFIED): [31:24] enter 4-byte (b24 0xB7, b29 dedicated 4-byte opcodes), [23:14] exit
  // (b14 0xE9), [13:8] soft reset (b12 0x66 + 0x99), [6:0] SR1 write enable (b0 non-volatile, 0x06).
  const fourByteFields = part.addressBytes === 4 ? (1 << 24) | (1 << 29) | (1 << 14) : 0;
  dw(16, fourByteFields | (0x10 << 8) | 0x01);
  return bytes;
}

/** QER (research/imxrt.md §2.6, BL mapping) for the part's Quad Enable method. */
export function quadEnableRequirement(qe: QuadEnable | null): number {
  if (qe === null) return 0;
  if (qe.register === 'sr1') return 2;
  if (qe.bit === 7) return 3;
  return qe.write === 'wrsr2-0x31' ? 6 : 1;
}

function fastReadField(dummy: number, mode: number, opcode: number): number {
  return (dummy & 0x1f) | ((mode & 0x7) << 5) | ((opcode & 0xff) << 8);
}

/** Smallest unit that represents `value` in 5 bits of (count + 1); result [6:5] unit index, [4:0] count. */
function encodeTime(value: number, units: readonly number[]): number {
  for (let i = 0; i < units.length; i++) {
    const count = Math.ceil(value / units[i]!) - 1;
    if (count <= 31) return (Math.max(0, count) & 0x1f) | (i << 5);
  }
  return 0x1f | ((units.length - 1) << 5);
}

/** max = 2 × (n + 1) × typ → n, clamped to 4 bits. */
function maxMultiplier(t: TypMax): number {
  if (t.typ <= 0) return 0;
  return Math.min(15, Math.max(0, Math.ceil(t.max / t.typ / 2) - 1));
}
