import { describe, expect, it } from 'vitest';
import { newTransportStats, type DapTransport } from '../transport/dap-transport.js';
import { DapConnection } from './dap-connection.js';

/** Echoes each command; records how many were unanswered at most. */
function echoTransport() {
  const queue: Uint8Array[] = [];
  let maxOutstanding = 0;
  const t: DapTransport & { maxOutstanding(): number } = {
    version: 'v2', packetSize: 64, stats: newTransportStats(),
    send: async (c) => { queue.push(c); maxOutstanding = Math.max(maxOutstanding, queue.length); },
    receive: async () => queue.shift()!,
    drain: async () => {}, close: async () => {},
    maxOutstanding: () => maxOutstanding,
  };
  return t;
}

describe('DapConnection', () => {
  it('keeps at most packetCount commands in flight and returns responses in order', async () => {
    const t = echoTransport();
    const c = new DapConnection(t, 3);
    const commands = Array.from({ length: 10 }, (_, i) => Uint8Array.of(i));
    expect((await c.pipeline(commands)).map((r) => r[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(t.maxOutstanding()).toBe(3);
    expect(c.roundTrips).toBe(1);
  });
  it('serialises concurrent callers', async () => {
    const c = new DapConnection(echoTransport(), 1);
    const [a, b] = await Promise.all([c.command(Uint8Array.of(1)), c.command(Uint8Array.of(2))]);
    expect([a![0], b![0]]).toEqual([1, 2]);
  });
});
