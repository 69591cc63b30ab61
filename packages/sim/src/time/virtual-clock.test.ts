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
});
