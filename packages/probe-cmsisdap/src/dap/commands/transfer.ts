import { ImxflashError } from '@imxflash/core';
import { DAP_CMD } from '../dap-command-id.js';
import { badRequest, expectResponse, putU32, u32le } from '../dap-response.js';
import { transferOutcome, type TransferOutcome } from '../transfer-ack.js';

/**
 * One SWD transfer of a DAP_Transfer (research/cmsisdap.md §1.4). `register` is the DP or AP
 * register address within its bank: 0x0, 0x4, 0x8 or 0xC (bits 3:2 of the request).
 */
export type TransferRequest =
  | { readonly port: 'dp' | 'ap'; readonly register: number; readonly read: true; readonly matchValue?: undefined }
  /** A read the probe repeats until `(value & mask) == matchValue` (MatchRetry times); returns no data. */
  | { readonly port: 'dp' | 'ap'; readonly register: number; readonly read: true; readonly matchValue: number }
  | { readonly port: 'dp' | 'ap'; readonly register: number; readonly read: false; readonly value: number }
  /** Sets the probe's match mask for later value-match reads; writes no register. */
  | { readonly matchMask: number };

/** Request-byte bits (DAP.h DAP_TRANSFER_*). */
export const TRANSFER_REQUEST = { APnDP: 1 << 0, RnW: 1 << 1, A2: 1 << 2, A3: 1 << 3, MATCH_VALUE: 1 << 4, MATCH_MASK: 1 << 5 } as const;

export function transferRequestByte(request: TransferRequest): number {
  if ('matchMask' in request) return TRANSFER_REQUEST.MATCH_MASK;
  if ((request.register & ~0xc) !== 0) throw badRequest(`SWD register 0x${request.register.toString(16)} is not 0x0/0x4/0x8/0xC`);
  let byte = request.register & 0xc;
  if (request.port === 'ap') byte |= TRANSFER_REQUEST.APnDP;
  if (request.read) {
    byte |= TRANSFER_REQUEST.RnW;
    if (request.matchValue !== undefined) byte |= TRANSFER_REQUEST.MATCH_VALUE;
  }
  return byte;
}

/** True when the transfer carries a WORD in the request (writes, match values, match masks). */
export function requestHasData(request: TransferRequest): boolean {
  return 'matchMask' in request || !request.read || request.matchValue !== undefined;
}

/** True when the response carries a WORD for this transfer (plain reads). */
export function responseHasData(request: TransferRequest): boolean {
  return !('matchMask' in request) && request.read && request.matchValue === undefined;
}

/** Request bytes of `requests` as one DAP_Transfer: 3 + 1 per transfer + 4 per data word. */
export function transferRequestBytes(requests: readonly TransferRequest[]): number {
  let n = 3;
  for (const r of requests) n += requestHasData(r) ? 5 : 1;
  return n;
}

/** Response bytes: 3 + 4 per plain read. */
export function transferResponseBytes(requests: readonly TransferRequest[]): number {
  let n = 3;
  for (const r of requests) if (responseHasData(r)) n += 4;
  return n;
}

/** `[0x05, dapIndex, count, (request [+ WORD])…]`. */
export function encodeTransfer(requests: readonly TransferRequest[], dapIndex = 0): Uint8Array {
  if (requests.length < 1 || requests.length > 255) throw badRequest(`DAP_Transfer of ${requests.length} transfers (1..255)`);
  const out = new Uint8Array(transferRequestBytes(requests));
  out[0] = DAP_CMD.TRANSFER;
  out[1] = dapIndex;
  out[2] = requests.length;
  let at = 3;
  for (const r of requests) {
    out[at++] = transferRequestByte(r);
    if ('matchMask' in r) {
      putU32(out, at, r.matchMask >>> 0);
      at += 4;
    } else if (!r.read) {
      putU32(out, at, r.value >>> 0);
      at += 4;
    } else if (r.matchValue !== undefined) {
      putU32(out, at, r.matchValue >>> 0);
      at += 4;
    }
  }
  return out;
}

export interface TransferResult {
  /** Transfers that completed (the failing one, if any, is not counted). */
  readonly count: number;
  /** The response byte: ACK of the last transfer, protocol-error and mismatch bits. */
  readonly response: number;
  readonly outcome: TransferOutcome;
  /** The read values, in order, of the completed plain reads. */
  readonly reads: readonly number[];
}

/**
 * `[0x05, count, response, WORD per completed plain read]`. The probe stops at the first WAIT
 * (after its retries), FAULT, NO_ACK, protocol error or mismatch; `count` says how far it got.
 * Throws DAP_BAD_RESPONSE when the bytes do not fit `requests`.
 */
export function decodeTransfer(response: Uint8Array, requests: readonly TransferRequest[]): TransferResult {
  expectResponse(response, DAP_CMD.TRANSFER, 3);
  const count = response[1]!;
  const responseByte = response[2]!;
  if (count > requests.length) {
    throw new ImxflashError('DAP_BAD_RESPONSE', `DAP_Transfer reports ${count} transfers done of ${requests.length} sent`, {
      hint: 'Responses are out of step with commands: unplug and replug the probe, then retry.',
      details: { count, sent: requests.length },
    });
  }
  const outcome = transferOutcome(responseByte);
  if (outcome === 'ok' && count !== requests.length) {
    throw new ImxflashError('DAP_BAD_RESPONSE', `DAP_Transfer reports OK after ${count} of ${requests.length} transfers`, {
      hint: 'The probe firmware answered inconsistently: replug it and retry.',
      details: { count, sent: requests.length },
    });
  }
  let reads = 0;
  for (let i = 0; i < count; i++) if (responseHasData(requests[i]!)) reads++;
  expectResponse(response, DAP_CMD.TRANSFER, 3 + 4 * reads);
  const values: number[] = new Array(reads);
  for (let i = 0; i < reads; i++) values[i] = u32le(response, 3 + 4 * i);
  return { count, response: responseByte, outcome, reads: values };
}
