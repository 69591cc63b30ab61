/*
 * IVT and boot data as the ROM reads them (research/spsdk.md §3.4, research/imxrt.md §5 steps
 * 5–6). Written from the research tables, independently of core's codecs.
 *
 * IVT (32 bytes): header = tag 0xD1, length 0x0020 big-endian, version; then u32 LE entry,
 * reserved1, dcd, boot_data, self, csf, reserved2.
 * Boot data (12 bytes used): u32 LE start, size, plugin.
 */

export const IVT_TAG = 0xd1;
export const IVT_BYTES = 32;
export const BOOT_DATA_BYTES = 12;
/**
 * IVT versions accepted: 0x40–0x4F ("D1 00 20 4x"). SPSDK accepts 0x40–0x4E, the SDK writes 0x41,
 * Teensy 0x43, imxrt-rt 0x40 (research/imxrt.md §5 step 5); the ROM's own check is UNVERIFIED,
 * so the model is lenient within the 0x4x family.
 */
export const IVT_VERSION_MIN = 0x40;
export const IVT_VERSION_MAX = 0x4f;

export interface RomIvt {
  readonly headerValid: boolean;
  readonly entry: number;
  readonly dcd: number;
  readonly bootData: number;
  readonly self: number;
  readonly csf: number;
}

export interface RomBootData {
  readonly start: number;
  readonly size: number;
  readonly plugin: number;
}

/** Reads the IVT fields from 32 bytes; `headerValid` says whether the header is D1 00 20 4x. */
export function readRomIvt(bytes: Uint8Array): RomIvt {
  if (bytes.length < IVT_BYTES) throw new RangeError(`an IVT is ${IVT_BYTES} bytes, got ${bytes.length}`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, IVT_BYTES);
  const version = v.getUint8(3);
  const headerValid = v.getUint8(0) === IVT_TAG && v.getUint16(1, false) === IVT_BYTES && version >= IVT_VERSION_MIN && version <= IVT_VERSION_MAX;
  return {
    headerValid,
    entry: v.getUint32(0x04, true),
    dcd: v.getUint32(0x0c, true),
    bootData: v.getUint32(0x10, true),
    self: v.getUint32(0x14, true),
    csf: v.getUint32(0x18, true),
  };
}

/** Reads boot data from 12 bytes. */
export function readRomBootData(bytes: Uint8Array): RomBootData {
  if (bytes.length < BOOT_DATA_BYTES) throw new RangeError(`boot data is ${BOOT_DATA_BYTES} bytes, got ${bytes.length}`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, BOOT_DATA_BYTES);
  return { start: v.getUint32(0, true), size: v.getUint32(4, true), plugin: v.getUint32(8, true) };
}
