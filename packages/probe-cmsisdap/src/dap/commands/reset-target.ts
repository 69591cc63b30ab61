import { DAP_CMD } from '../dap-command-id.js';
import { expectStatusOk } from '../dap-response.js';

export function encodeResetTarget(): Uint8Array {
  return Uint8Array.of(DAP_CMD.RESET_TARGET);
}

/** `[0x0A, status, execute]` → whether the probe ran a device-specific reset sequence. */
export function decodeResetTarget(response: Uint8Array): { executed: boolean } {
  expectStatusOk(response, DAP_CMD.RESET_TARGET);
  return { executed: response[2] === 1 };
}
