import { findFlashPart } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { buildSpiNorCommandTable, threeByteOpcode } from './spi-nor-commands.js';

const opcodes = (id: string): number[] =>
  buildSpiNorCommandTable(findFlashPart(id)).flatMap((c) => (c === undefined ? [] : [c.opcode]));

describe('buildSpiNorCommandTable', () => {
  it('IS25WP064A: the research §2.2 set, 0x35 = enter QPI, no 4-byte commands', () => {
    const t = buildSpiNorCommandTable(findFlashPart('is25wp064a'));
    expect(opcodes('is25wp064a').map((o) => o.toString(16)).sort()).toEqual(
      [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0b, 0x20, 0x32, 0x35, 0x52, 0x5a, 0x60, 0x66, 0x6b, 0x99, 0x9f, 0xab, 0xb9, 0xc7, 0xd8, 0xeb, 0xf5]
        .map((o) => o.toString(16)).sort(),
    );
    expect(t[0x35]?.kind).toBe('enter-qpi');
    expect(t[0xeb]).toMatchObject({ kind: 'read-array', address: 'mode', addressPads: 4, dataPads: 4, waitClocks: 6 });
    expect(t[0x6b]).toMatchObject({ addressPads: 1, dataPads: 4, waitClocks: 8 });
    expect(t[0x0b]).toMatchObject({ waitClocks: 8, dataPads: 1 });
    expect(t[0x5a]).toMatchObject({ kind: 'read-sfdp', address: 3, waitClocks: 8 });
    expect(t[0x32]).toMatchObject({ kind: 'page-program', addressPads: 1, dataPads: 4 });
    expect(t[0x52]).toMatchObject({ kind: 'erase', eraseBytes: 32768 });
  });

  it('W25Q64JV: SR2 via 0x35 / 0x31', () => {
    const t = buildSpiNorCommandTable(findFlashPart('w25q64jv'));
    expect(t[0x35]?.kind).toBe('read-status-2');
    expect(t[0x31]?.kind).toBe('write-status-2');
    expect(t[0xf5]).toBeUndefined();
  });

  it('MX25L6433F: quad program 0x38 is 1-4-4', () => {
    expect(buildSpiNorCommandTable(findFlashPart('mx25l6433f'))[0x38]).toMatchObject({ kind: 'page-program', addressPads: 4, dataPads: 4 });
  });

  it('W25Q256JV: 4-byte opcodes take 4 address bytes; their 3-byte twins follow the address mode', () => {
    const t = buildSpiNorCommandTable(findFlashPart('w25q256jv'));
    for (const [four, three, kind] of [[0x13, 0x03, 'read-array'], [0x0c, 0x0b, 'read-array'], [0xec, 0xeb, 'read-array'],
      [0x6c, 0x6b, 'read-array'], [0x12, 0x02, 'page-program'], [0x34, 0x32, 'page-program'], [0x21, 0x20, 'erase'], [0xdc, 0xd8, 'erase']] as const) {
      expect(t[four]).toMatchObject({ kind, address: 4 });
      expect(t[three]).toMatchObject({ kind, address: 'mode' });
      expect(threeByteOpcode(four)).toBe(three);
    }
    expect(t[0xb7]?.kind).toBe('enter-4-byte-mode');
    expect(t[0xe9]?.kind).toBe('exit-4-byte-mode');
  });

  it('refuses a HyperFlash part', () => {
    expect(() => buildSpiNorCommandTable(findFlashPart('s26ks512s'))).toThrow(RangeError);
  });
});
