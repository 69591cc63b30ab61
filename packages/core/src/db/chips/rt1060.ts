import type { Chip } from '../chip.js';

/** i.MX RT1060 (RT1061, RT1062): 512 KiB FlexRAM plus 512 KiB dedicated OCRAM, two FlexSPI instances. */
export const rt1060 = {
  id: 'rt1060',
  aliases: ['rt1061', 'rt1062', 'mimxrt1061', 'mimxrt1062'],
  name: 'i.MX RT1060',
  core: 'cortex-m7',
  // research/imxrt.md §4.1: FlexRAM 512 KiB (default 128/128/256) + 512 KiB dedicated OCRAM; OCRAM as a
  // whole is 0x20200000.. 768 KiB (SDK m_data2 0xC0000), SPSDK warns above 0x202C0000. Modelled as the
  // dedicated OCRAM2 first, then the FlexRAM OCRAM, so the default-enabled range ends at 0x202C0000.
  memory: [
    { name: 'ITCM', kind: 'ram', start: 0x0000_0000, sizeBytes: 512 * 1024, defaultEnabledBytes: 128 * 1024 },
    { name: 'ROM', kind: 'rom', start: 0x0020_0000, sizeBytes: 128 * 1024, defaultEnabledBytes: 128 * 1024 },
    { name: 'DTCM', kind: 'ram', start: 0x2000_0000, sizeBytes: 512 * 1024, defaultEnabledBytes: 128 * 1024 },
    {
      name: 'OCRAM2', kind: 'ram', start: 0x2020_0000, sizeBytes: 512 * 1024, defaultEnabledBytes: 512 * 1024,
      note: 'dedicated OCRAM, always on',
    },
    {
      name: 'OCRAM', kind: 'ram', start: 0x2028_0000, sizeBytes: 512 * 1024, defaultEnabledBytes: 256 * 1024,
      note: 'FlexRAM part of OCRAM',
    },
    { name: 'FLEXSPI', kind: 'flash', start: 0x6000_0000, sizeBytes: 0x1000_0000, defaultEnabledBytes: 0x1000_0000 },
    { name: 'FLEXSPI2', kind: 'flash', start: 0x7000_0000, sizeBytes: 0x0f00_0000, defaultEnabledBytes: 0x0f00_0000 },
    {
      name: 'SDRAM', kind: 'ram', start: 0x8000_0000, sizeBytes: 0x6000_0000, defaultEnabledBytes: 0x6000_0000,
      needsInit: 'dcd', note: 'SEMC; the board decides the real size',
    },
  ],
  // research/imxrt.md §1.1, §1.4.
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
  fcbOffset: 0x0, // research/imxrt.md §4.1, spsdk.md §3.3
  ivtOffset: 0x1000,
  initialLoadSize: 0x2000,
  bootHeader: 'ivt',
  dcdSupported: true,
  // research/imxrt.md §3.2: SDK evkmimxrt1060 header and BOOTGEN (7 = 120), MBU list (10 = 200).
  // The SDK's MIMXRT1062 fsl_romapi.h says 7 = 133: a copy of the RT1050 enum; not trusted.
  serialClkFreqMhz: { 1: 30, 2: 50, 3: 60, 4: 75, 5: 80, 6: 100, 7: 120, 8: 133, 9: 166, 10: 200 },
  romUsb: [{ vid: 0x1fc9, pid: 0x0135 }], // research/spsdk.md §1.6
  flashloaderUsb: { vid: 0x15a2, pid: 0x0073 },
  flashloaderLoadAddresses: [0x2020_8200], // MBU (research/imxrt.md §4.2)
  romReservedRam: [{ start: 0x2020_0000, end: 0x2020_8000, note: 'inferred from MBU; UNVERIFIED' }],
  registers: { srcSbmr1: 0x400f_8004, srcSbmr2: 0x400f_801c, ocotpBase: 0x401f_4000 },
  source: 'research/imxrt.md §1.1, §1.4, §3.2, §3.3(a), §4.1, §4.2; research/spsdk.md §1.6, §3.3',
  unverified: [
    'which half of OCRAM is dedicated (0x20200000) and which is FlexRAM (0x20280000) is from memory of the RM map; the default-enabled end 0x202C0000 is sourced (SPSDK)',
    'romReservedRam 0x20200000-0x20208000 is inferred from MBU',
    'ROM size 128 KiB (only the base 0x00200000 is sourced)',
    'ITCM/DTCM/FlexRAM-OCRAM maximum = the whole 512 KiB FlexRAM (derived, not sourced)',
  ],
} as const satisfies Chip;
