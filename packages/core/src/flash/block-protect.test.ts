import { findFlashPart } from '../db/flash-part-lookup.js';
import { describe, expect, it } from 'vitest';
import { blockProtectMask, protectedRangesFor } from './block-protect.js';

describe('block-protect bits', () => {
  const issi = findFlashPart('is25wp064a');
  const winbond = findFlashPart('w25q64jv');

  it('uses each vendor status-register layout (research/imxrt.md §2.3)', () => {
    expect(blockProtectMask(issi)).toBe(0x3c); // BP0–3 at b5:2
    expect(blockProtectMask(findFlashPart('mx25l6433f'))).toBe(0x3c);
    expect(blockProtectMask(winbond)).toBe(0x1c); // BP0–2 at b4:2; b5 is TB
  });

  it('any BP bit protects the whole array; QE, WEL, WIP and Winbond TB alone do not', () => {
    expect(protectedRangesFor(issi, 0x6000_0000, 0x40 | 0x02 | 0x01)).toEqual([]);
    expect(protectedRangesFor(issi, 0x6000_0000, 0x20)).toEqual([{ address: 0x6000_0000, bytes: issi.sizeBytes }]);
    expect(protectedRangesFor(winbond, 0x6000_0000, 0x20)).toEqual([]);
    expect(protectedRangesFor(winbond, 0x6000_0000, 0x04)).toEqual([{ address: 0x6000_0000, bytes: winbond.sizeBytes }]);
  });

  it('without a part: BP0–2 only (b5 is TB on Winbond), over the size the caller knows', () => {
    expect(blockProtectMask(undefined)).toBe(0x1c);
    expect(protectedRangesFor(undefined, 0x6000_0000, 0x20, 8 << 20)).toEqual([]);
    expect(protectedRangesFor(undefined, 0x6000_0000, 0x08, 8 << 20)).toEqual([{ address: 0x6000_0000, bytes: 8 << 20 }]);
  });
});
