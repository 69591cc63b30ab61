import type { Chip } from '../chip.js';

/**
 * i.MX RT1160/RT1170 (RT1165, RT1166, RT1171…RT1176), Cortex-M7 view. Boots from FLEXSPI1 at
 * 0x30000000 with the FCB at 0x400; the ROM uses XMCD, not DCD.
 */
export const rt1170 = {
  id: 'rt1170',
  aliases: [
    'rt1160', 'rt1165', 'rt1166', 'rt1171', 'rt1172', 'rt1173', 'rt1175', 'rt1176',
    'mimxrt1165', 'mimxrt1166', 'mimxrt1171', 'mimxrt1172', 'mimxrt1173', 'mimxrt1175', 'mimxrt1176',
  ],
  name: 'i.MX RT1160/RT1170',
  core: 'cortex-m7',
  // research/imxrt.md §4.1 (SPSDK, fuse 0xC70 table): CM7 FlexRAM 512 KiB, default 256 ITCM + 256 DTCM;
  // CM4 TCM at 0x20200000; OCRAM1 0x20240000 (512 KiB on 1170, 64 KiB on 1166), OCRAM2 0x202C0000 (512 KiB / 32 KiB).
  // SEMC SDRAM 0x80000000 (SPSDK; its RT1170 entry lists 64 MiB, the EVK part).
  memory: [
    { name: 'ITCM', kind: 'ram', start: 0x0000_0000, sizeBytes: 512 * 1024, defaultEnabledBytes: 256 * 1024 },
    { name: 'ROM', kind: 'rom', start: 0x0020_0000, sizeBytes: 256 * 1024, defaultEnabledBytes: 256 * 1024 },
    { name: 'DTCM', kind: 'ram', start: 0x2000_0000, sizeBytes: 512 * 1024, defaultEnabledBytes: 256 * 1024 },
    {
      name: 'CM4_DTCM', kind: 'ram', start: 0x2020_0000, sizeBytes: 128 * 1024, defaultEnabledBytes: 128 * 1024,
      note: 'Cortex-M4 data TCM seen from the CM7; the ROM works here (MBU)',
    },
    {
      name: 'OCRAM', kind: 'ram', start: 0x2024_0000, sizeBytes: 512 * 1024, defaultEnabledBytes: 512 * 1024,
      note: 'OCRAM1; 64 KiB on RT1160',
    },
    {
      name: 'OCRAM2', kind: 'ram', start: 0x202c_0000, sizeBytes: 512 * 1024, defaultEnabledBytes: 512 * 1024,
      note: '32 KiB on RT1160',
    },
    {
      name: 'FLEXSPI', kind: 'flash', start: 0x3000_0000, sizeBytes: 0x1000_0000, defaultEnabledBytes: 0x1000_0000,
      note: 'FLEXSPI1, the boot flash (CM4 alias 0x08000000)',
    },
    { name: 'FLEXSPI2', kind: 'flash', start: 0x6000_0000, sizeBytes: 0x1f80_0000, defaultEnabledBytes: 0x1f80_0000 },
    {
      name: 'SDRAM', kind: 'ram', start: 0x8000_0000, sizeBytes: 0x6000_0000, defaultEnabledBytes: 0x6000_0000,
      needsInit: 'xmcd', note: 'SEMC; the board decides the real size',
    },
  ],
  // research/imxrt.md §1.1 (HAL PERI_FLEXSPI.h, TGT1170), §1.4 (8 AHB buffers; FIFO 256 B deduced).
  flexspi: [
    {
      name: 'FLEXSPI1', registerBase: 0x400c_c000, ahbWindow: { start: 0x3000_0000, end: 0x4000_0000 },
      ardf: 0x2fc0_0000, atdf: 0x2f80_0000, ipFifoBytes: 256, ahbRxBuffers: 8, lutWords: 64,
    },
    {
      name: 'FLEXSPI2', registerBase: 0x400d_0000, ahbWindow: { start: 0x6000_0000, end: 0x7f80_0000 },
      ardf: 0x7fc0_0000, atdf: 0x7f80_0000, ipFifoBytes: 256, ahbRxBuffers: 8, lutWords: 64,
    },
  ],
  bootFlexspi: 0,
  // FCB at 0x400 (0x0 key blob, 0x800 keystore): research/imxrt.md §4.1, spsdk.md §3.3.
  fcbOffset: 0x400,
  ivtOffset: 0x1000,
  initialLoadSize: 0x2000,
  bootHeader: 'ivt',
  dcdSupported: false, // research/imxrt.md §4.2: XMCD instead of DCD
  // research/imxrt.md §3.2 (SDK evkmimxrt1170 header, BOOTGEN).
  serialClkFreqMhz: { 1: 30, 2: 50, 3: 60, 4: 80, 5: 100, 6: 120, 7: 133, 8: 166, 9: 200 },
  romUsb: [{ vid: 0x1fc9, pid: 0x013d }], // research/spsdk.md §1.6
  flashloaderUsb: { vid: 0x15a2, pid: 0x0073 },
  flashloaderLoadAddresses: [], // none in the research; parse the flashloader's IVT
  // MBU uses 0x20208000 as "RAM free space start" on RT1170 too (research/imxrt.md §4.2).
  romReservedRam: [{ start: 0x2020_0000, end: 0x2020_8000, note: 'inferred from MBU; UNVERIFIED' }],
  registers: { srcSbmr1: 0x40c0_4008, srcSbmr2: 0x40c0_400c, ocotpBase: 0x40ca_c000 }, // research/imxrt.md §4.2 (MBU, HAL)
  source: 'research/imxrt.md §1.1, §1.4, §3.2, §3.3(e), §4.1, §4.2; research/spsdk.md §1.6, §3.3',
  unverified: [
    'dcdSupported false: SPSDK lists XMCD and no DCD for 1166/1176; that the ROM rejects a DCD is not confirmed',
    'ipFifoBytes 256 is deduced from the 5-bit watermark field',
    'romUsb protocol: SPSDK marks the ROM as SDP but it answers blhost get-property (mboot)',
    'romReservedRam 0x20200000-0x20208000 is inferred from MBU',
    'ROM size 256 KiB (only the base 0x00200000 is sourced)',
    'ITCM/DTCM maximum = the whole 512 KiB CM7 FlexRAM (derived, not sourced)',
    'OCRAM1/OCRAM2 sizes are the RT1170 ones; RT1160 has 64 KiB / 32 KiB',
    'CM4_DTCM size 128 KiB (only the base 0x20200000 is sourced); the CM4 ITCM and the CM7 FlexRAM OCRAM are not modelled',
  ],
} as const satisfies Chip;
