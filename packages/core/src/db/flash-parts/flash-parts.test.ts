import { describe, expect, it } from 'vitest';
import { FLASH_PARTS, gd25q64c, is25wp064a, is25wp256, mx25l6433f, s26ks512s, w25q256jv, w25q64jv, w25q64jvIm } from './index.js';

const isPowerOfTwo = (n: number): boolean => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

describe('flash-part database: golden facts (research/imxrt.md §2)', () => {
  it('IS25WP064A: 9D 70 17, QE SR1 bit 6 by WRSR, 0xEB with DUMMY 6 (§2.1, §3.3(a))', () => {
    expect(is25wp064a.jedecId).toEqual([0x9d, 0x70, 0x17]);
    expect(is25wp064a.quadEnable).toEqual({ register: 'sr1', bit: 6, write: 'wrsr-1-byte' });
    expect(is25wp064a.quadRead.opcode).toBe(0xeb);
    // The golden FCB's LUT word 0x26043206 is DUMMY_SDR 4-pad 6: mode and dummy clocks together.
    expect(is25wp064a.quadRead.modeClocks + is25wp064a.quadRead.dummyClocks).toBe(6);
    expect(is25wp064a.maxClockMhz).toEqual({ read: 50, fastRead: 133 });
    expect(is25wp064a.quirks).toContain('opcode-0x35-enters-qpi');
  });

  it('Winbond: QE is SR2 bit 1 written with 0x31; -IQ and -IM differ in ID and factory QE', () => {
    expect(w25q64jv.quadEnable).toEqual({ register: 'sr2', bit: 1, write: 'wrsr2-0x31' });
    expect(w25q64jv.jedecId).toEqual([0xef, 0x40, 0x17]);
    expect(w25q64jvIm.jedecId).toEqual([0xef, 0x70, 0x17]);
    expect(w25q64jv.quadEnableFactorySet).toBe(true);
    expect(w25q64jvIm.quadEnableFactorySet).toBe(false);
  });

  it('256 Mbit parts use 4-byte addresses and the 4-byte opcodes (§2.1, §2.2)', () => {
    for (const p of [is25wp256, w25q256jv]) {
      expect(p.addressBytes).toBe(4);
      expect(p.opcodes).toMatchObject({ read: 0x13, fastRead: 0x0c, pageProgram: 0x12, quadPageProgram: 0x34 });
      expect(p.eraseUnits).toEqual([{ bytes: 4096, opcode: 0x21 }, { bytes: 65536, opcode: 0xdc }]);
      expect(p.quadRead.opcode).toBe(0xec);
    }
    expect(is25wp256.quirks).toContain('sfdp-address-bytes-wrong');
  });

  it('Macronix programs quad with 0x38 (1-4-4); GigaDevice sets QE with 0x31', () => {
    expect(mx25l6433f.opcodes).toMatchObject({ quadPageProgram: 0x38, quadPageProgramPads: '1-4-4' });
    expect(mx25l6433f.quadEnable).toEqual({ register: 'sr1', bit: 6, write: 'wrsr-1-byte' });
    expect(gd25q64c.quadEnable).toEqual({ register: 'sr2', bit: 1, write: 'wrsr2-0x31' });
  });

  it('carries the NXP flashloader option words (§2.7)', () => {
    expect(is25wp064a.flashloaderOption).toBe(0xc0000007);
    expect(w25q64jv.flashloaderOption).toBe(0xc0000207);
    expect(gd25q64c.flashloaderOption).toBe(0xc0000406);
    expect(s26ks512s.flashloaderOption).toBe(0xc0233007);
  });

  it('S26KS512S: HyperFlash, 512-byte pages, 256 KiB sectors, busy when bit 15 is 0 (§2.5, §3.3(c))', () => {
    expect(s26ks512s).toMatchObject({
      interface: 'hyperflash', jedecId: null, sizeBytes: 64 << 20, pageBytes: 512, sectorBytes: 256 << 10, blockBytes: 256 << 10,
      busy: { bit: 15, busyWhen: 0 }, opcodes: null, quadRead: null, quadEnable: null,
    });
    expect(s26ks512s.quirks).toContain('word-addressed');
  });
});

describe('flash-part database: every entry is consistent', () => {
  it('has unique lower-case ids and unique JEDEC IDs', () => {
    const ids = FLASH_PARTS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
    const jedec = FLASH_PARTS.flatMap((p) => (p.jedecId ? [p.jedecId.join(',')] : []));
    expect(new Set(jedec).size).toBe(jedec.length);
  });

  for (const p of FLASH_PARTS) {
    describe(p.id, () => {
      it('names its source', () => {
        expect(p.source).toMatch(/research\/imxrt\.md §2/);
      });

      it('has power-of-two geometry with page | sector ≤ block ≤ size', () => {
        for (const n of [p.sizeBytes, p.pageBytes, p.sectorBytes, p.blockBytes]) expect(isPowerOfTwo(n)).toBe(true);
        expect(p.sectorBytes % p.pageBytes).toBe(0);
        expect(p.sectorBytes).toBeLessThanOrEqual(p.blockBytes);
        expect(p.blockBytes).toBeLessThanOrEqual(p.sizeBytes);
      });

      it('lists erase units smallest first, from the sector to the block, each timed', () => {
        const sizes = p.eraseUnits.map((u) => u.bytes);
        expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
        expect(new Set(sizes).size).toBe(sizes.length);
        expect(sizes[0]).toBe(p.sectorBytes);
        expect(sizes).toContain(p.blockBytes);
        for (const u of p.eraseUnits) {
          expect(isPowerOfTwo(u.bytes)).toBe(true);
          expect(u.opcode).toBeGreaterThanOrEqual(0);
          expect(u.opcode).toBeLessThanOrEqual(0xff);
          const t = p.timing.eraseMs[u.bytes];
          expect(t && t.typ > 0 && t.typ <= t.max).toBe(true);
        }
      });

      it('addresses with 4 bytes exactly when it is larger than 16 MiB', () => {
        expect(p.addressBytes === 4).toBe(p.sizeBytes > 16 << 20);
      });

      it('has the fields its interface needs', () => {
        if (p.interface === 'spi-nor') {
          expect(p.jedecId).toHaveLength(3);
          expect(p.opcodes).not.toBeNull();
          expect(p.quadRead).not.toBeNull();
          // A quad read needs QE set: by the tools, or from the factory.
          expect(p.quadEnable !== null || p.quadEnableFactorySet).toBe(true);
          expect(p.busy).toEqual({ bit: 0, busyWhen: 1 });
          expect(p.opcodes?.quadPageProgram === null).toBe(p.opcodes?.quadPageProgramPads === null);
        } else {
          expect(p.jedecId).toBeNull();
          expect(p.opcodes).toBeNull();
        }
      });

      it('has plausible clocks, times and option word', () => {
        expect(p.maxClockMhz.read).toBeGreaterThan(0);
        expect(p.maxClockMhz.read).toBeLessThanOrEqual(p.maxClockMhz.fastRead);
        expect(p.timing.pageProgramUs.typ).toBeLessThanOrEqual(p.timing.pageProgramUs.max);
        expect(p.timing.chipEraseMs.typ).toBeLessThanOrEqual(p.timing.chipEraseMs.max);
        expect(p.flashloaderOption >>> 28).toBe(0xc);
        expect(p.unverified?.length).toBeGreaterThan(0);
      });
    });
  }
});
