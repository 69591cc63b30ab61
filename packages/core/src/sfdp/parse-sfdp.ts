import type { TypMax } from '../db/flash-part.js';
import { ImxflashError } from '../errors/imxflash-error.js';
import { hex, hex32 } from '../util/hex.js';
import { quadEnableFromQer } from './quad-enable-requirement.js';
import type { SfdpBasicTable, SfdpEraseType, SfdpFastRead, SfdpInfo, SfdpParameterHeader, SfdpReadPads } from './sfdp-info.js';

/*
 * JESD216 SFDP decoder. Layout per research/imxrt.md §2.6:
 *  - header, parameter headers, DW1 (erase-4K, address modes, fast-read support bits), DW2 density,
 *    DW3/DW4 fast-read fields, DW8/DW9 erase types, DW11 b7:4 page size, DW15 QER: verified
 *    against NXP BL's SFDP structures;
 *  - DW5-DW7 (2-2-2/4-4-4), DW10 and the rest of DW11 (times), DW14 (busy polling), DW16: JESD216B
 *    bit positions as recalled, UNVERIFIED. A part whose times look odd is more likely this
 *    decoder than the part.
 */

/** 'S','F','D','P' read as a little-endian dword. */
export const SFDP_SIGNATURE = 0x5044_4653;
/** Parameter ID of the Basic Flash Parameter Table. */
export const SFDP_BASIC_TABLE_ID = 0xff00;
/** JESD216 (rev 0) BFPT length; every later revision is longer. */
const MIN_BASIC_DWORDS = 9;

/**
 * Decodes an SFDP image read with 0x5A from address 0 (it must reach the end of the BFPT).
 * Throws SFDP_BAD_SIGNATURE, SFDP_TRUNCATED, SFDP_NO_BASIC_TABLE or SFDP_UNSUPPORTED; any
 * other byte pattern decodes.
 */
export function parseSfdp(bytes: Uint8Array): SfdpInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8) {
    throw new ImxflashError('SFDP_TRUNCATED', `SFDP data is ${bytes.length} bytes; the header alone is 8`, {
      hint: 'Read at least the header, the parameter headers and the basic table (256 bytes is usually enough).',
      details: { length: bytes.length },
    });
  }
  const signature = view.getUint32(0, true);
  if (signature !== SFDP_SIGNATURE) {
    throw new ImxflashError('SFDP_BAD_SIGNATURE', `SFDP signature is ${hex32(signature)}, expected ${hex32(SFDP_SIGNATURE)} ("SFDP")`, {
      hint: 'The part did not answer 0x5A (no SFDP, wrong read mode, or the flash is not responding); choose the part by name instead.',
      details: { signature },
    });
  }
  const minor = view.getUint8(4);
  const major = view.getUint8(5);
  const headerCount = view.getUint8(6) + 1;
  const accessProtocol = view.getUint8(7);
  if (major !== 1) {
    throw new ImxflashError('SFDP_UNSUPPORTED', `SFDP major revision ${major} is not supported (only 1.x)`, {
      hint: 'Choose the flash part by name.',
      details: { major, minor },
    });
  }

  const headersEnd = 8 + headerCount * 8;
  if (headersEnd > bytes.length) {
    throw new ImxflashError('SFDP_TRUNCATED', `SFDP declares ${headerCount} parameter headers, ending at ${hex(headersEnd)}, but the data is ${hex(bytes.length)} bytes`, {
      hint: 'Read more of the SFDP space.',
      details: { headerCount, length: bytes.length },
    });
  }
  const parameterHeaders: SfdpParameterHeader[] = [];
  for (let i = 0; i < headerCount; i++) {
    const at = 8 + i * 8;
    parameterHeaders.push({
      id: (view.getUint8(at + 7) << 8) | view.getUint8(at),
      minor: view.getUint8(at + 1),
      major: view.getUint8(at + 2),
      lengthDwords: view.getUint8(at + 3),
      pointer: view.getUint8(at + 4) | (view.getUint8(at + 5) << 8) | (view.getUint8(at + 6) << 16),
    });
  }

  // Several BFPT headers may coexist (an old one first for old hosts): take the newest 1.x one.
  let header: SfdpParameterHeader | undefined;
  for (const h of parameterHeaders) {
    if (h.id === SFDP_BASIC_TABLE_ID && h.major === 1 && (!header || h.minor > header.minor)) header = h;
  }
  if (!header) {
    throw new ImxflashError('SFDP_NO_BASIC_TABLE', `SFDP has no basic flash parameter table (ID 0xFF00 v1.x) among ${headerCount} headers`, {
      hint: 'Choose the flash part by name.',
      details: { ids: parameterHeaders.map((h) => h.id) },
    });
  }
  if (header.lengthDwords < MIN_BASIC_DWORDS) {
    throw new ImxflashError('SFDP_UNSUPPORTED', `SFDP basic table is ${header.lengthDwords} dwords; JESD216 needs at least ${MIN_BASIC_DWORDS}`, {
      hint: 'Choose the flash part by name.',
      details: { lengthDwords: header.lengthDwords },
    });
  }
  const tableEnd = header.pointer + header.lengthDwords * 4;
  if (tableEnd > bytes.length) {
    throw new ImxflashError('SFDP_TRUNCATED', `SFDP basic table at ${hex(header.pointer)} (${header.lengthDwords} dwords) ends at ${hex(tableEnd)}, past the ${hex(bytes.length)} bytes read`, {
      hint: `Read at least ${tableEnd} bytes of SFDP.`,
      details: { pointer: header.pointer, lengthDwords: header.lengthDwords, length: bytes.length },
    });
  }
  const dwords: number[] = [];
  for (let i = 0; i < header.lengthDwords; i++) dwords.push(view.getUint32(header.pointer + i * 4, true));

  return { major, minor, accessProtocol, parameterHeaders, basic: decodeBasicTable(header, dwords) };
}

/** Bits hi..lo of a dword (hi - lo < 31). */
function bits(v: number, hi: number, lo: number): number {
  return (v >>> lo) & ((1 << (hi - lo + 1)) - 1);
}

function unsupported(message: string, details: Record<string, unknown>): ImxflashError {
  return new ImxflashError('SFDP_UNSUPPORTED', message, { hint: 'Choose the flash part by name.', details });
}

function decodeBasicTable(header: SfdpParameterHeader, dwords: readonly number[]): SfdpBasicTable {
  // DWn, 1-based as in the spec; DW1..DW9 exist (length checked), later ones may not.
  const dw = (n: number): number => dwords[n - 1] ?? 0;
  const has = (n: number): boolean => dwords.length >= n;
  const dw1 = dw(1);

  const addressField = bits(dw1, 18, 17);
  const addressModes = (['3', '3-or-4', '4'] as const)[addressField];
  if (addressModes === undefined) throw unsupported(`SFDP DW1 address-bytes field is reserved (${dw1.toString(2).padStart(32, '0')})`, { dw1 });

  const fastReads: SfdpFastRead[] = [];
  const fastRead = (supported: boolean, pads: SfdpReadPads, field: number): void => {
    if (supported) fastReads.push({ pads, dummyClocks: bits(field, 4, 0), modeClocks: bits(field, 7, 5), opcode: bits(field, 15, 8) });
  };
  fastRead(bits(dw1, 16, 16) === 1, '1-1-2', dw(4) >>> 16);
  fastRead(bits(dw1, 20, 20) === 1, '1-2-2', dw(4) & 0xffff);
  fastRead(bits(dw1, 22, 22) === 1, '1-1-4', dw(3) >>> 16);
  fastRead(bits(dw1, 21, 21) === 1, '1-4-4', dw(3) & 0xffff);
  fastRead(bits(dw(5), 0, 0) === 1, '2-2-2', dw(6) >>> 16);
  fastRead(bits(dw(5), 4, 4) === 1, '4-4-4', dw(7) >>> 16);

  // DW10 (216A+, UNVERIFIED layout): b1:0 max multiplier, then per erase type a 5-bit count and
  // 2-bit unit (1 ms, 16 ms, 128 ms, 1 s); typ = (count + 1) · unit, max = typ · 2 · (multiplier + 1).
  const eraseMultiplier = has(10) ? 2 * (bits(dw(10), 1, 0) + 1) : 0;
  const eraseTime = (type: number): TypMax | null => {
    if (!has(10)) return null;
    const lo = 4 + (type - 1) * 7;
    const typ = (bits(dw(10), lo + 4, lo) + 1) * ([1, 16, 128, 1000][bits(dw(10), lo + 6, lo + 5)] ?? 0);
    return { typ, max: typ * eraseMultiplier };
  };
  const eraseTypes: SfdpEraseType[] = [];
  for (let type = 1; type <= 4; type++) {
    const field = type <= 2 ? dw(8) >>> ((type - 1) * 16) : dw(9) >>> ((type - 3) * 16);
    const exponent = bits(field, 7, 0);
    // 0 marks an unused slot; anything ≥ 32 cannot be an erase size and is treated as unused too.
    if (exponent === 0 || exponent >= 32) continue;
    eraseTypes.push({ type, bytes: 2 ** exponent, opcode: bits(field, 15, 8), timeMs: eraseTime(type) });
  }

  // DW11 (216A+): b7:4 page size (verified, BL); the rest UNVERIFIED: b3:0 program max multiplier,
  // b12:8 + b13 page program typ ((count + 1) · 8 µs or 64 µs), b28:24 + b30:29 chip erase typ
  // ((count + 1) · 16 ms, 256 ms, 4 s or 64 s), whose max uses the DW10 multiplier.
  let pageBytes: number | null = null;
  let pageProgramUs: TypMax | null = null;
  let chipEraseMs: TypMax | null = null;
  if (has(11)) {
    const dw11 = dw(11);
    pageBytes = 2 ** bits(dw11, 7, 4);
    const ppTyp = (bits(dw11, 12, 8) + 1) * (bits(dw11, 13, 13) === 1 ? 64 : 8);
    pageProgramUs = { typ: ppTyp, max: ppTyp * 2 * (bits(dw11, 3, 0) + 1) };
    const ceTyp = (bits(dw11, 28, 24) + 1) * ([16, 256, 4000, 64_000][bits(dw11, 30, 29)] ?? 0);
    chipEraseMs = { typ: ceTyp, max: ceTyp * eraseMultiplier };
  }

  // DW14 b7:2 (UNVERIFIED): bit 2 legacy 0x05 bit 0 polling, bit 3 flag status 0x70 bit 7.
  const busyPolling = has(14) ? { legacy: bits(dw(14), 2, 2) === 1, flagStatus: bits(dw(14), 3, 3) === 1 } : null;

  // DW15 b22:20 QER (verified, BL bitfield).
  let qer: number | null = null;
  let quadEnable: SfdpBasicTable['quadEnable'] = null;
  if (has(15)) {
    qer = bits(dw(15), 22, 20);
    const mapped = quadEnableFromQer(qer);
    if (mapped === undefined) throw unsupported(`SFDP DW15 Quad Enable Requirement ${qer} is reserved`, { dw15: dw(15) });
    quadEnable = mapped;
  }

  // DW16 (research §2.6, UNVERIFIED): b31:24 enter 4-byte, b23:14 exit, b13:8 soft reset, b6:0 SR write enable.
  const dw16 = has(16)
    ? { enter4Byte: bits(dw(16), 31, 24), exit4Byte: bits(dw(16), 23, 14), softReset: bits(dw(16), 13, 8), statusRegisterWriteEnable: bits(dw(16), 6, 0) }
    : null;

  return {
    header,
    dwords,
    sizeBytes: densityBytes(dw(2)),
    addressModes,
    erase4kOpcode: bits(dw1, 1, 0) === 1 ? bits(dw1, 15, 8) : null,
    dtr: bits(dw1, 19, 19) === 1,
    fastReads,
    eraseTypes,
    pageBytes,
    pageProgramUs,
    chipEraseMs,
    busyPolling,
    qer,
    quadEnable,
    dw16,
  };
}

/** DW2: b31 = 0 → N + 1 bits; b31 = 1 → 2^N bits (research/imxrt.md §2.6, BL). */
function densityBytes(dw2: number): number {
  const n = dw2 & 0x7fff_ffff;
  if (dw2 >>> 31 === 1) {
    // 2^3 bits = 1 byte up to 2^35 bits = 4 GiB, the most a 32-bit FlexSPI address reaches.
    if (n < 3 || n > 35) throw unsupported(`SFDP density 2^${n} bits is out of range`, { dw2 });
    return 2 ** (n - 3);
  }
  const sizeBits = n + 1;
  if (sizeBits % 8 !== 0) throw unsupported(`SFDP density ${sizeBits} bits is not a whole number of bytes`, { dw2 });
  return sizeBits / 8;
}
