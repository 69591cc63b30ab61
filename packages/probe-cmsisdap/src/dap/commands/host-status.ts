import { DAP_CMD } from '../dap-command-id.js';
import { expectResponse } from '../dap-response.js';

/** DAP_HostStatus: type 0 = Connect LED, 1 = Running LED (research/cmsisdap.md §1.2). */
export function encodeHostStatus(type: 'connect' | 'running', on: boolean): Uint8Array {
  return Uint8Array.of(DAP_CMD.HOST_STATUS, type === 'connect' ? 0 : 1, on ? 1 : 0);
}

/** `[0x01, 0x00]`. */
export function decodeHostStatus(response: Uint8Array): void {
  expectResponse(response, DAP_CMD.HOST_STATUS, 2);
}
