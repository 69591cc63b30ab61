/**
 * CMSIS-DAP command ids (research/cmsisdap.md §1.2, ARM `Firmware/Include/DAP.h`). A response
 * repeats the id; a probe that does not implement a command answers 0xFF in its place.
 */
export const DAP_CMD = {
  INFO: 0x00,
  HOST_STATUS: 0x01,
  CONNECT: 0x02,
  DISCONNECT: 0x03,
  TRANSFER_CONFIGURE: 0x04,
  TRANSFER: 0x05,
  TRANSFER_BLOCK: 0x06,
  TRANSFER_ABORT: 0x07,
  WRITE_ABORT: 0x08,
  DELAY: 0x09,
  RESET_TARGET: 0x0a,
  SWJ_PINS: 0x10,
  SWJ_CLOCK: 0x11,
  SWJ_SEQUENCE: 0x12,
  SWD_CONFIGURE: 0x13,
  /** The id byte of an answer to a command the probe does not know. */
  INVALID: 0xff,
} as const;

/** Status byte of the simple commands: 0x00 DAP_OK, 0xFF DAP_ERROR. */
export const DAP_OK = 0x00;
export const DAP_ERROR = 0xff;

export function dapCommandName(id: number): string {
  for (const [name, value] of Object.entries(DAP_CMD)) if (value === id) return `DAP_${name}`;
  return `command 0x${id.toString(16).padStart(2, '0')}`;
}
