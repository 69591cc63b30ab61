import { ImxflashError } from '@imxflash/core';
import { crc16Xmodem } from './crc16.js';

/**
 * MCU-bootloader UART framing (research/spsdk.md §2.1): start byte 0x5A, a packet type; sync
 * packets (ACK, NAK, ACK_ABORT, PING) are those 2 bytes; framed packets (COMMAND, DATA) add a
 * u16 LE payload length and a u16 LE CRC16-XMODEM over start, type, length and payload.
 */
export const FRAME_START = 0x5a;
export const FRAME_TYPE = {
  ACK: 0xa1,
  NAK: 0xa2,
  ACK_ABORT: 0xa3,
  COMMAND: 0xa4,
  DATA: 0xa5,
  PING: 0xa6,
  PING_RESPONSE: 0xa7,
} as const;
export type FrameType = (typeof FRAME_TYPE)[keyof typeof FRAME_TYPE];

export const FRAMED_HEADER_BYTES = 6;
export const PING_RESPONSE_BYTES = 10;

export const syncPacket = (type: typeof FRAME_TYPE.ACK | typeof FRAME_TYPE.NAK | typeof FRAME_TYPE.ACK_ABORT | typeof FRAME_TYPE.PING): Uint8Array =>
  Uint8Array.of(FRAME_START, type);

/** A COMMAND or DATA frame around `payload` (≤ 0xFFFF bytes). */
export function encodeFrame(type: typeof FRAME_TYPE.COMMAND | typeof FRAME_TYPE.DATA, payload: Uint8Array): Uint8Array {
  if (payload.length > 0xffff) {
    throw new ImxflashError('BLHOST_BAD_REQUEST', `a blhost frame carries at most 65535 bytes, not ${payload.length}`, {
      hint: 'Split the data into packets of the device\'s MaxPacketSize.',
    });
  }
  const out = new Uint8Array(FRAMED_HEADER_BYTES + payload.length);
  out[0] = FRAME_START;
  out[1] = type;
  out[2] = payload.length & 0xff;
  out[3] = payload.length >>> 8;
  out.set(payload, FRAMED_HEADER_BYTES);
  const crc = crc16Xmodem(payload, crc16Xmodem(out.subarray(0, 4)));
  out[4] = crc & 0xff;
  out[5] = crc >>> 8;
  return out;
}

export interface PingResponse {
  /** e.g. 'P' */
  readonly name: string;
  readonly major: number;
  readonly minor: number;
  readonly bugfix: number;
  readonly options: number;
}

/** 5A A7, version (bugfix, minor, major, name), options u16 LE, CRC over the first 8 bytes. */
export function encodePingResponse(p: PingResponse): Uint8Array {
  const out = Uint8Array.of(FRAME_START, FRAME_TYPE.PING_RESPONSE, p.bugfix, p.minor, p.major, p.name.charCodeAt(0) & 0xff, p.options & 0xff, p.options >>> 8, 0, 0);
  const crc = crc16Xmodem(out.subarray(0, 8));
  out[8] = crc & 0xff;
  out[9] = crc >>> 8;
  return out;
}

export function decodePingResponse(bytes: Uint8Array): PingResponse {
  if (bytes.length < PING_RESPONSE_BYTES || bytes[0] !== FRAME_START || bytes[1] !== FRAME_TYPE.PING_RESPONSE) {
    throw frameInvalid(`not a ping response: ${hexOf(bytes.subarray(0, 10))}`, bytes);
  }
  const crc = bytes[8]! | (bytes[9]! << 8);
  if (crc16Xmodem(bytes.subarray(0, 8)) !== crc) throw frameInvalid('ping response CRC mismatch', bytes);
  return { bugfix: bytes[2]!, minor: bytes[3]!, major: bytes[4]!, name: String.fromCharCode(bytes[5]!), options: bytes[6]! | (bytes[7]! << 8) };
}

/** One packet taken from a byte stream. */
export type UartPacket =
  | { readonly kind: 'sync'; readonly type: number }
  | { readonly kind: 'frame'; readonly type: number; readonly payload: Uint8Array }
  | { readonly kind: 'ping-response'; readonly response: PingResponse };

/**
 * Incremental UART packet parser: feed bytes as they arrive, take whole packets. Bytes before a
 * 0x5A are skipped (SPSDK skips garbage and 0x00 "not ready" bytes, §2.1). A framed packet with a
 * bad CRC or unknown type throws BLHOST_FRAME_INVALID and is dropped from the buffer, so the
 * caller can NAK and keep reading.
 */
export class UartPacketParser {
  private buffer: Uint8Array = new Uint8Array(0);
  /** Bytes skipped before a start byte since the parser was made. */
  skipped = 0;

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const next = new Uint8Array(this.buffer.length + bytes.length);
    next.set(this.buffer);
    next.set(bytes, this.buffer.length);
    this.buffer = next;
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** The next whole packet, or undefined when more bytes are needed. */
  take(): UartPacket | undefined {
    const start = this.buffer.indexOf(FRAME_START);
    if (start < 0) {
      this.skipped += this.buffer.length;
      this.buffer = new Uint8Array(0);
      return undefined;
    }
    if (start > 0) {
      this.skipped += start;
      this.buffer = this.buffer.slice(start);
    }
    if (this.buffer.length < 2) return undefined;
    const type = this.buffer[1]!;
    switch (type) {
      case FRAME_TYPE.ACK: case FRAME_TYPE.NAK: case FRAME_TYPE.ACK_ABORT: case FRAME_TYPE.PING:
        this.buffer = this.buffer.slice(2);
        return { kind: 'sync', type };
      case FRAME_TYPE.PING_RESPONSE: {
        if (this.buffer.length < PING_RESPONSE_BYTES) return undefined;
        const bytes = this.buffer.slice(0, PING_RESPONSE_BYTES);
        this.buffer = this.buffer.slice(PING_RESPONSE_BYTES);
        return { kind: 'ping-response', response: decodePingResponse(bytes) };
      }
      case FRAME_TYPE.COMMAND: case FRAME_TYPE.DATA: {
        if (this.buffer.length < FRAMED_HEADER_BYTES) return undefined;
        const length = this.buffer[2]! | (this.buffer[3]! << 8);
        if (this.buffer.length < FRAMED_HEADER_BYTES + length) return undefined;
        const packet = this.buffer.slice(0, FRAMED_HEADER_BYTES + length);
        this.buffer = this.buffer.slice(FRAMED_HEADER_BYTES + length);
        const crc = packet[4]! | (packet[5]! << 8);
        const payload = packet.subarray(FRAMED_HEADER_BYTES);
        if (crc16Xmodem(payload, crc16Xmodem(packet.subarray(0, 4))) !== crc) throw frameInvalid(`CRC mismatch in a ${length}-byte frame`, packet);
        return { kind: 'frame', type, payload };
      }
      default:
        // Not a packet start after all (a 0x5A inside noise): skip that byte and resynchronise.
        this.buffer = this.buffer.slice(1);
        this.skipped += 1;
        throw frameInvalid(`unknown packet type 0x${type.toString(16)}`, Uint8Array.of(FRAME_START, type));
    }
  }

  /** Drops everything buffered (after a NAK, the sender repeats the whole packet). */
  clear(): void {
    this.buffer = new Uint8Array(0);
  }
}

function frameInvalid(why: string, bytes: Uint8Array): ImxflashError {
  return new ImxflashError('BLHOST_FRAME_INVALID', `blhost UART: ${why}`, {
    hint: 'Line noise or a wrong baud rate: check the wiring and the speed (the flashloader auto-detects it from the first ping).',
    details: { bytes: hexOf(bytes.subarray(0, 16)) },
  });
}

function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
