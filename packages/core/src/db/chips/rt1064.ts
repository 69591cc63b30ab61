import type { Chip } from '../chip.js';

/** i.MX RT1064: an RT1060 with 4 MiB of flash inside the package on FLEXSPI2 (0x70000000), which it boots from. */
export const rt1064 = {
  id: 'rt1064',
  aliases: ['mimxrt1064'],
  name: 'i.MX RT1064',
  core: 'cortex-m7',
  // As RT1060 (research/imxrt.md §4.1): FlexRAM 512 KiB (128/128/256) + 512 KiB dedicated OCRAM.
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
    {
      name: 'FLEXSPI', kind: 'flash', start: 0x6000_0000, sizeBytes: 0x1000_0000, defaultEnabledBytes: 0x1000_0000,
      note: 'external flash',
    },
    {
      name: 'FLEXSPI2', kind: 'flash', start: 0x7000_0000, sizeBytes: 0x0f00_0000, defaultEnabledBytes: 0x0f00_0000,
      note: 'in-package 4 MiB flash (the boot flash)',
    },
    {
      name: 'SDRAM', kind: 'ram', start: 0x8000_0000, sizeBytes: 0x6000_0000, defaultEnabledBytes: 0x6000_0000,
      needsInit: 'dcd', note: 'SEMC; the board decides the real size',
    },
  ],
  // research/imxrt.md §1.1 (the internal flash is on FLEXSPI2; the SDK RT1064 flexspi_nor.ld puts the FCB at 0x70000000), §1.4.
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
  bootFlexspi: 1,
  fcbOffset: 0x0, // research/imxrt.md §4.1, spsdk.md §3.3
  ivtOffset: 0x1000,
  initialLoadSize: 0x2000,
  bootHeader: 'ivt',
  dcdSupported: true,
  serialClkFreqMhz: { 1: 30, 2: 50, 3: 60, 4: 75, 5: 80, 6: 100, 7: 120, 8: 133, 9: 166, 10: 200 }, // research/imxrt.md §3.2
  romUsb: [{ vid: 0x1fc9, pid: 0x0135 }], // research/spsdk.md §1.6
  flashloaderUsb: { vid: 0x15a2, pid: 0x0073 },
  flashloaderLoadAddresses: [0x2020_8200], // MBU (research/imxrt.md §4.2)
  romReservedRam: [{ start: 0x2020_0000, end: 0x2020_8000, note: 'inferred from MBU; UNVERIFIED' }],
  registers: { srcSbmr1: 0x400f_8004, srcSbmr2: 0x400f_801c, ocotpBase: 0x401f_4000 },
  source: 'research/imxrt.md §1.1, §1.4, §3.2, §3.3(a), §4.1, §4.2; research/spsdk.md §1.6, §3.3',
  unverified: [
    'which half of OCRAM is dedicated (0x20200000) and which is FlexRAM (0x20280000) is from memory of the RM map; the default-enabled end 0x202C0000 is sourced (SPSDK, RT1060)',
    'romReservedRam 0x20200000-0x20208000 is inferred from MBU',
    'ROM size 128 KiB (an NXP community post says 96 KiB for the RT1064)',
    'ITCM/DTCM/FlexRAM-OCRAM maximum = the whole 512 KiB FlexRAM (derived, not sourced)',
  ],
} as const satisfies Chip;
