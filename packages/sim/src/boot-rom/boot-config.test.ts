import { findChip } from '@imxflash/core';
import { describe, expect, it } from 'vitest';
import { encodeSbmr2 } from '../peripherals/src.js';
import { bootDeviceName, decideBoot } from './boot-config.js';

// research/imxrt.md §4.2: SBMR2 = SEC_CONFIG[1:0] | BT_FUSE_SEL[4] | BMOD[25:24]; BOOT_CFG1[7:4]
// boot device; FlexSPI NOR fields [1] encrypted XIP, [3:2] hold time, [10:8] flash type (12-bit
// variant) or [3:1] / [9:8] (10-bit variant, RT1015/1020/1024).

const rt1050 = findChip('rt1050');
const sbmr2 = (bootMode: 0 | 1 | 2 | 3, btFuseSel = false, secConfig = 1): number => encodeSbmr2({ bootMode, btFuseSel, secConfig });

describe('decideBoot', () => {
  it('BOOT_MODE 01 and 11 → serial downloader', () => {
    expect(decideBoot(rt1050, 0, sbmr2(1), 0)).toEqual({ boot: 'serial-downloader', reason: 'BOOT_MODE=01 (SBMR2 0x01000001) selects the serial downloader' });
    expect(decideBoot(rt1050, 0, sbmr2(3), 0)).toMatchObject({ boot: 'serial-downloader', reason: expect.stringMatching(/^BOOT_MODE=11 is reserved/) });
  });

  it('internal boot takes BOOT_CFG from the pins unless BT_FUSE_SEL, then from fuse 0x450', () => {
    expect(decideBoot(rt1050, 0x0000_0200, sbmr2(2), 0x0000_0008)).toMatchObject({ boot: 'flexspi-nor', source: 'pins', bootCfg: 0x200, flashType: 'hyperflash-1v8', holdTimeMs: 0.5 });
    expect(decideBoot(rt1050, 0x0000_0200, sbmr2(2, true), 0x0000_0308)).toMatchObject({
      boot: 'flexspi-nor', source: 'fuses', bootCfg: 0x308, flashType: 'hyperflash-3v3', holdTimeMs: 3, encryptedXip: false,
    });
  });

  it('decodes every flash type code and hold time of the 12-bit layout', () => {
    const types = [0, 1, 2, 3, 4, 5, 6, 7].map((t) => (decideBoot(rt1050, t << 8, sbmr2(2), 0) as { flashType: string }).flashType);
    expect(types).toEqual(['qspi-3b', 'qspi-4b', 'hyperflash-1v8', 'hyperflash-3v3', 'octal-mxic', 'octal-micron', 'reserved', 'qspi-3b-secondary-pinmux']);
    const holds = [0, 1, 2, 3].map((h) => (decideBoot(rt1050, h << 2, sbmr2(2), 0) as { holdTimeMs: number }).holdTimeMs);
    expect(holds).toEqual([0.5, 1, 3, 10]);
    expect(decideBoot(rt1050, 0x2, sbmr2(2), 0)).toMatchObject({ encryptedXip: true });
  });

  it('uses the 10-bit layout on RT1020: flash type [3:1], hold time [9:8]', () => {
    expect(decideBoot(findChip('rt1020'), (7 << 1) | (2 << 8), sbmr2(2), 0)).toMatchObject({ flashType: 'qspi-3b-secondary-pinmux', holdTimeMs: 3 });
  });

  it('boot from fuses needs BT_FUSE_SEL', () => {
    expect(decideBoot(rt1050, 0, sbmr2(0), 0)).toMatchObject({ boot: 'serial-downloader', reason: expect.stringContaining('BT_FUSE_SEL=0') });
    expect(decideBoot(rt1050, 0xff, sbmr2(0, true), 0)).toMatchObject({ boot: 'flexspi-nor', bootMode: 0, source: 'fuses', bootCfg: 0 });
  });

  it('other boot devices and an RT1010 → serial downloader with the reason', () => {
    expect(decideBoot(rt1050, 0x10, sbmr2(2), 0)).toMatchObject({ reason: expect.stringContaining('BOOT_CFG1[7:4] = 0001 (SEMC NOR) in SBMR1 (boot pins) 0x00000010') });
    expect(decideBoot(findChip('rt1010'), 0, sbmr2(2), 0)).toMatchObject({ boot: 'serial-downloader', reason: expect.stringContaining('not in research/imxrt.md §4.2') });
  });

  it('reports HAB closed from SEC_CONFIG[1]', () => {
    expect(decideBoot(rt1050, 0, sbmr2(2, false, 2), 0)).toMatchObject({ habClosed: true });
    expect(decideBoot(rt1050, 0, sbmr2(2, false, 1), 0)).toMatchObject({ habClosed: false });
  });
});

describe('bootDeviceName', () => {
  it('names BOOT_CFG1[7:4]', () => {
    expect([0x00, 0x10, 0x20, 0x30, 0x40, 0x70, 0x80, 0xb0, 0xc0, 0xf0].map(bootDeviceName)).toEqual([
      'FlexSPI NOR', 'SEMC NOR', 'SEMC NAND', 'SEMC NAND', 'SD', 'SD', 'MMC/eMMC', 'MMC/eMMC', 'FlexSPI NAND', 'FlexSPI NAND',
    ]);
  });
});
