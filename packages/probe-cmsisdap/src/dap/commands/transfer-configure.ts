import { DAP_CMD } from '../dap-command-id.js';
import { badRequest, expectStatusOk, putU16 } from '../dap-response.js';

export interface TransferConfig {
  /** Idle cycles after each transfer. */
  readonly idleCycles: number;
  /** How often the probe retries a WAIT answer before reporting it. */
  readonly waitRetry: number;
  /** How often the probe re-reads a value-match read before reporting a mismatch. */
  readonly matchRetry: number;
}

/** DAP_TransferConfigure: `[0x04, idle:BYTE, waitRetry:SHORT, matchRetry:SHORT]`. */
export function encodeTransferConfigure(config: TransferConfig): Uint8Array {
  const { idleCycles, waitRetry, matchRetry } = config;
  if (!(idleCycles >= 0 && idleCycles <= 0xff && waitRetry >= 0 && waitRetry <= 0xffff && matchRetry >= 0 && matchRetry <= 0xffff)) {
    throw badRequest('TransferConfigure value out of range', { ...config });
  }
  const out = new Uint8Array(6);
  out[0] = DAP_CMD.TRANSFER_CONFIGURE;
  out[1] = idleCycles;
  putU16(out, 2, waitRetry);
  putU16(out, 4, matchRetry);
  return out;
}

export function decodeTransferConfigure(response: Uint8Array): void {
  expectStatusOk(response, DAP_CMD.TRANSFER_CONFIGURE);
}
