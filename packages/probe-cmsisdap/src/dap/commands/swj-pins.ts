import { DAP_CMD } from '../dap-command-id.js';
import { badRequest, expectResponse, putU32 } from '../dap-response.js';

/** DAP_SWJ_Pins bit map (research/cmsisdap.md §1.2). */
export const SWJ_PIN = { SWCLK: 1 << 0, SWDIO: 1 << 1, TDI: 1 << 2, TDO: 1 << 3, NTRST: 1 << 5, NRESET: 1 << 7 } as const;

/** `[0x10, output, select, waitUs:WORD]`: drives the `select`ed pins to `output`, waits up to `waitUs` for them to settle. */
export function encodeSwjPins(output: number, select: number, waitUs = 0): Uint8Array {
  if (!Number.isInteger(waitUs) || waitUs < 0 || waitUs > 3_000_000) throw badRequest(`SWJ_Pins wait ${waitUs} µs (0..3000000)`);
  const out = new Uint8Array(7);
  out[0] = DAP_CMD.SWJ_PINS;
  out[1] = output & 0xff;
  out[2] = select & 0xff;
  putU32(out, 3, waitUs);
  return out;
}

/** `[0x10, input]` → pin levels. */
export function decodeSwjPins(response: Uint8Array): number {
  expectResponse(response, DAP_CMD.SWJ_PINS, 2);
  return response[1]!;
}
