import { DAP_CMD } from '../dap-command-id.js';
import { badRequest, expectResponse, putU16, putU32, u16le, u32le } from '../dap-response.js';
import { transferOutcome, type TransferOutcome } from '../transfer-ack.js';
import { transferRequestByte } from './transfer.js';

/** Words per DAP_TransferBlock that fit a packet (pyOCD: writes (pkt − 5)/4, reads (pkt − 4)/4; §1.4). */
export function blockWordsPerPacket(packetSize: number, direction: 'read' | 'write'): number {
  return Math.floor((packetSize - (direction === 'write' ? 5 : 4)) / 4);
}

/** `[0x06, dapIndex, count:SHORT, request, WORD × count (writes)]`: repeated access to one DP/AP register. */
export function encodeTransferBlockWrite(port: 'dp' | 'ap', register: number, words: ArrayLike<number>, dapIndex = 0): Uint8Array {
  const count = words.length;
  if (count < 1 || count > 0xffff) throw badRequest(`DAP_TransferBlock of ${count} words (1..65535)`);
  const out = new Uint8Array(5 + 4 * count);
  out[0] = DAP_CMD.TRANSFER_BLOCK;
  out[1] = dapIndex;
  putU16(out, 2, count);
  out[4] = transferRequestByte({ port, register, read: false, value: 0 });
  for (let i = 0; i < count; i++) putU32(out, 5 + 4 * i, (words[i] as number) >>> 0);
  return out;
}

/** `[0x06, dapIndex, count:SHORT, request]`: `count` reads of one register. */
export function encodeTransferBlockRead(port: 'dp' | 'ap', register: number, count: number, dapIndex = 0): Uint8Array {
  if (!Number.isInteger(count) || count < 1 || count > 0xffff) throw badRequest(`DAP_TransferBlock of ${count} words (1..65535)`);
  const out = new Uint8Array(5);
  out[0] = DAP_CMD.TRANSFER_BLOCK;
  out[1] = dapIndex;
  putU16(out, 2, count);
  out[4] = transferRequestByte({ port, register, read: true });
  return out;
}

export interface TransferBlockResult {
  readonly count: number;
  readonly response: number;
  readonly outcome: TransferOutcome;
  /** Read data of the completed transfers (empty for writes). */
  readonly words: Uint32Array;
}

/** `[0x06, count:SHORT, response, WORD × count (reads)]`. */
export function decodeTransferBlock(response: Uint8Array, direction: 'read' | 'write'): TransferBlockResult {
  expectResponse(response, DAP_CMD.TRANSFER_BLOCK, 4);
  const count = u16le(response, 1);
  const responseByte = response[3]!;
  const outcome = transferOutcome(responseByte);
  if (direction === 'write') return { count, response: responseByte, outcome, words: new Uint32Array(0) };
  expectResponse(response, DAP_CMD.TRANSFER_BLOCK, 4 + 4 * count);
  const words = new Uint32Array(count);
  for (let i = 0; i < count; i++) words[i] = u32le(response, 4 + 4 * i);
  return { count, response: responseByte, outcome, words };
}
