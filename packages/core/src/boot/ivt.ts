import { ImxflashError } from '../errors/imxflash-error.js';
import { hex } from '../util/hex.js';
import { toDecodeResult, type DecodeResult } from './decode-result.js';
import { checkUint } from './uint-check.js';

/*
 * Image Vector Table, 32 bytes (research/spsdk.md §3.4, research/imxrt.md §5 step 5):
 *   +0x00 header: tag 0xD1, length 0x0020 big-endian, version (0x40–0x4E)
 *   +0x04 entry, +0x08 reserved1, +0x0C dcd, +0x10 bootData, +0x14 self, +0x18 csf,
 *   +0x1C reserved2, each a u32 little-endian.
 */

export const IVT_SIZE = 32;
export const IVT_TAG = 0xd1;
/** The version we write (SDK `IVT_PAR`); SPSDK writes 0x40, Teensy 0x43. */
export const IVT_VERSION = 0x41;
/** Versions SPSDK accepts, and so do we. */
export const IVT_VERSION_MIN = 0x40;
export const IVT_VERSION_MAX = 0x4e;

export interface Ivt {
  readonly version: number;
  /** Address the ROM jumps to: the reset handler (Thumb) or the vector table (research/imxrt.md §5 step 9). */
  readonly entry: number;
  readonly reserved1: number;
  /** DCD address, 0 = none. */
  readonly dcd: number;
  /** Boot data address (IVT + 0x20 in NXP's layout). */
  readonly bootData: number;
  /** Runtime address of this IVT. */
  readonly self: number;
  /** CSF address, 0 = none. */
  readonly csf: number;
  readonly reserved2: number;
}

const WORD_FIELDS = ['entry', 'reserved1', 'dcd', 'bootData', 'self', 'csf', 'reserved2'] as const;

function badVersion(version: number): ImxflashError {
  return new ImxflashError('IVT_BAD_HEADER', `IVT version ${hex(version)} is outside 0x40–0x4E`, {
    hint: 'Write version 0x41 (NXP SDK) or 0x40 (SPSDK).',
    details: { version },
  });
}

export function encodeIvt(ivt: Ivt): Uint8Array {
  checkUint(ivt.version, 8, 'IVT version', 'IVT_BAD_HEADER');
  if (ivt.version < IVT_VERSION_MIN || ivt.version > IVT_VERSION_MAX) throw badVersion(ivt.version);
  const bytes = new Uint8Array(IVT_SIZE);
  const v = new DataView(bytes.buffer);
  v.setUint8(0, IVT_TAG);
  v.setUint16(1, IVT_SIZE, false);
  v.setUint8(3, ivt.version);
  WORD_FIELDS.forEach((field, i) => {
    checkUint(ivt[field], 32, `IVT ${field}`, 'IMAGE_RANGE_INVALID');
    v.setUint32(4 + 4 * i, ivt[field], true);
  });
  return bytes;
}

/**
 * Decodes the first 32 bytes. IVT_TRUNCATED below 32 bytes; IVT_BAD_HEADER when the tag is not
 * 0xD1, the length not 0x0020 or the version outside 0x40–0x4E (the ROM's own checks). The field
 * values are not judged here.
 */
export function decodeIvt(bytes: Uint8Array): Ivt {
  if (bytes.length < IVT_SIZE) {
    throw new ImxflashError('IVT_TRUNCATED', `an IVT is 32 bytes, got ${bytes.length}`, {
      hint: 'The image ends inside the IVT; the ROM reads it at flash offset 0x1000.',
      details: { length: bytes.length },
    });
  }
  const v = new DataView(bytes.buffer, bytes.byteOffset, IVT_SIZE);
  const tag = v.getUint8(0);
  const length = v.getUint16(1, false);
  const version = v.getUint8(3);
  if (tag !== IVT_TAG || length !== IVT_SIZE) {
    throw new ImxflashError('IVT_BAD_HEADER', `no IVT: header is tag ${hex(tag)} length ${hex(length)}, expected tag 0xD1 length 0x20`, {
      hint: 'The IVT belongs at flash offset 0x1000; rebuild the image with `imxflash image build`.',
      details: { tag, length, version },
    });
  }
  if (version < IVT_VERSION_MIN || version > IVT_VERSION_MAX) throw badVersion(version);
  const word = (i: number): number => v.getUint32(4 + 4 * i, true);
  return {
    version,
    entry: word(0),
    reserved1: word(1),
    dcd: word(2),
    bootData: word(3),
    self: word(4),
    csf: word(5),
    reserved2: word(6),
  };
}

/** `decodeIvt` as a result, for the inspector. */
export function tryDecodeIvt(bytes: Uint8Array): DecodeResult<Ivt> {
  return toDecodeResult(() => decodeIvt(bytes));
}
