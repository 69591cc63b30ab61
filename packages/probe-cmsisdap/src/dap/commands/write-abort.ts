import { DAP_CMD } from '../dap-command-id.js';
import { expectStatusOk, putU32 } from '../dap-response.js';

/** ABORT register bits (research/cmsisdap.md §2.1 step 6). */
export const ABORT = { DAPABORT: 0x01, STKCMPCLR: 0x02, STKERRCLR: 0x04, WDERRCLR: 0x08, ORUNERRCLR: 0x10 } as const;
/** Every sticky flag cleared: 0x1E. */
export const ABORT_CLEAR_STICKY = ABORT.STKCMPCLR | ABORT.STKERRCLR | ABORT.WDERRCLR | ABORT.ORUNERRCLR;

/** DAP_WriteABORT: `[0x08, dapIndex:BYTE, abort:WORD]` (a full WORD, unlike dapjs's 2-byte bug). */
export function encodeWriteAbort(abort: number, dapIndex = 0): Uint8Array {
  const out = new Uint8Array(6);
  out[0] = DAP_CMD.WRITE_ABORT;
  out[1] = dapIndex;
  putU32(out, 2, abort >>> 0);
  return out;
}

export function decodeWriteAbort(response: Uint8Array): void {
  expectStatusOk(response, DAP_CMD.WRITE_ABORT);
}
