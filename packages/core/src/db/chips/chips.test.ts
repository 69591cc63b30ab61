import { describe, expect, it } from 'vitest';
import type { Chip, MemoryRegion } from '../chip.js';
import { findChip } from '../chip-lookup.js';
import { CHIPS, rt1010, rt1050, rt1060, rt1064, rt1170 } from './index.js';

const FOUR_GIB = 2 ** 32;
const regionEnd = (r: MemoryRegion): number => r.start + r.sizeBytes;
const region = (chip: Chip, name: MemoryRegion['name']): MemoryRegion | undefined => chip.memory.find((r) => r.name === name);

describe('chip database: golden facts (research/imxrt.md, research/spsdk.md)', () => {
  it('puts the FCB at 0x0 on RT105x and at 0x400 on RT1010 and RT117x (§4.1, spsdk §3.3)', () => {
    expect(findChip('MIMXRT1052').fcbOffset).toBe(0);
    expect(findChip('rt1062').fcbOffset).toBe(0);
    expect(findChip('rt1011').fcbOffset).toBe(0x400);
    expect(findChip('rt1176').fcbOffset).toBe(0x400);
    for (const chip of CHIPS) {
      expect(chip.ivtOffset).toBe(0x1000);
      expect(chip.initialLoadSize).toBe(0x2000);
    }
  });

  it('has a per-chip serialClkFreq enum (§3.2)', () => {
    expect(rt1050.serialClkFreqMhz[7]).toBe(133);
    expect(rt1050.serialClkFreqMhz[8]).toBe(166);
    expect(rt1060.serialClkFreqMhz[7]).toBe(120);
    expect(rt1060.serialClkFreqMhz[9]).toBe(166);
    expect(rt1010.serialClkFreqMhz[7]).toBe(120);
    expect(rt1010.serialClkFreqMhz[8]).toBe(133);
    expect(rt1170.serialClkFreqMhz[4]).toBe(80);
    expect(rt1170.serialClkFreqMhz[7]).toBe(133);
    expect(findChip('rt1021').serialClkFreqMhz[7]).toBe(133);
  });

  it('knows the ROM and flashloader USB IDs (spsdk §1.6)', () => {
    expect(findChip('rt1052').romUsb[0]).toEqual({ vid: 0x1fc9, pid: 0x0130 });
    expect(findChip('rt1062').romUsb[0]).toEqual({ vid: 0x1fc9, pid: 0x0135 });
    expect(findChip('rt1011').romUsb[0]).toEqual({ vid: 0x1fc9, pid: 0x0145 });
    expect(findChip('rt1176').romUsb[0]).toEqual({ vid: 0x1fc9, pid: 0x013d });
    expect(findChip('rt1015').romUsb).toEqual([{ vid: 0x1fc9, pid: 0x0130 }, { vid: 0x1fc9, pid: 0x0145 }]);
    for (const chip of CHIPS) expect(chip.flashloaderUsb).toEqual({ vid: 0x15a2, pid: 0x0073 });
  });

  it('places FlexSPI where the SDK headers do (§1.1)', () => {
    expect(rt1050.flexspi[0]).toMatchObject({ registerBase: 0x402a8000, ahbWindow: { start: 0x60000000, end: 0x7f800000 }, ardf: 0x7fc00000, atdf: 0x7f800000 });
    expect(rt1010.flexspi[0]?.registerBase).toBe(0x400a0000);
    expect(rt1170.flexspi[rt1170.bootFlexspi]).toMatchObject({ name: 'FLEXSPI1', registerBase: 0x400cc000, ahbWindow: { start: 0x30000000 } });
    expect(rt1064.flexspi[rt1064.bootFlexspi]?.ahbWindow.start).toBe(0x70000000);
    expect(rt1060.flexspi[1]).toMatchObject({ registerBase: 0x402a4000, ardf: 0x7f400000, atdf: 0x7f000000 });
    expect(rt1050.flexspi[0]?.ipFifoBytes).toBe(128);
    expect(rt1170.flexspi[0]?.ahbRxBuffers).toBe(8);
  });

  it('models the FlexRAM defaults (§4.1)', () => {
    expect(region(rt1050, 'ITCM')).toMatchObject({ start: 0, sizeBytes: 0x80000, defaultEnabledBytes: 0x20000 });
    expect(region(rt1050, 'DTCM')).toMatchObject({ start: 0x20000000, defaultEnabledBytes: 0x20000 });
    expect(region(rt1050, 'OCRAM')).toMatchObject({ start: 0x20200000, defaultEnabledBytes: 0x40000 });
    expect(region(rt1010, 'OCRAM')?.defaultEnabledBytes).toBe(0x10000);
    expect(region(rt1170, 'ITCM')?.defaultEnabledBytes).toBe(0x40000);
  });

  it('makes RT1060 OCRAM usable from 0x20200000 to 0x202C0000 by default (SDK m_data2, SPSDK warning)', () => {
    let end = 0x20200000;
    for (const r of [...rt1060.memory].sort((a, b) => a.start - b.start)) {
      if (r.start === end && r.name.startsWith('OCRAM')) end = r.start + r.defaultEnabledBytes;
    }
    expect(end).toBe(0x202c0000);
    expect(regionEnd(region(rt1060, 'OCRAM')!)).toBe(0x20300000);
  });

  it('needs a DCD for SDRAM on RT10xx and has no DCD on RT117x (§4.2)', () => {
    expect(region(rt1050, 'SDRAM')).toMatchObject({ start: 0x80000000, needsInit: 'dcd' });
    expect(region(rt1010, 'SDRAM')).toBeUndefined();
    expect(rt1050.dcdSupported).toBe(true);
    expect(rt1170.dcdSupported).toBe(false);
    expect(rt1170.unverified.some((u) => u.startsWith('dcdSupported'))).toBe(true);
    expect(region(rt1170, 'SDRAM')?.needsInit).toBe('xmcd');
  });

  it('reserves 0x20200000-0x20208000 for the RT10xx ROM and says it is inferred', () => {
    expect(rt1050.romReservedRam).toEqual([{ start: 0x20200000, end: 0x20208000, note: expect.stringContaining('UNVERIFIED') }]);
    expect(rt1050.unverified.some((u) => u.includes('romReservedRam'))).toBe(true);
  });

  it('knows the SRC and OCOTP addresses (§4.2)', () => {
    expect(rt1050.registers).toEqual({ srcSbmr1: 0x400f8004, srcSbmr2: 0x400f801c, ocotpBase: 0x401f4000 });
    expect(rt1170.registers).toEqual({ srcSbmr1: 0x40c04008, srcSbmr2: 0x40c0400c, ocotpBase: 0x40cac000 });
  });
});

describe('chip database: every entry is consistent', () => {
  it('has unique ids and aliases, each resolving to its chip', () => {
    const names = CHIPS.flatMap((c) => [c.id, ...c.aliases]);
    expect(new Set(names).size).toBe(names.length);
    for (const chip of CHIPS) {
      for (const n of [chip.id, ...chip.aliases]) {
        expect(n).toBe(n.toLowerCase());
        expect(findChip(n)).toBe(chip);
      }
    }
  });

  for (const chip of CHIPS) {
    describe(chip.id, () => {
      it('names its sources', () => {
        expect(chip.source).toMatch(/research\/imxrt\.md/);
      });

      it('has regions inside 4 GiB that do not overlap', () => {
        const sorted = [...chip.memory].sort((a, b) => a.start - b.start);
        for (const r of sorted) {
          expect(r.sizeBytes).toBeGreaterThan(0);
          expect(regionEnd(r)).toBeLessThanOrEqual(FOUR_GIB);
          expect(r.defaultEnabledBytes).toBeLessThanOrEqual(r.sizeBytes);
        }
        for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start).toBeGreaterThanOrEqual(regionEnd(sorted[i - 1]!));
        expect(new Set(chip.memory.map((r) => r.name)).size).toBe(chip.memory.length);
        expect(region(chip, 'ROM')?.start).toBe(0x00200000);
      });

      it('has FlexSPI windows inside 4 GiB, each covered by a flash region', () => {
        expect(chip.flexspi[chip.bootFlexspi]).toBeDefined();
        for (const f of chip.flexspi) {
          expect(f.ahbWindow.start).toBeLessThan(f.ahbWindow.end);
          expect(f.ahbWindow.end).toBeLessThanOrEqual(FOUR_GIB);
          const r = chip.memory.find((m) => m.kind === 'flash' && m.start === f.ahbWindow.start);
          expect(r && regionEnd(r)).toBe(f.ahbWindow.end);
          expect([128, 256]).toContain(f.ipFifoBytes);
          expect(f.lutWords).toBe(64);
        }
      });

      it('has a boot layout the ROM can read', () => {
        expect([0, 0x400]).toContain(chip.fcbOffset);
        expect(chip.fcbOffset + 512).toBeLessThanOrEqual(chip.ivtOffset);
        expect(chip.ivtOffset).toBeLessThan(chip.initialLoadSize);
        expect(chip.bootHeader).toBe('ivt');
      });

      it('has a serialClkFreq enum 1..n rising from the 30 MHz safe clock', () => {
        const keys = Object.keys(chip.serialClkFreqMhz).map(Number);
        expect(keys).toEqual(keys.map((_, i) => i + 1));
        const mhz = keys.map((k) => chip.serialClkFreqMhz[k]!);
        expect(mhz[0]).toBe(30);
        for (let i = 1; i < mhz.length; i++) expect(mhz[i]).toBeGreaterThan(mhz[i - 1]!);
      });

      it('keeps ROM-reserved RAM and flashloader addresses inside RAM', () => {
        const inRam = (a: number) => chip.memory.some((r) => r.kind === 'ram' && a >= r.start && a < regionEnd(r));
        for (const range of chip.romReservedRam) {
          expect(inRam(range.start) && inRam(range.end - 1)).toBe(true);
        }
        for (const a of chip.flashloaderLoadAddresses) expect(inRam(a)).toBe(true);
        expect(chip.romUsb.length).toBeGreaterThan(0);
      });

      it('needs an init step for SDRAM that the ROM can run', () => {
        const sdram = region(chip, 'SDRAM');
        if (sdram) expect(sdram.needsInit).toBe(chip.dcdSupported ? 'dcd' : 'xmcd');
      });
    });
  }
});
