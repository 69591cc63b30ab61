import { describe, expect, it } from 'vitest';
import { FLASH_PARTS, is25wp064a, s26ks512s, w25q256jv } from '../db/flash-parts/index.js';
import { encodeSfdp } from './encode-sfdp.js';
import { parseSfdp } from './parse-sfdp.js';
import { sfdpToFlashPart } from './sfdp-to-flash-part.js';

const SPI_NOR_PARTS = FLASH_PARTS.filter((p) => p.interface === 'spi-nor');

describe('encodeSfdp', () => {
  it('writes the JESD216B header and one 16-dword BFPT header (research/imxrt.md §2.6)', () => {
    const img = encodeSfdp(is25wp064a);
    expect(img.length).toBe(16 + 64);
    expect(Array.from(img.subarray(0, 16))).toEqual([
      0x53, 0x46, 0x44, 0x50, 6, 1, 0, 0xff, // "SFDP", rev 1.6, 1 header
      0x00, 6, 1, 16, 0x10, 0, 0, 0xff, // ID 0xFF00 v1.6, 16 dwords at 0x10
    ]);
    const dw = (n: number) => new DataView(img.buffer).getUint32(16 + (n - 1) * 4, true);
    expect(dw(2)).toBe(64 * 1024 * 1024 - 1); // 64 Mbit
    expect(dw(3) & 0xffff).toBe(0xeb44); // 1-4-4: 0xEB, 2 mode, 4 dummy
    expect((dw(15) >>> 20) & 7).toBe(2); // QER 2: SR1 bit 6
  });

  it('writes the 3-byte opcodes of a 4-byte part, as a real BFPT does', () => {
    const b = parseSfdp(encodeSfdp(w25q256jv)).basic;
    expect(b.eraseTypes.map((e) => e.opcode)).toEqual([0x20, 0xd8]);
    expect(b.fastReads.find((r) => r.pads === '1-4-4')?.opcode).toBe(0xeb);
    expect(b.addressModes).toBe('3-or-4');
  });

  it('refuses HyperFlash, which has no SFDP', () => {
    expect(() => encodeSfdp(s26ks512s)).toThrowError(expect.objectContaining({ code: 'SFDP_UNSUPPORTED' }));
  });
});

describe('sfdpToFlashPart(parseSfdp(encodeSfdp(part))) agrees with the database', () => {
  for (const part of SPI_NOR_PARTS) {
    it(part.id, () => {
      const back = sfdpToFlashPart(parseSfdp(encodeSfdp(part)), part.jedecId);
      expect(back).toMatchObject({
        sizeBytes: part.sizeBytes,
        pageBytes: part.pageBytes,
        sectorBytes: part.sectorBytes,
        blockBytes: part.blockBytes,
        eraseUnits: part.eraseUnits,
        addressBytes: part.addressBytes,
        quadRead: part.quadRead,
        quadEnable: part.quadEnable,
        vendor: part.vendor,
        jedecId: part.jedecId,
      });
      expect(back.opcodes).toMatchObject({
        read: part.opcodes?.read,
        fastRead: part.opcodes?.fastRead,
        pageProgram: part.opcodes?.pageProgram,
        readStatus: part.opcodes?.readStatus,
        writeEnable: part.opcodes?.writeEnable,
      });
      // Times come back rounded up to what DW10/DW11 can say, never below the database's typical.
      for (const u of part.eraseUnits) {
        const typ = part.timing.eraseMs[u.bytes]!.typ;
        expect(back.timing.eraseMs[u.bytes]!.typ).toBeGreaterThanOrEqual(typ);
        expect(back.timing.eraseMs[u.bytes]!.typ).toBeLessThan(typ * 2);
      }
      expect(back.timing.pageProgramUs.typ).toBeGreaterThanOrEqual(part.timing.pageProgramUs.typ);
      expect(back.timing.chipEraseMs.typ).toBeGreaterThanOrEqual(part.timing.chipEraseMs.typ);
    });
  }
});

describe('sfdpToFlashPart', () => {
  it('names the part by its JEDEC ID and lists what SFDP could not say', () => {
    const p = sfdpToFlashPart(parseSfdp(encodeSfdp(is25wp064a)), [0x9d, 0x70, 0x17]);
    expect(p).toMatchObject({
      id: 'sfdp-9d7017',
      name: 'SFDP-described part',
      vendor: 'ISSI',
      interface: 'spi-nor',
      voltage: '3V',
      maxClockMhz: { read: 30, fastRead: 100 },
      flashloaderOption: 0xc0000005,
      quadEnableFactorySet: false,
      busy: { bit: 0, busyWhen: 1 },
    });
    expect(p.source).toContain('JEDEC ID 9D 70 17');
    expect(p.unverified).toEqual(expect.arrayContaining([expect.stringMatching(/^maxClockMhz/), expect.stringMatching(/^voltage/), expect.stringMatching(/^flashloaderOption/)]));
  });

  it('takes clocks, voltage and option word from the caller', () => {
    const p = sfdpToFlashPart(parseSfdp(encodeSfdp(is25wp064a)), null, {
      maxClockMhz: { read: 50, fastRead: 133 }, voltage: '1.8V', flashloaderOption: 0xc0000007,
    });
    expect(p).toMatchObject({ id: 'sfdp-unknown', vendor: 'unknown', maxClockMhz: { read: 50, fastRead: 133 }, voltage: '1.8V', flashloaderOption: 0xc0000007 });
    expect(p.unverified?.some((u) => /^(maxClockMhz|voltage|flashloaderOption)/.test(u))).toBe(false);
  });

  it('uses 4-byte opcodes above 16 MiB even when the BFPT says 3-byte only (IS25xP256, LINUX)', () => {
    const img = encodeSfdp(w25q256jv);
    const v = new DataView(img.buffer);
    v.setUint32(16, v.getUint32(16, true) & ~(0b11 << 17), true); // DW1 address bytes := "3 only"
    // Add a 32 KiB erase type (0x52) as type 3 (DW9): it has no known 4-byte form.
    v.setUint32(16 + 8 * 4, 15 | (0x52 << 8), true);
    const p = sfdpToFlashPart(parseSfdp(img), [0xef, 0x40, 0x19]);
    expect(p.addressBytes).toBe(4);
    expect(p.opcodes).toMatchObject({ read: 0x13, fastRead: 0x0c, pageProgram: 0x12 });
    expect(p.quadRead?.opcode).toBe(0xec);
    expect(p.eraseUnits.map((u) => u.opcode)).toEqual([0x21, 0xdc]);
    expect(p.unverified).toEqual(expect.arrayContaining([expect.stringMatching(/BFPT says 3-byte only/), expect.stringMatching(/32768-byte erase \(0x52\) left out/)]));
  });

  it('takes the QE method from the options for a JESD216 rev 0 table', () => {
    const img = encodeSfdp(is25wp064a);
    img[11] = 9; // BFPT length: 9 dwords, no DW10+
    const info = parseSfdp(img);
    expect(sfdpToFlashPart(info, null).quadEnable).toBeNull();
    const qe = { register: 'sr2', bit: 1, write: 'wrsr2-0x31' } as const;
    const p = sfdpToFlashPart(info, null, { quadEnable: qe });
    expect(p.quadEnable).toEqual(qe);
    expect(p.pageBytes).toBe(256);
    expect(p.unverified).toEqual(expect.arrayContaining([expect.stringMatching(/^pageBytes 256/), expect.stringMatching(/^quadEnable: .*options/)]));
  });

  it('rejects a table with no usable erase type', () => {
    const img = encodeSfdp(is25wp064a);
    const v = new DataView(img.buffer);
    v.setUint32(16, v.getUint32(16, true) | 0b11, true); // no 4 KiB erase
    v.setUint32(16 + 7 * 4, 0, true);
    v.setUint32(16 + 8 * 4, 0, true);
    expect(() => sfdpToFlashPart(parseSfdp(img), null)).toThrowError(expect.objectContaining({ code: 'SFDP_UNSUPPORTED' }));
  });
});
