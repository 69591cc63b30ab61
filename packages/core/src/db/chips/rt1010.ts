import type { Chip } from '../chip.js';

/** i.MX RT1010 (RT1011): 128 KiB FlexRAM, no SEMC, FlexSPI at a base of its own, FCB at 0x400. */
export const rt1010 = {
  id: 'rt1010',
  aliases: ['rt1011', 'mimxrt1011'],
  name: 'i.MX RT1010',
  core: 'cortex-m7',
  // FlexRAM 128 KiB, default 32/32/64 (MBU tables; SDK ram.ld); research/imxrt.md §4.1. No SEMC.
  memory: [
    { name: 'ITCM', kind: 'ram', start: 0x0000_0000, sizeBytes: 128 * 1024, defaultEnabledBytes: 32 * 1024 },
    { name: 'ROM', kind: 'rom', start: 0x0020_0000, sizeBytes: 128 * 1024, defaultEnabledBytes: 128 * 1024 },
    { name: 'DTCM', kind: 'ram', start: 0x2000_0000, sizeBytes: 128 * 1024, defaultEnabledBytes: 32 * 1024 },
    { name: 'OCRAM', kind: 'ram', start: 0x2020_0000, sizeBytes: 128 * 1024, defaultEnabledBytes: 64 * 1024 },
    { name: 'FLEXSPI', kind: 'flash', start: 0x6000_0000, sizeBytes: 0x1f80_0000, defaultEnabledBytes: 0x1f80_0000 },
  ],
  // research/imxrt.md §1.1 (base 0x400A0000 differs from the other RT10xx), §1.4.
  flexspi: [
    {
      name: 'FLEXSPI', registerBase: 0x400a_0000, ahbWindow: { start: 0x6000_0000, end: 0x7f80_0000 },
      ardf: 0x7fc0_0000, atdf: 0x7f80_0000, ipFifoBytes: 128, ahbRxBuffers: 4, lutWords: 64,
    },
  ],
  bootFlexspi: 0,
  // FCB at 0x400 (0x0 holds the OTFAD key blob): research/imxrt.md §4.1, spsdk.md §3.3.
  fcbOffset: 0x400,
  ivtOffset: 0x1000,
  initialLoadSize: 0x2000,
  bootHeader: 'ivt',
  dcdSupported: true, // RT10xx ROM (research/imxrt.md §4.2)
  // research/imxrt.md §3.2 (SDK evkmimxrt1010 header: 7 = 120, 8 = 133).
  serialClkFreqMhz: { 1: 30, 2: 50, 3: 60, 4: 75, 5: 80, 6: 100, 7: 120, 8: 133 },
  romUsb: [{ vid: 0x1fc9, pid: 0x0145 }], // research/spsdk.md §1.6
  flashloaderUsb: { vid: 0x15a2, pid: 0x0073 },
  flashloaderLoadAddresses: [0x2020_5800], // MBU (research/imxrt.md §4.2)
  romReservedRam: [{ start: 0x2020_0000, end: 0x2020_8000, note: 'inferred from MBU; UNVERIFIED' }],
  registers: { srcSbmr1: 0x400f_8004, srcSbmr2: 0x400f_801c, ocotpBase: 0x401f_4000 }, // RT10xx, research/imxrt.md §4.2
  source: 'research/imxrt.md §1.1, §1.4, §3.2, §4.1, §4.2; research/spsdk.md §1.6, §3.3',
  unverified: [
    'romReservedRam 0x20200000-0x20208000 is inferred from MBU (RT10xx-wide); MBU loads the RT1010 flashloader at 0x20205800, inside that range, so the real reservation may be smaller',
    'ROM size 128 KiB (only the base 0x00200000 is sourced)',
    'ITCM/DTCM/OCRAM maximum = the whole 128 KiB FlexRAM (derived, not sourced)',
    'SRC/OCOTP addresses taken from the RT10xx table, not checked for RT1010',
  ],
} as const satisfies Chip;
