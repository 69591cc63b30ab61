import type { Chip } from '../chip.js';

/**
 * i.MX RT1050 (RT1051, RT1052): one FlexSPI, 512 KiB FlexRAM, SEMC. The first target of imxflash
 * (MIMXRT1052 with IS25WP064A QSPI or, on the EVKB, S26KS512S HyperFlash).
 */
export const rt1050 = {
  id: 'rt1050',
  aliases: ['rt1051', 'rt1052', 'mimxrt1051', 'mimxrt1052'],
  name: 'i.MX RT1050',
  core: 'cortex-m7',
  // FlexRAM 512 KiB, fuse-default split 128/128/256 (MBU tables; SDK ram.ld); each region can take
  // up to 512 KiB, beyond the default it is "not initialized" (SPSDK warning_ranges). research/imxrt.md §4.1.
  // SEMC SDRAM 0x80000000, up to 0x60000000 bytes (SPSDK); ROM at 0x00200000 (SDK fsl_romapi).
  memory: [
    { name: 'ITCM', kind: 'ram', start: 0x0000_0000, sizeBytes: 512 * 1024, defaultEnabledBytes: 128 * 1024 },
    { name: 'ROM', kind: 'rom', start: 0x0020_0000, sizeBytes: 128 * 1024, defaultEnabledBytes: 128 * 1024 },
    { name: 'DTCM', kind: 'ram', start: 0x2000_0000, sizeBytes: 512 * 1024, defaultEnabledBytes: 128 * 1024 },
    { name: 'OCRAM', kind: 'ram', start: 0x2020_0000, sizeBytes: 512 * 1024, defaultEnabledBytes: 256 * 1024 },
    { name: 'FLEXSPI', kind: 'flash', start: 0x6000_0000, sizeBytes: 0x1f80_0000, defaultEnabledBytes: 0x1f80_0000 },
    {
      name: 'SDRAM', kind: 'ram', start: 0x8000_0000, sizeBytes: 0x6000_0000, defaultEnabledBytes: 0x6000_0000,
      needsInit: 'dcd', note: 'SEMC; the board decides the real size',
    },
  ],
  // research/imxrt.md §1.1 (SDK MIMXRT1052.h), §1.4 (FIFO 128 B, 4 AHB buffers), §1.2 (64 LUT words).
  flexspi: [
    {
      name: 'FLEXSPI', registerBase: 0x402a_8000, ahbWindow: { start: 0x6000_0000, end: 0x7f80_0000 },
      ardf: 0x7fc0_0000, atdf: 0x7f80_0000, ipFifoBytes: 128, ahbRxBuffers: 4, lutWords: 64,
    },
  ],
  bootFlexspi: 0,
  // research/imxrt.md §4.1, spsdk.md §3.3: FCB at 0x0, IVT at 0x1000, initial load 0x2000.
  fcbOffset: 0x0,
  ivtOffset: 0x1000,
  initialLoadSize: 0x2000,
  bootHeader: 'ivt',
  dcdSupported: true, // research/imxrt.md §4.2 (evkbimxrt1050 dcd.c)
  // research/imxrt.md §3.2 (SDK evkbimxrt1050 board header, BOOTGEN, MBU; 9 from ROM API header / MBU).
  serialClkFreqMhz: { 1: 30, 2: 50, 3: 60, 4: 75, 5: 80, 6: 100, 7: 133, 8: 166, 9: 200 },
  romUsb: [{ vid: 0x1fc9, pid: 0x0130 }], // research/spsdk.md §1.6
  flashloaderUsb: { vid: 0x15a2, pid: 0x0073 }, // research/spsdk.md §1.6
  // MBU flashloader 0x20208200 (research/imxrt.md §4.2); NXP's ivt_flashloader.bin loads at 0x20000000 (spsdk.md §1.7).
  flashloaderLoadAddresses: [0x2020_8200, 0x2000_0000],
  // Inferred from MBU kRamFreeSpaceStart_Rom = 0x20208000 (research/imxrt.md §4.2 "OCRAM the ROM uses").
  romReservedRam: [{ start: 0x2020_0000, end: 0x2020_8000, note: 'inferred from MBU; UNVERIFIED' }],
  registers: { srcSbmr1: 0x400f_8004, srcSbmr2: 0x400f_801c, ocotpBase: 0x401f_4000 }, // research/imxrt.md §4.2
  // Clock gate: CCM_CCGR6 (0x400FC080) bits 11:10 (research/cmsisdap.md §3.5, Black Magic Debug).
  // Pads: FlexSPI A on GPIO_SD_B1_05..11, ALT1; register offsets from the RT1050 RM IOMUXC map
  // as remembered (IOMUXC 0x401F8000, SW_MUX_CTL_PAD_GPIO_SD_B1_00 at +0x1D4): UNVERIFIED.
  flexspiBringUp: {
    clockGate: { register: 0x400f_c080, shift: 10 },
    pads: [
      { signal: 'FLEXSPIA_DQS', muxRegister: 0x401f_81e8, alt: 1 },
      { signal: 'FLEXSPIA_SS0_B', muxRegister: 0x401f_81ec, alt: 1 },
      { signal: 'FLEXSPIA_SCLK', muxRegister: 0x401f_81f0, alt: 1 },
      { signal: 'FLEXSPIA_DATA00', muxRegister: 0x401f_81f4, alt: 1 },
      { signal: 'FLEXSPIA_DATA01', muxRegister: 0x401f_81f8, alt: 1 },
      { signal: 'FLEXSPIA_DATA02', muxRegister: 0x401f_81fc, alt: 1 },
      { signal: 'FLEXSPIA_DATA03', muxRegister: 0x401f_8200, alt: 1 },
    ],
  },
  source: 'research/imxrt.md §1.1, §1.4, §3.2, §4.1, §4.2; research/spsdk.md §1.6, §1.7, §3.3',
  unverified: [
    'romReservedRam 0x20200000-0x20208000 is inferred from MBU, not from a reference-manual table',
    'ROM size 128 KiB (only the base 0x00200000 is sourced)',
    'flexspiBringUp.pads: IOMUXC SW_MUX_CTL_PAD_GPIO_SD_B1_05..11 register addresses (RM from memory)',
  ],
} as const satisfies Chip;
