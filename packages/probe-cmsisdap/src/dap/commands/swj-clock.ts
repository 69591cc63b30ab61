import { DAP_CMD } from '../dap-command-id.js';
import { badRequest, expectStatusOk, putU32 } from '../dap-response.js';

/** DAP_SWJ_Clock: `[0x11, Hz:WORD]`. */
export function encodeSwjClock(hz: number): Uint8Array {
  if (!Number.isInteger(hz) || hz < 1 || hz > 0xffff_ffff) throw badRequest(`SWJ clock ${hz} Hz is out of range`, { hz });
  const out = new Uint8Array(5);
  out[0] = DAP_CMD.SWJ_CLOCK;
  putU32(out, 1, hz);
  return out;
}

export function decodeSwjClock(response: Uint8Array): void {
  expectStatusOk(response, DAP_CMD.SWJ_CLOCK);
}
