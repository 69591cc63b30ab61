import { describe, expect, it } from 'vitest';
import { AhbReadBuffers } from './ahb-read-buffer.js';

describe('AhbReadBuffers', () => {
  it('keeps one line per sized buffer and evicts the least recently used', () => {
    const b = new AhbReadBuffers();
    b.configure([256, 256, 0, 0]);
    expect(b.lineBytes).toBe(256);
    b.insert({ base: 0, data: new Uint8Array(256) });
    b.insert({ base: 256, data: new Uint8Array(256) });
    expect(b.find(10)?.base).toBe(0); // 0 is now the most recent
    b.insert({ base: 512, data: new Uint8Array(256) });
    expect(b.find(300)).toBeUndefined();
    expect(b.find(10)?.base).toBe(0);
    b.invalidate();
    expect(b.find(10)).toBeUndefined();
  });

  it('caches nothing when every BUFSZ is 0', () => {
    const b = new AhbReadBuffers();
    b.configure([0, 0, 0, 0]);
    expect(b.lineBytes).toBe(8);
    b.insert({ base: 0, data: new Uint8Array(8) });
    expect(b.find(0)).toBeUndefined();
  });
});
