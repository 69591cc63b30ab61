import { ImxflashError } from '@imxflash/core';

/**
 * The ROM serial downloader's 16-byte command packet (research/spsdk.md §1.1): every multi-byte
 * field big-endian, laid out as u16 type, u32 address, u8 format, u32 count, u32 data, u8 reserved.
 * Pure codec: no I/O, no clock (STYLE R6).
 */
export const SDP_COMMAND_BYTES = 16;

/** Command tags (research/spsdk.md §1.2). */
export const SDP_COMMAND = {
  READ_REGISTER: 0x0101,
  WRITE_REGISTER: 0x0202,
  WRITE_FILE: 0x0404,
  ERROR_STATUS: 0x0505,
  WRITE_CSF: 0x0606,
  DCD_WRITE: 0x0a0a,
  JUMP_ADDRESS: 0x0b0b,
  /** SPSDK only; support on RT is UNVERIFIED (research §1.2). */
  SKIP_DCD_HEADER: 0x0c0c,
} as const;
export type SdpCommandType = (typeof SDP_COMMAND)[keyof typeof SDP_COMMAND];

/** Access width of READ_REGISTER / WRITE_REGISTER, in bits (the byte in the packet is the same number). */
export type SdpRegisterFormat = 8 | 16 | 32;

export interface SdpCommand {
  readonly type: SdpCommandType;
  readonly address: number;
  /** Access width for register commands; 0 otherwise. */
  readonly format: number;
  /** Data count in bytes. */
  readonly count: number;
  /** The value of WRITE_REGISTER; 0 otherwise. */
  readonly data: number;
}

const NAMES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(SDP_COMMAND).map(([k, v]) => [v, k]));

export function sdpCommandName(type: number): string {
  return NAMES[type] ?? `0x${type.toString(16).padStart(4, '0')}`;
}

export function encodeSdpCommand(c: SdpCommand): Uint8Array {
  checkU32(c.address, 'address');
  checkU32(c.count, 'count');
  checkU32(c.data, 'data');
  if (!(Number.isInteger(c.format) && c.format >= 0 && c.format <= 0xff)) throw badRequest(`format ${c.format} is not a byte`);
  const bytes = new Uint8Array(SDP_COMMAND_BYTES);
  const v = new DataView(bytes.buffer);
  v.setUint16(0, c.type);
  v.setUint32(2, c.address);
  v.setUint8(6, c.format);
  v.setUint32(7, c.count);
  v.setUint32(11, c.data);
  return bytes;
}

/** Parses a 16-byte packet (the sim and tests use it); SDP_BAD_RESPONSE for a wrong size or an unknown tag. */
export function decodeSdpCommand(bytes: Uint8Array): SdpCommand {
  if (bytes.length < SDP_COMMAND_BYTES) {
    throw new ImxflashError('SDP_BAD_RESPONSE', `an SDP command is ${SDP_COMMAND_BYTES} bytes, got ${bytes.length}`, {
      hint: 'The packet was cut short on the link; retry.',
      details: { length: bytes.length },
    });
  }
  const v = new DataView(bytes.buffer, bytes.byteOffset, SDP_COMMAND_BYTES);
  const type = v.getUint16(0);
  if (NAMES[type] === undefined) {
    throw new ImxflashError('SDP_BAD_RESPONSE', `unknown SDP command tag 0x${type.toString(16).padStart(4, '0')}`, {
      hint: 'Tags are 0x0101, 0x0202, 0x0404, 0x0505, 0x0606, 0x0A0A, 0x0B0B, 0x0C0C.',
      details: { type },
    });
  }
  return { type: type as SdpCommandType, address: v.getUint32(2), format: v.getUint8(6), count: v.getUint32(7), data: v.getUint32(11) };
}

export const readRegister = (address: number, format: SdpRegisterFormat, count: number): SdpCommand => {
  checkAligned(address, format);
  return { type: SDP_COMMAND.READ_REGISTER, address, format, count, data: 0 };
};

export const writeRegister = (address: number, format: SdpRegisterFormat, value: number): SdpCommand => {
  checkAligned(address, format);
  if (!(Number.isInteger(value) && value >= 0 && value < 2 ** format)) throw badRequest(`value ${value} does not fit ${format} bits`);
  return { type: SDP_COMMAND.WRITE_REGISTER, address, format, count: format / 8, data: value };
};

export const writeFile = (address: number, count: number): SdpCommand => ({ type: SDP_COMMAND.WRITE_FILE, address, format: 0, count, data: 0 });
export const errorStatus = (): SdpCommand => ({ type: SDP_COMMAND.ERROR_STATUS, address: 0, format: 0, count: 0, data: 0 });
export const dcdWrite = (address: number, count: number): SdpCommand => ({ type: SDP_COMMAND.DCD_WRITE, address, format: 0, count, data: 0 });
export const skipDcdHeader = (): SdpCommand => ({ type: SDP_COMMAND.SKIP_DCD_HEADER, address: 0, format: 0, count: 0, data: 0 });
/** `ivtAddress` is the address of the IVT in RAM, not the entry point (research §1.7). */
export const jumpAddress = (ivtAddress: number): SdpCommand => ({ type: SDP_COMMAND.JUMP_ADDRESS, address: ivtAddress, format: 0, count: 0, data: 0 });

function checkU32(n: number, what: string): void {
  if (!(Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff)) throw badRequest(`${what} ${n} is not a 32-bit unsigned value`);
}

function checkAligned(address: number, format: SdpRegisterFormat): void {
  checkU32(address, 'address');
  if (format !== 8 && format !== 16 && format !== 32) throw badRequest(`register width ${String(format)} is not 8, 16 or 32`);
  if (address % (format / 8) !== 0) throw badRequest(`address 0x${address.toString(16)} is not aligned to ${format} bits`);
}

function badRequest(message: string): ImxflashError {
  return new ImxflashError('SDP_BAD_REQUEST', `SDP command: ${message}`, {
    hint: 'Addresses and values are 32-bit unsigned; register accesses are 8, 16 or 32 bits wide and aligned.',
  });
}
