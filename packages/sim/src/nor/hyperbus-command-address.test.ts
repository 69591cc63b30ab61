import { describe, expect, it } from 'vitest';
import { decodeHyperBusCa, encodeHyperBusCa } from './hyperbus-command-address.js';

describe('HyperBus command-address', () => {
  it('decodes the SDK unlock-cycle CAs to word 0x555 and 0x2AA (research/imxrt.md §2.5)', () => {
    expect(decodeHyperBusCa(Uint8Array.of(0x00, 0x00, 0x00, 0xaa, 0x00, 0x05)))
      .toEqual({ read: false, registerSpace: false, linearBurst: false, wordAddress: 0x555 });
    expect(decodeHyperBusCa(Uint8Array.of(0x00, 0x00, 0x00, 0x55, 0x00, 0x02)).wordAddress).toBe(0x2aa);
  });

  it('decodes the FCB read command 0xA0 as a linear memory read (research/imxrt.md §3.3(c))', () => {
    expect(decodeHyperBusCa(Uint8Array.of(0xa0, 0x01, 0x23, 0x45, 0x00, 0x06)))
      .toEqual({ read: true, registerSpace: false, linearBurst: true, wordAddress: 0x012345 * 8 + 6 });
  });

  it('round-trips every field', () => {
    for (const wordAddress of [0, 7, 8, 0x555, 0x1ff_ffff, 0xffff_ffff]) {
      for (const flags of [0, 1, 2, 4, 7]) {
        const ca = { read: (flags & 1) !== 0, registerSpace: (flags & 2) !== 0, linearBurst: (flags & 4) !== 0, wordAddress };
        expect(decodeHyperBusCa(encodeHyperBusCa(ca))).toEqual(ca);
      }
    }
  });

  it('refuses a short CA', () => {
    expect(() => decodeHyperBusCa(new Uint8Array(5))).toThrow(RangeError);
  });
});
