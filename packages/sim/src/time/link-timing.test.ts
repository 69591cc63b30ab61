import { describe, expect, it } from 'vitest';
import { bulkTiming, hidTiming, swdTiming, uartTiming } from './link-timing.js';

describe('link timing (USB 2.0 §5.7.3/§5.8.3, UART 8N1, ADIv5 SWD)', () => {
  it('full-speed HID moves one 64-byte report per 1 ms frame', () => {
    const t = hidTiming('full');
    expect(t.transferMs(64)).toBe(1);
    expect(t.transferMs(65)).toBe(2);
    expect(t.transferMs(1024)).toBe(16);
    expect(t.transferMs(0)).toBe(1); // an empty report still takes a frame
  });

  it('high-speed HID moves one 1024-byte report per 125 µs microframe', () => {
    const t = hidTiming('high');
    expect(t.transferMs(1024)).toBe(0.125);
    expect(t.transferMs(1025)).toBe(0.25);
    expect(t.transferMs(1 << 20)).toBe(128);
  });

  it('high-speed bulk moves up to 13 × 512 bytes per microframe', () => {
    const t = bulkTiming();
    expect(t.transferMs(512)).toBe(0.125);
    expect(t.transferMs(13 * 512)).toBe(0.125);
    expect(t.transferMs(13 * 512 + 1)).toBe(0.25);
  });

  it('UART takes 10 bit times per byte', () => {
    expect(uartTiming(115200).transferMs(11520)).toBeCloseTo(1000, 9);
  });

  it('SWD takes 46 bits per 32-bit access', () => {
    expect(swdTiming(1_000_000).transferMs(1000)).toBeCloseTo(46, 9);
  });
});
