import { describe, expect, it } from 'vitest';
import { LinkFaults, type LinkDecision } from './link-faults.js';
import { SeededRandom } from './seeded-random.js';

const packet = (n: number, fill = 0x55): Uint8Array => new Uint8Array(n).fill(fill);

describe('LinkFaults', () => {
  it('passes everything when nothing is planned', () => {
    const link = new LinkFaults();
    expect(link.onPacket('to-device', packet(64))).toBe('pass');
    expect(link.onPacket('to-host', packet(64))).toBe('pass');
    expect([link.packetCount, link.byteCount, link.events]).toEqual([2, 128, []]);
  });

  it('drops the n-th packet from now, counting both directions', () => {
    const link = new LinkFaults();
    link.onPacket('to-device', packet(4));
    link.dropPacket(2);
    expect(link.onPacket('to-device', packet(4))).toBe('pass');
    expect(link.onPacket('to-host', packet(4))).toBe('drop');
    expect(link.onPacket('to-host', packet(4))).toBe('pass');
    expect(link.events).toEqual([{ packet: 3, direction: 'to-host', decision: 'drop' }]);
    expect(link.byteCount).toBe(12); // the dropped packet never arrived
  });

  it('counts only one direction when the fault is scoped to it', () => {
    const link = new LinkFaults();
    link.dropPacket(2, { direction: 'to-host' });
    const decisions = ['to-device', 'to-host', 'to-device', 'to-host', 'to-host'].map((d) => link.onPacket(d as 'to-host', packet(1)));
    expect(decisions).toEqual(['pass', 'pass', 'pass', 'drop', 'pass']);
  });

  it('corrupts one byte of a copy (XOR 0xFF): the given index, by default the middle, clamped to the last', () => {
    const link = new LinkFaults();
    link.corruptPacket(1, 0);
    link.corruptPacket(2);
    link.corruptPacket(3, 99);
    const original = Uint8Array.of(1, 2, 3, 4, 5);
    expect(link.onPacket('to-device', original)).toEqual({ corrupt: Uint8Array.of(0xfe, 2, 3, 4, 5) });
    expect(link.onPacket('to-device', original)).toEqual({ corrupt: Uint8Array.of(1, 2, 0xfc, 4, 5) });
    expect(link.onPacket('to-device', original)).toEqual({ corrupt: Uint8Array.of(1, 2, 3, 4, 0xfa) });
    expect(original).toEqual(Uint8Array.of(1, 2, 3, 4, 5));
    expect(link.onPacket('to-device', original)).toBe('pass');
    expect(link.events.map((e) => e.decision)).toEqual(['corrupt', 'corrupt', 'corrupt']);
  });

  it('drop wins over corruption planned for the same packet', () => {
    const link = new LinkFaults();
    link.corruptPacket(1);
    link.dropPacket(1);
    expect(link.onPacket('to-device', packet(8))).toBe('drop');
    expect(link.onPacket('to-device', packet(8))).toBe('pass');
  });

  it('disconnects at the packet that would cross the byte budget, and stays down until reconnect', () => {
    const link = new LinkFaults();
    link.onPacket('to-device', packet(10));
    link.disconnectAfterBytes(100);
    expect(link.onPacket('to-device', packet(64))).toBe('pass');
    expect(link.onPacket('to-host', packet(36))).toBe('pass'); // exactly 100
    expect(link.onPacket('to-device', packet(1))).toBe('disconnect');
    expect(link.disconnected).toBe(true);
    expect(link.onPacket('to-host', packet(0))).toBe('disconnect');
    expect(link.byteCount).toBe(110);
    link.reconnect();
    expect(link.onPacket('to-device', packet(1))).toBe('pass');
  });

  it('disconnectAfterBytes(0) takes the link down at the next packet', () => {
    const link = new LinkFaults();
    link.disconnectAfterBytes(0);
    expect(link.onPacket('to-device', packet(1))).toBe('disconnect');
  });

  it('UART noise flips single bits at about the given rate, the same way for the same seed', () => {
    const run = (seed: number): LinkDecision[] => {
      const link = new LinkFaults();
      link.uartNoise(0.01, seed);
      return Array.from({ length: 100 }, () => link.onPacket('to-host', packet(100, 0)));
    };
    const a = run(42);
    expect(run(42)).toEqual(a);
    expect(run(43)).not.toEqual(a);
    let flipped = 0;
    for (const d of a) {
      if (typeof d === 'string') continue;
      for (const b of d.corrupt) {
        if (b === 0) continue;
        expect(b & (b - 1)).toBe(0); // exactly one bit
        flipped += 1;
      }
    }
    expect(flipped).toBeGreaterThan(60); // 10 000 bytes × 1 %
    expect(flipped).toBeLessThan(140);
  });

  it('UART noise can be scoped to one direction and switched off with probability 0', () => {
    const link = new LinkFaults();
    link.uartNoise(1, 7, { direction: 'to-device' });
    expect(link.onPacket('to-host', packet(4))).toBe('pass');
    expect(link.onPacket('to-device', packet(4))).not.toBe('pass');
    link.uartNoise(0, 7);
    expect(link.onPacket('to-device', packet(4))).toBe('pass');
  });

  it('rejects meaningless plans', () => {
    const link = new LinkFaults();
    expect(() => link.dropPacket(0)).toThrow(RangeError);
    expect(() => link.corruptPacket(1, -1)).toThrow(RangeError);
    expect(() => link.disconnectAfterBytes(-5)).toThrow(RangeError);
    expect(() => link.uartNoise(1.5, 1)).toThrow(RangeError);
  });
});

describe('SeededRandom', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = new SeededRandom(1);
    const b = new SeededRandom(1);
    const values = Array.from({ length: 1000 }, () => a.next());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBe(1000);
  });
});
