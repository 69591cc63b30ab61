/**
 * The flashloader model's own MCU-bootloader wire format (research/spsdk.md §2.1–§2.3), written
 * apart from the driver's codecs so the sim cannot share their bugs: UART frames (0x5A, type,
 * u16 LE length, u16 LE CRC16-XMODEM over header and payload), USB-HID reports (id, 0, u16 LE
 * length, payload), and command/response packets (tag, flags, 0, count, u32 LE parameters).
 */
export const WIRE = {
  START: 0x5a,
  ACK: 0xa1,
  NAK: 0xa2,
  ACK_ABORT: 0xa3,
  COMMAND: 0xa4,
  DATA: 0xa5,
  PING: 0xa6,
  PING_RESPONSE: 0xa7,
} as const;

/** CRC16-XMODEM, table-free (poly 0x1021, init 0). */
export function crc16(parts: readonly Uint8Array[]): number {
  let crc = 0;
  for (const bytes of parts) {
    for (const byte of bytes) {
      crc ^= byte << 8;
      for (let k = 0; k < 8; k++) crc = (crc & 0x8000) !== 0 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

export function uartFrame(type: number, payload: Uint8Array): Uint8Array {
  const header = Uint8Array.of(WIRE.START, type, payload.length & 0xff, (payload.length >> 8) & 0xff);
  const crc = crc16([header, payload]);
  const out = new Uint8Array(6 + payload.length);
  out.set(header);
  out[4] = crc & 0xff;
  out[5] = crc >> 8;
  out.set(payload, 6);
  return out;
}

/** Ping response: 'P' 1.2.0 per NXP serial_packet.h (research §2.1), options 0. */
export function pingResponse(): Uint8Array {
  const body = Uint8Array.of(WIRE.START, WIRE.PING_RESPONSE, 0, 2, 1, 0x50, 0, 0);
  const crc = crc16([body]);
  return Uint8Array.of(...body, crc & 0xff, crc >> 8);
}

export function hidReport(id: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + payload.length);
  out[0] = id;
  out[2] = payload.length & 0xff;
  out[3] = (payload.length >> 8) & 0xff;
  out.set(payload, 4);
  return out;
}

export interface WirePacket {
  readonly tag: number;
  readonly flags: number;
  readonly params: readonly number[];
}

export function packPacket(tag: number, flags: number, params: readonly number[]): Uint8Array {
  const out = new Uint8Array(4 + params.length * 4);
  out[0] = tag;
  out[1] = flags;
  out[3] = params.length;
  params.forEach((p, i) => {
    for (let b = 0; b < 4; b++) out[4 + i * 4 + b] = (p >>> (8 * b)) & 0xff;
  });
  return out;
}

/** Undefined when the bytes are not a well-formed packet. */
export function unpackPacket(bytes: Uint8Array): WirePacket | undefined {
  if (bytes.length < 4) return undefined;
  const count = bytes[3]!;
  if (count > 7 || bytes.length < 4 + count * 4) return undefined;
  const params: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = 4 + i * 4;
    params.push((bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0);
  }
  return { tag: bytes[0]!, flags: bytes[1]!, params };
}
