import { describe, expect, it } from 'vitest';
import { findFlashPart, findFlashPartByJedecId, listFlashParts } from './flash-part-lookup.js';
import { FLASH_PARTS } from './flash-parts/index.js';

describe('findFlashPart', () => {
  it.each([
    ['is25wp064a', 'is25wp064a'],
    ['IS25WP064A', 'is25wp064a'],
    ['IS25WP064AJBLE', 'is25wp064a'],
    ['IS25WP064A-JBLE', 'is25wp064a'],
    ['W25Q64JV-IM', 'w25q64jv-im'],
    ['w25q64jvim', 'w25q64jv-im'],
    ['W25Q64JVSSIQ', 'w25q64jv'],
    ['W25Q128JVSIQ', 'w25q128jv'],
    ['S26KS512SDPBHI020', 's26ks512s'],
  ])('%s → %s', (name, id) => {
    expect(findFlashPart(name).id).toBe(id);
  });

  it.each(['mt25ql256', '', 'is25wp06'])('rejects %j with FLASH_PART_UNKNOWN and the known ids', (name) => {
    expect(() => findFlashPart(name)).toThrowError(
      expect.objectContaining({ code: 'FLASH_PART_UNKNOWN', hint: expect.stringContaining('is25wp064a, is25lp064a') }),
    );
  });

  it('lists every part', () => {
    expect(listFlashParts()).toBe(FLASH_PARTS);
  });
});

describe('findFlashPartByJedecId', () => {
  it('finds parts by the 0x9F bytes', () => {
    expect(findFlashPartByJedecId([0x9d, 0x70, 0x17])?.id).toBe('is25wp064a');
    expect(findFlashPartByJedecId([0xef, 0x70, 0x17])?.id).toBe('w25q64jv-im');
    expect(findFlashPartByJedecId([0xef, 0x40, 0x17, 0x00])?.id).toBe('w25q64jv');
  });

  it('returns undefined for unknown or short IDs', () => {
    expect(findFlashPartByJedecId([0x20, 0xba, 0x19])).toBeUndefined();
    expect(findFlashPartByJedecId([0x9d, 0x70])).toBeUndefined();
    expect(findFlashPartByJedecId([0xff, 0xff, 0xff])).toBeUndefined();
  });
});
