import { DAP_CMD } from '../dap-command-id.js';
import { badRequest, expectStatusOk } from '../dap-response.js';

/** DAP_SWD_Configure: bits 1:0 = turnaround − 1, bit 2 = always send the data phase (pyOCD and probe-rs send 0x00). */
export function encodeSwdConfigure(turnaroundCycles = 1, alwaysDataPhase = false): Uint8Array {
  if (!Number.isInteger(turnaroundCycles) || turnaroundCycles < 1 || turnaroundCycles > 4) throw badRequest(`SWD turnaround ${turnaroundCycles} is not 1..4`);
  return Uint8Array.of(DAP_CMD.SWD_CONFIGURE, (turnaroundCycles - 1) | (alwaysDataPhase ? 4 : 0));
}

export function decodeSwdConfigure(response: Uint8Array): void {
  expectStatusOk(response, DAP_CMD.SWD_CONFIGURE);
}
