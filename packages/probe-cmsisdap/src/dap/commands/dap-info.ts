import { ImxflashError } from '@imxflash/core';
import { DAP_CMD } from '../dap-command-id.js';
import { expectResponse, u16le, u32le } from '../dap-response.js';

/** DAP_Info ids (research/cmsisdap.md §1.3). */
export const DAP_INFO = {
  VENDOR: 0x01,
  PRODUCT: 0x02,
  SERIAL: 0x03,
  PROTOCOL_VERSION: 0x04,
  TARGET_DEVICE_VENDOR: 0x05,
  TARGET_DEVICE_NAME: 0x06,
  TARGET_BOARD_VENDOR: 0x07,
  TARGET_BOARD_NAME: 0x08,
  FIRMWARE_VERSION: 0x09,
  CAPABILITIES: 0xf0,
  TEST_DOMAIN_TIMER: 0xf1,
  SWO_BUFFER_SIZE: 0xfd,
  PACKET_COUNT: 0xfe,
  PACKET_SIZE: 0xff,
} as const;

/** Capabilities Info0 bits (§1.3). */
export const DAP_CAPABILITY = {
  SWD: 1 << 0,
  JTAG: 1 << 1,
  SWO_UART: 1 << 2,
  SWO_MANCHESTER: 1 << 3,
  ATOMIC_COMMANDS: 1 << 4,
  TEST_DOMAIN_TIMER: 1 << 5,
  SWO_STREAMING: 1 << 6,
  UART_COMM_PORT: 1 << 7,
} as const;

/** `[0x00, id]`. */
export function encodeDapInfo(id: number): Uint8Array {
  return Uint8Array.of(DAP_CMD.INFO, id & 0xff);
}

/** `[0x00, len, info…]` → the info bytes (empty when len = 0: "not available"). */
export function decodeDapInfo(response: Uint8Array): Uint8Array {
  expectResponse(response, DAP_CMD.INFO, 2);
  const length = response[1]!;
  expectResponse(response, DAP_CMD.INFO, 2 + length);
  return response.slice(2, 2 + length);
}

/** A string info: UTF-8, the length includes the NUL; undefined when the probe has none (len 0). */
export function infoString(info: Uint8Array): string | undefined {
  if (info.length === 0) return undefined;
  const end = info.indexOf(0);
  return new TextDecoder().decode(end < 0 ? info : info.subarray(0, end));
}

/** DAP_Info 0xFF: SHORT packet size. */
export function infoPacketSize(info: Uint8Array): number {
  return expectInfoBytes(info, 2, 'packet size') && u16le(info, 0);
}

/** DAP_Info 0xFE: BYTE packet count. */
export function infoPacketCount(info: Uint8Array): number {
  return expectInfoBytes(info, 1, 'packet count') && info[0]!;
}

/** DAP_Info 0xF0: 1 or 2 capability bytes → Info0 | Info1 << 8. */
export function infoCapabilities(info: Uint8Array): number {
  expectInfoBytes(info, 1, 'capabilities');
  return info[0]! | ((info[1] ?? 0) << 8);
}

/** DAP_Info 0xFD and the UART sizes: WORD. */
export function infoWord(info: Uint8Array): number {
  return expectInfoBytes(info, 4, 'word') && u32le(info, 0);
}

function expectInfoBytes(info: Uint8Array, n: number, what: string): true {
  if (info.length < n) {
    throw new ImxflashError('DAP_BAD_RESPONSE', `DAP_Info ${what} has ${info.length} bytes, expected ${n}`, {
      hint: 'The probe firmware answers DAP_Info oddly: update it or use another probe.',
      details: { length: info.length },
    });
  }
  return true;
}
