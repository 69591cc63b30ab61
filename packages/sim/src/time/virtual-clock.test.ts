import { describe, expect, it } from 'vitest';
import { VirtualClock } from './virtual-clock.js';

describe('VirtualClock', () => {
  it('starts at 0, advances on sleep without waiting, never goes back', async () => {
    const c = new VirtualClock();
    expect(c.now()).toBe(0);
    await c.sleep(250);
    expect(c.now()).toBe(250);
    c.advanceTo(100);
    expect(c.now()).toBe(250);
    c.advanceTo(300.5);
    expect(c.now()).toBe(300.5);
  });

  it('refuses negative or NaN steps', () => {
    const c = new VirtualClock();
    expect(() => c.advance(-1)).toThrow(RangeError);
    expect(() => c.advance(Number.NaN)).toThrow(RangeError);
  });

  it('is per instance (no shared state)', async () => {
    const a = new VirtualClock();
    const b = new VirtualClock();
    await a.sleep(5);
    expect(b.now()).toBe(0);
  });

  it('runs device work on its own timeline and returns to host time', () => {
    const c = new VirtualClock();
    c.advance(1);
    const seen: number[] = [];
    // The device starts at the packet's arrival, works 5 ms; the host is still at 1 ms afterwards.
    expect(c.runOnDevice(2, () => { seen.push(c.now()); c.advance(5); })).toBe(7);
    expect(c.now()).toBe(1);
    // The next packet arrived at 3 ms but the device is busy until 7: it starts then.
    expect(c.runOnDevice(3, () => { seen.push(c.now()); c.advance(1); })).toBe(8);
    expect(seen).toEqual([2, 7]);
    expect(c.now()).toBe(1);
  });
});
