import { DAP_CMD } from '../dap-command-id.js';
import { expectStatusOk } from '../dap-response.js';

export function encodeDisconnect(): Uint8Array {
  return Uint8Array.of(DAP_CMD.DISCONNECT);
}

export function decodeDisconnect(response: Uint8Array): void {
  expectStatusOk(response, DAP_CMD.DISCONNECT);
}
