import { ImxflashError } from '@imxflash/core';
import { DAP_CMD } from '../dap-command-id.js';
import { expectResponse } from '../dap-response.js';

/** DAP_Connect port: 0 default, 1 SWD, 2 JTAG (research/cmsisdap.md §1.2). */
export const DAP_PORT = { DEFAULT: 0, SWD: 1, JTAG: 2 } as const;

export function encodeConnect(port: number = DAP_PORT.SWD): Uint8Array {
  return Uint8Array.of(DAP_CMD.CONNECT, port);
}

/** `[0x02, port]`; port 0 means the probe could not initialise: DAP_CONNECT_FAILED. */
export function decodeConnect(response: Uint8Array, requested: number = DAP_PORT.SWD): number {
  expectResponse(response, DAP_CMD.CONNECT, 2);
  const port = response[1]!;
  if (port === 0 || (requested !== DAP_PORT.DEFAULT && port !== requested)) {
    throw new ImxflashError('DAP_CONNECT_FAILED', `DAP_Connect answered port ${port}, asked for ${requested === DAP_PORT.SWD ? 'SWD' : requested}`, {
      hint: 'The probe could not switch to SWD: check that its firmware supports SWD, then replug it.',
      details: { port, requested },
    });
  }
  return port;
}
