import type { Chip } from '../chip.js';

/** i.MX RT1040 (RT1041, RT1042): 512 KiB FlexRAM, RT1060-style FlexSPI pair and clock enum. */
export const rt1040 = {
  id: 'rt1040',
  aliases: ['rt1041', 'rt1042', 'mimxrt1041', 'mimxrt1042'],
  name: 'i.MX RT1040',
  core: 'cortex-m7',
  // FlexRAM 512 KiB, default 128/128/256 (MBU tables; SDK ram.ld); SEMC (SPSDK). research/imxrt.md §4.1.
  memory: [
    { name: 'ITCM', kind: 'ram', start: 0x0000_0000, sizeBytes: 512 * 1024, defaultEnabledBytes: 128 * 1024 },
    { name: 'ROM', kind: 'rom', start: 0x0020_0000, sizeBytes: 128 * 1024, defaultEnabledBytes: 128 * 1024 },
    { name: 'DTCM', kind: 'ram', start: 0x2000_0000, sizeBytes: 512 * 1024, defaultEnabledBytes: 128 * 1024 },
    { name: 'OCRAM', kind: 'ram', start: 0x2020_0000, sizeBytes: 512 * 1024, defaultEnabledBytes: 256 * 1024 },
    { name: 'FLEXSPI', kind: 'flash', start: 0x6000_0000, sizeBytes: 0x1000_0000, defaultEnabledBytes: 0x1000_0000 },
    { name: 'FLEXSPI2', kind: 'flash', start: 0x7000_0000, sizeBytes: 0x0f00_0000, defaultEnabledBytes: 0x0f00_0000 },
    {
      name: 'SDRAM', kind: 'ram', start: 0x8000_0000, sizeBytes: 0x6000_0000, defaultEnabledBytes: 0x6000_0000,
      needsInit: 'dcd', note: 'SEMC; the board decides the real size',
    },
  ],
  // research/imxrt.md §1.1 (RT1040/1060/1064 row), §1.4.
  flexspi: [
    {
      name: 'FLEXSPI', registerBase: 0x402a_8000, ahbWindow: { start: 0x6000_0000, end: 0x7000_0000 },
      ardf: 0x7fc0_0000, atdf: 0x7f80_0000, ipFifoBytes: 128, ahbRxBuffers: 4, lutWords: 64,
    },
    {
      name: 'FLEXSPI2', registerBase: 0x402a_4000, ahbWindow: { start: 0x7000_0000, end: 0x7f00_0000 },
      ardf: 0x7f40_0000, atdf: 0x7f00_0000, ipFifoBytes: 128, ahbRxBuffers: 4, lutWords: 64,
    },
  ],
  bootFlexspi: 0,
  fcbOffset: 0x0, // research/imxrt.md §4.1
  ivtOffset: 0x1000,
  initialLoadSize: 0x2000,
  bootHeader: 'ivt',
  dcdSupported: true,
  // research/imxrt.md §3.2: the RT1040 shares the RT1060 column (7 = 120 MHz).
  serialClkFreqMhz: { 1: 30, 2: 50, 3: 60, 4: 75, 5: 80, 6: 100, 7: 120, 8: 133, 9: 166, 10: 200 },
  romUsb: [{ vid: 0x1fc9, pid: 0x0135 }], // research/spsdk.md §1.6
  flashloaderUsb: { vid: 0x15a2, pid: 0x0073 },
  flashloaderLoadAddresses: [0x2020_8200], // MBU (research/imxrt.md §4.2)
  romReservedRam: [{ start: 0x2020_0000, end: 0x2020_8000, note: 'inferred from MBU; UNVERIFIED' }],
  registers: { srcSbmr1: 0x400f_8004, srcSbmr2: 0x400f_801c, ocotpBase: 0x401f_4000 },
  source: 'research/imxrt.md §1.1, §1.4, §3.2, §4.1, §4.2; research/spsdk.md §1.6, §3.3',
  unverified: [
    'FLEXSPI2 on RT1040: the research groups RT1040 with RT1060 in one row; not confirmed for RT1040 alone',
    'romReservedRam 0x20200000-0x20208000 is inferred from MBU',
    'ROM size 128 KiB (only the base 0x00200000 is sourced)',
    'ITCM/DTCM/OCRAM maximum = the whole 512 KiB FlexRAM (derived, not sourced)',
  ],
} as const satisfies Chip;
