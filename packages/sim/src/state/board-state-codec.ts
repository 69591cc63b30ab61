import { ImxflashError } from '@imxflash/core';
import { OCOTP_SHADOW_END, OCOTP_SHADOW_START, OCOTP_SHADOW_STRIDE } from '../peripherals/ocotp.js';
import { isErasedRange, norArrayImageOf, type NorArrayImage } from '../nor/nor-array-image.js';
import { flashImageOf, SIM_BOARD_STATE_VERSION, withFlashImage, type SimBoardState } from './sim-board-state.js';

/**
 * The board state file, a single binary file (all integers little-endian):
 *
 * | offset    | size | content                                                                  |
 * |-----------|------|--------------------------------------------------------------------------|
 * | 0         | 7    | magic `IMXSIM\0`                                                          |
 * | 7         | 1    | format version (1)                                                        |
 * | 8         | 4    | H: byte length of the JSON header                                         |
 * | 12        | H    | JSON header, UTF-8 ({@link StateFileHeader})                              |
 * | 12 + H    | …    | `records` flash runs: u32 flash offset, u32 length, then the bytes        |
 * | end − 4   | 4    | CRC-32 (IEEE 802.3, as zlib) of every byte before it                      |
 *
 * Only 4 KiB chunks of the flash that are not all 0xFF are stored, adjacent chunks merged into one
 * run: an erased 8 MiB part costs a few hundred bytes, a part holding a 1 MiB image about 1 MiB.
 * The CRC makes a truncated or damaged file fail loudly instead of loading a half-blank flash.
 *
 * Both directions work chunk by chunk on the flash's sparse image (nor-array-image.ts): a board's
 * exported state is encoded without building its 8 MiB array, and a decoded state holds only the
 * stored chunks until someone reads `flashArray`.
 */
export const STATE_FILE_MAGIC = 'IMXSIM\0';
/** Flash is stored in runs of whole chunks of this size (the smallest common erase unit). */
export const STATE_FILE_CHUNK_BYTES = 4096;

const MAGIC_BYTES = new TextEncoder().encode(STATE_FILE_MAGIC);
const FIXED_HEADER_BYTES = MAGIC_BYTES.length + 1 + 4;
const RECORD_HEADER_BYTES = 8;
const CRC_BYTES = 4;
/** A JSON header beyond this is not ours (ours is a few hundred bytes). */
const MAX_HEADER_BYTES = 1 << 20;

/** The JSON header of the state file. Fuse offsets are hex strings (`"0x450"`). */
export interface StateFileHeader {
  readonly chip: string;
  readonly flash: string;
  readonly flashSizeBytes: number;
  readonly statusRegisters: readonly number[];
  readonly fuses: Readonly<Record<string, number>>;
  readonly boot: { readonly sbmr1: number; readonly bootMode: number; readonly secConfig: number; readonly btFuseSel: boolean };
  readonly sdramBytes: number;
  readonly chunkBytes: number;
  readonly records: number;
}

/** The state as file bytes (see the layout above). */
export function encodeBoardState(state: SimBoardState): Uint8Array {
  const sparse = flashImageOf(state);
  // Views into a flat array are enough: the bytes are copied out before this function returns.
  const image = sparse?.chunkBytes === STATE_FILE_CHUNK_BYTES ? sparse : norArrayImageOf(state.flashArray, false, STATE_FILE_CHUNK_BYTES);
  const runs = nonBlankRuns(image);
  const fuses: Record<string, number> = {};
  for (const [offset, word] of Object.entries(state.fuses)) {
    if (word !== 0) fuses[`0x${Number(offset).toString(16)}`] = word >>> 0;
  }
  const header: StateFileHeader = {
    chip: state.chipId,
    flash: state.partId,
    flashSizeBytes: image.sizeBytes,
    statusRegisters: [...state.statusRegisters],
    fuses,
    boot: { sbmr1: state.boot.sbmr1 >>> 0, bootMode: state.boot.bootMode, secConfig: state.boot.secConfig, btFuseSel: state.boot.btFuseSel },
    sdramBytes: state.sdramBytes,
    chunkBytes: STATE_FILE_CHUNK_BYTES,
    records: runs.length,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  let total = FIXED_HEADER_BYTES + json.length + CRC_BYTES;
  for (const [, length] of runs) total += RECORD_HEADER_BYTES + length;

  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(MAGIC_BYTES, 0);
  out[MAGIC_BYTES.length] = SIM_BOARD_STATE_VERSION;
  view.setUint32(MAGIC_BYTES.length + 1, json.length, true);
  out.set(json, FIXED_HEADER_BYTES);
  let at = FIXED_HEADER_BYTES + json.length;
  for (const [offset, length] of runs) {
    view.setUint32(at, offset, true);
    view.setUint32(at + 4, length, true);
    at += RECORD_HEADER_BYTES;
    for (let index = offset / image.chunkBytes, stop = at + length; at < stop; index++) {
      const chunk = image.chunks[index]!;
      out.set(chunk, at);
      at += chunk.length;
    }
  }
  view.setUint32(at, crc32(out.subarray(0, at)), true);
  return out;
}

/**
 * Parses a state file (an edge: STYLE R10). Anything that is not a whole, undamaged state file
 * of this version is SIM_STATE_INVALID; `origin` (the path) goes into the message.
 */
export function decodeBoardState(bytes: Uint8Array, origin = 'the state file'): SimBoardState {
  const invalid = (why: string): ImxflashError =>
    new ImxflashError('SIM_STATE_INVALID', `${origin} is not a usable imxflash board state: ${why}`, {
      hint: 'Delete it (the next --sim run starts with an erased board) or pass another --sim-state file.',
      details: { origin, reason: why },
    });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < FIXED_HEADER_BYTES + CRC_BYTES || !MAGIC_BYTES.every((b, i) => bytes[i] === b)) {
    throw invalid('no IMXSIM signature');
  }
  const version = bytes[MAGIC_BYTES.length] as number;
  if (version !== SIM_BOARD_STATE_VERSION) throw invalid(`format version ${version}; this imxflash reads version ${SIM_BOARD_STATE_VERSION}`);
  const body = bytes.length - CRC_BYTES;
  if (view.getUint32(body, true) !== crc32(bytes.subarray(0, body))) throw invalid('checksum mismatch (truncated or damaged)');
  const headerBytes = view.getUint32(MAGIC_BYTES.length + 1, true);
  if (headerBytes > MAX_HEADER_BYTES || FIXED_HEADER_BYTES + headerBytes > body) throw invalid(`header length ${headerBytes} runs past the file`);

  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(FIXED_HEADER_BYTES, FIXED_HEADER_BYTES + headerBytes)));
  } catch {
    throw invalid('the header is not JSON');
  }
  const header = checkHeader(raw, invalid);

  const chunkBytes = STATE_FILE_CHUNK_BYTES;
  const chunks = new Array<Uint8Array | undefined>(Math.ceil(header.flashSizeBytes / chunkBytes)).fill(undefined);
  let at = FIXED_HEADER_BYTES + headerBytes;
  for (let r = 0; r < header.records; r++) {
    if (at + RECORD_HEADER_BYTES > body) throw invalid(`flash record ${r} runs past the file`);
    const offset = view.getUint32(at, true);
    const length = view.getUint32(at + 4, true);
    at += RECORD_HEADER_BYTES;
    if (offset + length > header.flashSizeBytes || at + length > body) {
      throw invalid(`flash record ${r} (offset 0x${offset.toString(16)}, ${length} bytes) does not fit`);
    }
    // Chunk by chunk into fresh chunks (the file's buffer is the caller's): no 8 MiB array.
    for (let done = 0; done < length; ) {
      const index = Math.floor((offset + done) / chunkBytes);
      const inChunk = offset + done - index * chunkBytes;
      const chunkLength = Math.min(chunkBytes, header.flashSizeBytes - index * chunkBytes);
      const n = Math.min(length - done, chunkLength - inChunk);
      const piece = bytes.subarray(at + done, at + done + n);
      if (n === chunkLength) chunks[index] = piece.slice();
      else (chunks[index] ??= new Uint8Array(chunkLength).fill(0xff)).set(piece, inChunk);
      done += n;
    }
    at += length;
  }
  if (at !== body) throw invalid(`${body - at} unexpected bytes after the flash records`);

  const fuses: Record<number, number> = {};
  for (const [key, word] of Object.entries(header.fuses)) fuses[Number.parseInt(key, 16)] = word;
  return withFlashImage({
    formatVersion: SIM_BOARD_STATE_VERSION,
    chipId: header.chip,
    partId: header.flash,
    statusRegisters: header.statusRegisters,
    fuses,
    boot: { sbmr1: header.boot.sbmr1, bootMode: header.boot.bootMode as 0 | 1 | 2 | 3, secConfig: header.boot.secConfig, btFuseSel: header.boot.btFuseSel },
    sdramBytes: header.sdramBytes,
  }, { sizeBytes: header.flashSizeBytes, chunkBytes, chunks });
}

/** Field by field: a header that parses but lies would otherwise surface as a RangeError later. */
function checkHeader(raw: unknown, invalid: (why: string) => ImxflashError): StateFileHeader {
  const u32 = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffff_ffff;
  const byte = (v: unknown): v is number => u32(v) && v <= 0xff;
  if (typeof raw !== 'object' || raw === null) throw invalid('the header is not an object');
  const h = raw as Record<string, unknown>;
  if (typeof h.chip !== 'string' || typeof h.flash !== 'string') throw invalid('chip or flash missing');
  if (!u32(h.flashSizeBytes) || h.flashSizeBytes === 0) throw invalid('bad flashSizeBytes');
  if (!Array.isArray(h.statusRegisters) || !h.statusRegisters.every(byte)) throw invalid('bad statusRegisters');
  if (typeof h.fuses !== 'object' || h.fuses === null || Array.isArray(h.fuses)) throw invalid('bad fuses');
  for (const [key, word] of Object.entries(h.fuses as Record<string, unknown>)) {
    const offset = /^0x[0-9a-f]+$/i.test(key) ? Number.parseInt(key, 16) : NaN;
    const shadow = offset >= OCOTP_SHADOW_START && offset < OCOTP_SHADOW_END && offset % OCOTP_SHADOW_STRIDE === 0;
    if (!shadow || !u32(word)) throw invalid(`bad fuse ${key}`);
  }
  const b = h.boot as Record<string, unknown> | null;
  if (typeof b !== 'object' || b === null || !u32(b.sbmr1) || !(u32(b.bootMode) && b.bootMode <= 3) || !(u32(b.secConfig) && b.secConfig <= 3) || typeof b.btFuseSel !== 'boolean') {
    throw invalid('bad boot configuration');
  }
  if (!u32(h.sdramBytes)) throw invalid('bad sdramBytes');
  if (h.chunkBytes !== STATE_FILE_CHUNK_BYTES) throw invalid(`chunk size ${String(h.chunkBytes)}`);
  if (!u32(h.records)) throw invalid('bad record count');
  return h as unknown as StateFileHeader;
}

/** [offset, length] runs of consecutive chunks that hold at least one byte other than 0xFF. */
function nonBlankRuns(image: NorArrayImage): [number, number][] {
  const runs: [number, number][] = [];
  let runStart = -1;
  for (let index = 0, offset = 0; offset < image.sizeBytes; index++, offset += image.chunkBytes) {
    const chunk = image.chunks[index];
    const blank = chunk === undefined || isErasedRange(chunk, 0, chunk.length);
    if (!blank && runStart < 0) runStart = offset;
    if (blank && runStart >= 0) {
      runs.push([runStart, offset - runStart]);
      runStart = -1;
    }
  }
  if (runStart >= 0) runs.push([runStart, image.sizeBytes - runStart]);
  return runs;
}

/** CRC-32 (reflected polynomial 0xEDB88320, init and final XOR 0xFFFFFFFF: the zlib/PNG CRC). */
const CRC_TABLE = ((): Uint32Array => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb8_8320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffff_ffff;
  for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffff_ffff) >>> 0;
}
