import type { Chip } from '../chip.js';

/** i.MX RT1015: RT1010-sized FlexRAM (128 KiB) with the RT1020-style FlexSPI and clock enum. */
export const rt1015 = {
  id: 'rt1015',
  aliases: ['mimxrt1015'],
  name: 'i.MX RT1015',
  core: 'cortex-m7',
  // FlexRAM 128 KiB, default 32/32/64, same map as RT1010 (research/imxrt.md §4.1).
  memory: [
    { name: 'ITCM', kind: 'ram', start: 0x0000_0000, sizeBytes: 128 * 1024, defaultEnabledBytes: 32 * 1024 },
    { name: 'ROM', kind: 'rom', start: 0x0020_0000, sizeBytes: 128 * 1024, defaultEnabledBytes: 128 * 1024 },
    { name: 'DTCM', kind: 'ram', start: 0x2000_0000, sizeBytes: 128 * 1024, defaultEnabledBytes: 32 * 1024 },
    { name: 'OCRAM', kind: 'ram', start: 0x2020_0000, sizeBytes: 128 * 1024, defaultEnabledBytes: 64 * 1024 },
    { name: 'FLEXSPI', kind: 'flash', start: 0x6000_0000, sizeBytes: 0x1f80_0000, defaultEnabledBytes: 0x1f80_0000 },
  ],
  // research/imxrt.md §1.1 (0x402A8000, same window as RT1050), §1.4.
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
  // research/imxrt.md §3.2: the RT1015 shares the RT1050/RT1020 column.
  serialClkFreqMhz: { 1: 30, 2: 50, 3: 60, 4: 75, 5: 80, 6: 100, 7: 133, 8: 166, 9: 200 },
  // research/spsdk.md §1.6: 0x0130 per MBU and tinyuf2, 0x0145 per the SPSDK db; accept both.
  romUsb: [{ vid: 0x1fc9, pid: 0x0130 }, { vid: 0x1fc9, pid: 0x0145 }],
  flashloaderUsb: { vid: 0x15a2, pid: 0x0073 },
  flashloaderLoadAddresses: [0x2020_8200], // MBU (research/imxrt.md §4.2)
  romReservedRam: [{ start: 0x2020_0000, end: 0x2020_8000, note: 'inferred from MBU; UNVERIFIED' }],
  registers: { srcSbmr1: 0x400f_8004, srcSbmr2: 0x400f_801c, ocotpBase: 0x401f_4000 },
  source: 'research/imxrt.md §1.1, §1.4, §3.2, §4.1, §4.2; research/spsdk.md §1.6, §3.3',
  unverified: [
    'romUsb: sources conflict (0x0130 MBU/tinyuf2, 0x0145 SPSDK)',
    'no SDRAM region: the research lists SEMC for RT1020/1040/1050/1060/1170 only',
    'serialClkFreq 8 = 166 and 9 = 200 come from the RT1050 column the research groups the RT1015 with',
    'romReservedRam 0x20200000-0x20208000 is inferred from MBU',
    'ROM size 128 KiB (only the base 0x00200000 is sourced)',
  ],
} as const satisfies Chip;
