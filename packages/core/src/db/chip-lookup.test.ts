import { describe, expect, it } from 'vitest';
import { findChip, listChips } from './chip-lookup.js';
import { CHIPS } from './chips/index.js';

describe('findChip', () => {
  it.each([
    ['MIMXRT1052', 'rt1050'],
    ['imxrt1052', 'rt1050'],
    ['rt1052', 'rt1050'],
    ['RT1050', 'rt1050'],
    ['i.MX RT1052', 'rt1050'],
    ['MIMXRT1052DVL6B', 'rt1050'],
    ['MIMXRT1062DVJ6A', 'rt1060'],
    ['rt1064', 'rt1064'],
    ['MIMXRT1176DVMAA', 'rt1170'],
    ['rt1166', 'rt1170'],
    ['RT1021', 'rt1020'],
    ['mimxrt1011', 'rt1010'],
  ])('%s → %s', (name, id) => {
    expect(findChip(name).id).toBe(id);
  });

  it.each(['rt1180', 'rt10521', 'stm32f4', '', 'rt'])('rejects %j with CHIP_UNKNOWN and the known ids', (name) => {
    expect(() => findChip(name)).toThrowError(
      expect.objectContaining({ code: 'CHIP_UNKNOWN', hint: expect.stringContaining('rt1050, rt1060') }),
    );
  });

  it('lists every chip', () => {
    expect(listChips()).toBe(CHIPS);
    expect(listChips().map((c) => c.id)).toEqual(['rt1010', 'rt1015', 'rt1020', 'rt1024', 'rt1040', 'rt1050', 'rt1060', 'rt1064', 'rt1170']);
  });
});
