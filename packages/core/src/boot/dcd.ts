import { ImxflashError } from '../errors/imxflash-error.js';
import { hex, hex32 } from '../util/hex.js';
import { toDecodeResult, type DecodeResult } from './decode-result.js';

/*
 * Device Configuration Data (research/spsdk.md §3.5, research/imxrt.md §4.2). Every multi-byte
 * field is big-endian.
 *   header:   tag 0xD2, length u16 (the whole DCD, header included), version 0x41 (0x40 accepted)
 *   command:  tag, length u16 (this command, its header included), param
 *     Write Data 0xCC  param = flags | width; then {address, value} u32 pairs
 *     Check Data 0xCF  param = flags | width; then address, mask and an optional poll count
 *     NOP        0xC0  header only
 *     Unlock     0xB2  param = engine; then optional u32 values
 * width = param[2:0] ∈ {1, 2, 4}. Flags are param bits 3 (MASK) and 4 (SET), read as the NXP SDK
 * DCDs and research/imxrt.md §4.2 do: Write 0x04 value, 0x0C clear bits, 0x1C set bits; Check
 * 0x04 all clear, 0x14 all set, 0x0C any clear, 0x1C any set. Sources disagree on the middle
 * values: SPSDK's enums put ALL_SET/ANY_CLEAR at 0x0C/0x14 and u-boot's imximage uses a bit-5 ANY
 * flag; a DCD using bits 5–7 is rejected here.
 */

export const DCD_TAG = 0xd2;
export const DCD_VERSION = 0x41;
export const DCD_VERSION_ALT = 0x40;
export const DCD_HEADER_SIZE = 4;
/** IUL `HAB_MAX_DCD_SIZE` (an i.MX6 figure; the RT limit is UNVERIFIED; research/spsdk.md §3.5). */
export const DCD_MAX_SIZE = 1768;

export const DCD_CMD = {
  WRITE_DATA: 0xcc,
  CHECK_DATA: 0xcf,
  NOP: 0xc0,
  UNLOCK: 0xb2,
} as const;

export type DcdWidth = 1 | 2 | 4;
/** Write Data flags: 0x00 write, 0x08 MASK (clear bits), 0x18 MASK|SET (set bits), 0x10 SET alone. */
export type DcdWriteOp = 'write' | 'clear-bits' | 'set-bits' | 'write-set-flag';
export type DcdCheckOp = 'all-clear' | 'all-set' | 'any-clear' | 'any-set';

export interface DcdWrite {
  readonly address: number;
  readonly value: number;
}

export type DcdCommand =
  | { readonly kind: 'write'; readonly op: DcdWriteOp; readonly width: DcdWidth; readonly writes: readonly DcdWrite[] }
  | {
      readonly kind: 'check';
      readonly op: DcdCheckOp;
      readonly width: DcdWidth;
      readonly address: number;
      readonly mask: number;
      /** Poll count; absent = poll until the condition holds. */
      readonly count?: number;
    }
  | { readonly kind: 'nop' }
  | { readonly kind: 'unlock'; readonly engine: number; readonly values: readonly number[] };

export interface Dcd {
  /** 0x41 (SPSDK) or 0x40 (some SDK headers). */
  readonly version: number;
  readonly commands: readonly DcdCommand[];
}

const MASK_FLAG = 0x08;
const SET_FLAG = 0x10;
const WRITE_OP_FLAGS: Readonly<Record<DcdWriteOp, number>> = {
  write: 0,
  'clear-bits': MASK_FLAG,
  'set-bits': MASK_FLAG | SET_FLAG,
  'write-set-flag': SET_FLAG,
};
const CHECK_OP_FLAGS: Readonly<Record<DcdCheckOp, number>> = {
  'all-clear': 0,
  'all-set': SET_FLAG,
  'any-clear': MASK_FLAG,
  'any-set': MASK_FLAG | SET_FLAG,
};
const opByFlags = <T extends string>(table: Readonly<Record<T, number>>, flags: number): T | undefined =>
  (Object.keys(table) as T[]).find((k) => table[k] === flags);

function badCommand(offset: number, why: string, details: Record<string, unknown> = {}): ImxflashError {
  return new ImxflashError('DCD_BAD_COMMAND', `DCD command at offset ${hex(offset)}: ${why}`, {
    hint: 'Regenerate the DCD (MCUXpresso Config Tools or an SDK dcd.c), or drop it if the image runs from flash or OCRAM.',
    details: { offset, ...details },
  });
}

function tooLarge(length: number): ImxflashError {
  return new ImxflashError('DCD_TOO_LARGE', `DCD is ${length} bytes; the ROM accepts at most ${DCD_MAX_SIZE}`, {
    hint: 'Merge consecutive writes into one Write Data command, or move setup code into the application.',
    details: { length, max: DCD_MAX_SIZE },
  });
}

function commandLength(c: DcdCommand): number {
  switch (c.kind) {
    case 'write':
      return 4 + 8 * c.writes.length;
    case 'check':
      return c.count === undefined ? 12 : 16;
    case 'nop':
      return 4;
    case 'unlock':
      return 4 + 4 * c.values.length;
  }
}

const isU32 = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff;

/** Serialises a DCD; DCD_TOO_LARGE above 1768 bytes, DCD_BAD_COMMAND for a value that does not fit. */
export function encodeDcd(dcd: Dcd): Uint8Array {
  if (dcd.version !== DCD_VERSION && dcd.version !== DCD_VERSION_ALT) {
    throw new ImxflashError('DCD_BAD_HEADER', `DCD version ${hex(Number(dcd.version))} is neither 0x41 nor 0x40`, {
      hint: 'Use version 0x41.',
      details: { version: dcd.version },
    });
  }
  const length = DCD_HEADER_SIZE + dcd.commands.reduce((n, c) => n + commandLength(c), 0);
  if (length > DCD_MAX_SIZE) throw tooLarge(length);
  const bytes = new Uint8Array(length);
  const v = new DataView(bytes.buffer);
  v.setUint8(0, DCD_TAG);
  v.setUint16(1, length);
  v.setUint8(3, dcd.version);
  let at = DCD_HEADER_SIZE;
  const u32 = (value: number, what: string, start: number): void => {
    if (!isU32(value)) throw badCommand(start, `${what} = ${String(value)} is not a u32`);
    v.setUint32(at, value);
    at += 4;
  };
  for (const c of dcd.commands) {
    const start = at;
    const header = (tag: number, param: number): void => {
      v.setUint8(at, tag);
      v.setUint16(at + 1, commandLength(c));
      v.setUint8(at + 3, param);
      at += 4;
    };
    switch (c.kind) {
      case 'write':
      case 'check': {
        if (c.width !== 1 && c.width !== 2 && c.width !== 4) throw badCommand(start, `width ${String(c.width)} is not 1, 2 or 4`);
        const flags = c.kind === 'write' ? WRITE_OP_FLAGS[c.op] : CHECK_OP_FLAGS[c.op];
        if (flags === undefined) throw badCommand(start, `unknown ${c.kind} op '${String(c.op)}'`);
        header(c.kind === 'write' ? DCD_CMD.WRITE_DATA : DCD_CMD.CHECK_DATA, flags | c.width);
        if (c.kind === 'write') {
          for (const w of c.writes) {
            u32(w.address, 'address', start);
            u32(w.value, 'value', start);
          }
        } else {
          u32(c.address, 'address', start);
          u32(c.mask, 'mask', start);
          if (c.count !== undefined) u32(c.count, 'count', start);
        }
        break;
      }
      case 'nop':
        header(DCD_CMD.NOP, 0);
        break;
      case 'unlock':
        if (!(Number.isInteger(c.engine) && c.engine >= 0 && c.engine <= 0xff)) throw badCommand(start, `engine ${String(c.engine)} is not a u8`);
        header(DCD_CMD.UNLOCK, c.engine);
        for (const value of c.values) u32(value, 'value', start);
        break;
    }
  }
  return bytes;
}

/**
 * Decodes the DCD at the start of `bytes` (bytes after its length are ignored).
 * DCD_BAD_HEADER: wrong tag or version, or a length shorter than the header or longer than the
 * bytes given. DCD_TOO_LARGE: a length above 1768. DCD_BAD_COMMAND (with the offset): an unknown
 * tag, width or flag, or a command length that does not fit its kind or the DCD.
 */
export function decodeDcd(bytes: Uint8Array): Dcd {
  if (bytes.length < DCD_HEADER_SIZE) {
    throw new ImxflashError('DCD_BAD_HEADER', `a DCD header is 4 bytes, got ${bytes.length}`, {
      hint: 'The image ends where the IVT says the DCD is.',
      details: { length: bytes.length },
    });
  }
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const tag = v.getUint8(0);
  const length = v.getUint16(1);
  const version = v.getUint8(3);
  if (tag !== DCD_TAG || (version !== DCD_VERSION && version !== DCD_VERSION_ALT)) {
    throw new ImxflashError('DCD_BAD_HEADER', `no DCD: header is tag ${hex(tag)} version ${hex(version)}, expected tag 0xD2 version 0x41 or 0x40`, {
      hint: 'Check the IVT dcd pointer; set it to 0 if the image has no DCD.',
      details: { tag, version },
    });
  }
  if (length > DCD_MAX_SIZE) throw tooLarge(length);
  if (length < DCD_HEADER_SIZE || length > bytes.length) {
    throw new ImxflashError('DCD_BAD_HEADER', `DCD length ${length} does not fit the ${bytes.length} bytes available`, {
      hint: 'The DCD is truncated or its length field is corrupt; regenerate it.',
      details: { length, available: bytes.length },
    });
  }

  const commands: DcdCommand[] = [];
  let at = DCD_HEADER_SIZE;
  while (at < length) {
    if (length - at < 4) throw badCommand(at, `${length - at} byte(s) left, a command header needs 4`);
    const cmdTag = v.getUint8(at);
    const cmdLength = v.getUint16(at + 1);
    const param = v.getUint8(at + 3);
    if (cmdLength < 4 || at + cmdLength > length) {
      throw badCommand(at, `length ${cmdLength} runs past the DCD end at ${hex(length)}`, { tag: cmdTag, length: cmdLength });
    }
    const body = at + 4;
    const words = (cmdLength - 4) / 4;
    const word = (i: number): number => v.getUint32(body + 4 * i);
    switch (cmdTag) {
      case DCD_CMD.WRITE_DATA:
      case DCD_CMD.CHECK_DATA: {
        const width = param & 7;
        if (width !== 1 && width !== 2 && width !== 4) throw badCommand(at, `width ${width} is not 1, 2 or 4`, { param });
        const flags = param & 0xf8;
        if (cmdTag === DCD_CMD.WRITE_DATA) {
          const op = opByFlags(WRITE_OP_FLAGS, flags);
          if (!op) throw badCommand(at, `unknown Write Data flags ${hex(flags)}`, { param });
          if ((cmdLength - 4) % 8 !== 0) throw badCommand(at, `Write Data length ${cmdLength} is not 4 + 8·n`, { length: cmdLength });
          const writes = Array.from({ length: words / 2 }, (_, i) => ({ address: word(2 * i), value: word(2 * i + 1) }));
          commands.push({ kind: 'write', op, width, writes });
        } else {
          const op = opByFlags(CHECK_OP_FLAGS, flags);
          if (!op) throw badCommand(at, `unknown Check Data flags ${hex(flags)}`, { param });
          if (cmdLength !== 12 && cmdLength !== 16) throw badCommand(at, `Check Data length ${cmdLength} is not 12 or 16`, { length: cmdLength });
          commands.push(
            cmdLength === 16
              ? { kind: 'check', op, width, address: word(0), mask: word(1), count: word(2) }
              : { kind: 'check', op, width, address: word(0), mask: word(1) },
          );
        }
        break;
      }
      case DCD_CMD.NOP:
        if (cmdLength !== 4) throw badCommand(at, `NOP length ${cmdLength} is not 4`, { length: cmdLength });
        commands.push({ kind: 'nop' });
        break;
      case DCD_CMD.UNLOCK:
        if (cmdLength % 4 !== 0) throw badCommand(at, `Unlock length ${cmdLength} is not a multiple of 4`, { length: cmdLength });
        commands.push({ kind: 'unlock', engine: param, values: Array.from({ length: words }, (_, i) => word(i)) });
        break;
      default:
        throw badCommand(at, `unknown command tag ${hex(cmdTag)}`, { tag: cmdTag });
    }
    at += cmdLength;
  }
  return { version, commands };
}

/** `decodeDcd` as a result, for the inspector. */
export function tryDecodeDcd(bytes: Uint8Array): DecodeResult<Dcd> {
  return toDecodeResult(() => decodeDcd(bytes));
}

const value = (n: number, width: DcdWidth): string => '0x' + n.toString(16).toUpperCase().padStart(2 * width, '0');

/**
 * One line per register access: `write32 0x400FC068 = 0x00C0000F`, `clear32 0x… bits 0x…`,
 * `set32 0x… bits 0x…`, `check32 0x… any-set 0x… [count n]`, `nop`, `unlock engine 0x… [values]`.
 */
export function formatDcdCommand(c: DcdCommand): string[] {
  switch (c.kind) {
    case 'write':
      return c.writes.map((w) => {
        const bits = 8 * c.width;
        switch (c.op) {
          case 'write':
            return `write${bits} ${hex32(w.address)} = ${value(w.value, c.width)}`;
          case 'write-set-flag':
            return `write${bits} ${hex32(w.address)} = ${value(w.value, c.width)} (SET flag without MASK)`;
          case 'clear-bits':
            return `clear${bits} ${hex32(w.address)} bits ${value(w.value, c.width)}`;
          case 'set-bits':
            return `set${bits} ${hex32(w.address)} bits ${value(w.value, c.width)}`;
        }
      });
    case 'check':
      return [
        `check${8 * c.width} ${hex32(c.address)} ${c.op} ${value(c.mask, c.width)}` + (c.count === undefined ? '' : ` count ${c.count}`),
      ];
    case 'nop':
      return ['nop'];
    case 'unlock':
      return [`unlock engine ${hex(c.engine)}` + c.values.map((x) => ` ${hex32(x)}`).join('')];
  }
}

/** The whole DCD as lines, in execution order. */
export function formatDcd(dcd: Dcd): string[] {
  return dcd.commands.flatMap(formatDcdCommand);
}
