import type { Chip } from '../chip.js';

/** i.MX RT1020 (RT1021): 256 KiB FlexRAM, one FlexSPI, SEMC. */
export const rt1020 = {
  id: 'rt1020',
  aliases: ['rt1021', 'mimxrt1021'],
  name: 'i.MX RT1020',
  core: 'cortex-m7',
  // FlexRAM 256 KiB, default 64/64/128 (MBU tables; SDK ram.ld); SEMC SDRAM (SPSDK). research/imxrt.md §4.1.
  memory: [
    { name: 'ITCM', kind: 'ram', start: 0x0000_0000, sizeBytes: 256 * 1024, defaultEnabledBytes: 64 * 1024 },
    { name: 'ROM', kind: 'rom', start: 0x0020_0000, sizeBytes: 128 * 1024, defaultEnabledBytes: 128 * 1024 },
    { name: 'DTCM', kind: 'ram', start: 0x2000_0000, sizeBytes: 256 * 1024, defaultEnabledBytes: 64 * 1024 },
    { name: 'OCRAM', kind: 'ram', start: 0x2020_0000, sizeBytes: 256 * 1024, defaultEnabledBytes: 128 * 1024 },
    { name: 'FLEXSPI', kind: 'flash', start: 0x6000_0000, sizeBytes: 0x1f80_0000, defaultEnabledBytes: 0x1f80_0000 },
    {
      name: 'SDRAM', kind: 'ram', start: 0x8000_0000, sizeBytes: 0x6000_0000, defaultEnabledBytes: 0x6000_0000,
      needsInit: 'dcd', note: 'SEMC; the board decides the real size',
    },
  ],
  // research/imxrt.md §1.1, §1.4.
  flexspi: [
    {
      name: 'FLEXSPI', registerBase: 0x402a_8000, ahbWindow: { start: 0x6000_0000, end: 0x7f80_0000 },
      ardf: 0x7fc0_0000, atdf: 0x7f80_0000, ipFifoBytes: 128, ahbRxBuffers: 4, lutWords: 64,
    },
  ],
  bootFlexspi: 0,
  fcbOffset: 0x0, // research/imxrt.md §4.1, spsdk.md §3.3
  ivtOffset: 0x1000,
  initialLoadSize: 0x2000,
  bootHeader: 'ivt',
  dcdSupported: true,
  // research/imxrt.md §3.2: SDK evkmimxrt1020 header up to 7 = 133; BOOTGEN adds 8 = 166; 9 = 200 from the column.
  serialClkFreqMhz: { 1: 30, 2: 50, 3: 60, 4: 75, 5: 80, 6: 100, 7: 133, 8: 166, 9: 200 },
  romUsb: [{ vid: 0x1fc9, pid: 0x0130 }], // research/spsdk.md §1.6
  flashloaderUsb: { vid: 0x15a2, pid: 0x0073 },
  // MBU 0x20208200 (research/imxrt.md §4.2); other builds 0x20208000 (spsdk.md §1.7, community 1018360).
  flashloaderLoadAddresses: [0x2020_8200, 0x2020_8000],
  romReservedRam: [{ start: 0x2020_0000, end: 0x2020_8000, note: 'inferred from MBU; UNVERIFIED' }],
  registers: { srcSbmr1: 0x400f_8004, srcSbmr2: 0x400f_801c, ocotpBase: 0x401f_4000 },
  source: 'research/imxrt.md §1.1, §1.4, §3.2, §4.1, §4.2; research/spsdk.md §1.6, §1.7, §3.3',
  unverified: [
    'serialClkFreq 9 = 200 comes from the RT1050 column the research groups the RT1020 with',
    'romReservedRam 0x20200000-0x20208000 is inferred from MBU',
    'ROM size 128 KiB (only the base 0x00200000 is sourced)',
    'ITCM/DTCM/OCRAM maximum = the whole 256 KiB FlexRAM (derived, not sourced)',
  ],
} as const satisfies Chip;
