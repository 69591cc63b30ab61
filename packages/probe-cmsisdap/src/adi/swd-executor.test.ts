import { describe, expect, it } from 'vitest';
import type { TransferRequest } from '../dap/commands/transfer.js';
import { DapConnection } from '../dap/dap-connection.js';
import { newTransportStats } from '../transport/dap-transport.js';
import { SwdExecutor } from './swd-executor.js';

const executor = (packetSize: number) =>
  new SwdExecutor(new DapConnection({ version: 'v1', packetSize, stats: newTransportStats(), send: async () => {}, receive: async () => new Uint8Array(0), drain: async () => {}, close: async () => {} }), () => {});
const write: TransferRequest = { port: 'ap', register: 0xc, read: false, value: 1 };
const read: TransferRequest = { port: 'ap', register: 0xc, read: true };

describe('SwdExecutor packing (research/cmsisdap.md §1.4)', () => {
  it('fills 64-byte requests: 12 writes (3 + 12 × 5 = 63)', () => {
    expect(executor(64).pack(Array(30).fill(write)).map((g) => g.length)).toEqual([12, 12, 6]);
  });
  it('fills 64-byte responses: 15 reads (3 + 15 × 4 = 63)', () => {
    expect(executor(64).pack(Array(40).fill(read)).map((g) => g.length)).toEqual([15, 15, 10]);
  });
  it('caps a packet at 255 transfers', () => {
    expect(executor(1024).pack(Array(300).fill({ matchMask: 1 } as TransferRequest).map(() => read)).map((g) => g.length)).toEqual([255, 45]);
  });
});
