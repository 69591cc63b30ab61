import { DAP_CMD } from '../dap-command-id.js';
import { badRequest, expectStatusOk } from '../dap-response.js';

/**
 * DAP_SWJ_Sequence: `[0x12, bitCount (0 = 256), data LSB first]` (research/cmsisdap.md §1.2).
 * `bits` is the bit string as bytes, LSB of byte 0 first.
 */
export function encodeSwjSequence(bitCount: number, bits: Uint8Array): Uint8Array {
  if (!Number.isInteger(bitCount) || bitCount < 1 || bitCount > 256) throw badRequest(`SWJ sequence of ${bitCount} bits (1..256)`);
  const bytes = Math.ceil(bitCount / 8);
  if (bits.length < bytes) throw badRequest(`SWJ sequence of ${bitCount} bits needs ${bytes} data bytes, got ${bits.length}`);
  const out = new Uint8Array(2 + bytes);
  out[0] = DAP_CMD.SWJ_SEQUENCE;
  out[1] = bitCount & 0xff;
  out.set(bits.subarray(0, bytes), 2);
  return out;
}

export function decodeSwjSequence(response: Uint8Array): void {
  expectStatusOk(response, DAP_CMD.SWJ_SEQUENCE);
}

/** ≥ 50 clocks with SWDIO high: 51 ones (pyOCD). */
export const LINE_RESET = { bits: 51, data: Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff) } as const;
/** JTAG-to-SWD select code 0xE79E, 16 bits LSB first (§2.1 step 3). */
export const JTAG_TO_SWD = { bits: 16, data: Uint8Array.of(0x9e, 0xe7) } as const;
/** Idle: 8 clocks with SWDIO low (pyOCD). */
export const IDLE_LOW = { bits: 8, data: Uint8Array.of(0x00) } as const;
