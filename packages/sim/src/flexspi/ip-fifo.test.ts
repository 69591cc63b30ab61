import { describe, expect, it } from 'vitest';
import { IpRxFifo, IpTxFifo } from './ip-fifo.js';

describe('IP FIFOs (research/imxrt.md §1.2, §1.4)', () => {
  it('TX: pushes watermark blocks from the TFDR window and drains from the front', () => {
    const tx = new IpTxFifo(128);
    tx.writeWindow(0, 0x04030201);
    tx.writeWindow(1, 0x08070605);
    expect(tx.push(8)).toBe(true);
    tx.writeWindow(0, 0x0c0b0a09);
    expect(tx.push(8)).toBe(true);
    const dest = new Uint8Array(12);
    expect(tx.take(dest, 0)).toBe(12);
    expect(Array.from(dest)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(tx.fill).toBe(4);
  });

  it('TX: refuses a push without room for a whole block', () => {
    const tx = new IpTxFifo(128);
    expect(tx.push(128)).toBe(true);
    expect(tx.hasRoomFor(8)).toBe(false);
    expect(tx.push(8)).toBe(false);
    expect(tx.fill).toBe(128);
  });

  it('RX: shows the front block in the window and pops a watermark (or what is left)', () => {
    const rx = new IpRxFifo(128);
    expect(rx.put(Uint8Array.from({ length: 200 }, (_, i) => i))).toBe(128);
    expect(rx.readWindow(0)).toBe(0x03020100);
    rx.pop(64);
    expect(rx.readWindow(0)).toBe(0x43424140);
    expect(rx.fill).toBe(64);
    rx.pop(128);
    expect(rx.fill).toBe(0);
  });
});
