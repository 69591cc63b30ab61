/**
 * FlexSPI register offsets, bit fields and reset values (research/imxrt.md §1.2; the offsets are
 * the same on every RT10xx/RT11xx per SDK MIMXRT1052.h / HAL PERI_FLEXSPI.h). Reset values come
 * from the LW column of §1.2 (an RT1060 SVD quote): UNVERIFIED beyond that.
 */
export const FLEXSPI_REG = {
  MCR0: 0x000, MCR1: 0x004, MCR2: 0x008, AHBCR: 0x00c, INTEN: 0x010, INTR: 0x014, LUTKEY: 0x018, LUTCR: 0x01c,
  AHBRXBUF0CR0: 0x020, FLSHA1CR0: 0x060, FLSHA1CR1: 0x070, FLSHA1CR2: 0x080, FLSHCR4: 0x094,
  IPCR0: 0x0a0, IPCR1: 0x0a4, IPCMD: 0x0b0, IPRXFCR: 0x0b8, IPTXFCR: 0x0bc, DLLCR0: 0x0c0, DLLCR1: 0x0c4,
  STS0: 0x0e0, STS1: 0x0e4, STS2: 0x0e8, AHBSPNDSTS: 0x0ec, IPRXFSTS: 0x0f0, IPTXFSTS: 0x0f4,
  RFDR0: 0x100, TFDR0: 0x180, LUT0: 0x200,
} as const;

/** Size of the register block we map (4 KiB page; registers end at LUT[127] on RT1180). */
export const FLEXSPI_REGISTER_BLOCK_BYTES = 0x1000;
/** RFDR[0..31] / TFDR[0..31]: 32 words each (research/imxrt.md §1.2). */
export const FIFO_WINDOW_WORDS = 32;

export const MCR0 = { SWRESET: 1 << 0, MDIS: 1 << 1 } as const;

/** INTR bits (research/imxrt.md §1.2). Bits 5 and 6 have the special pop/push write semantics. */
export const INTR = {
  IPCMDDONE: 1 << 0, IPCMDGE: 1 << 1, AHBCMDGE: 1 << 2, IPCMDERR: 1 << 3, AHBCMDERR: 1 << 4,
  IPRXWA: 1 << 5, IPTXWE: 1 << 6, SCKSTOPBYRD: 1 << 8, SCKSTOPBYWR: 1 << 9, AHBBUSTIMEOUT: 1 << 10, SEQTIMEOUT: 1 << 11,
} as const;
/** INTR bits that are latched status, cleared by writing 1. */
export const INTR_W1C_MASK =
  INTR.IPCMDDONE | INTR.IPCMDGE | INTR.AHBCMDGE | INTR.IPCMDERR | INTR.AHBCMDERR |
  INTR.SCKSTOPBYRD | INTR.SCKSTOPBYWR | INTR.AHBBUSTIMEOUT | INTR.SEQTIMEOUT;

/** The LUT key: written to LUTKEY immediately before every LUTCR write (research/imxrt.md §1.2). */
export const LUT_KEY = 0x5af0_5af0;
export const LUTCR = { LOCK: 1 << 0, UNLOCK: 1 << 1 } as const;

/** STS0 (research/imxrt.md §1.2): SEQIDLE, ARBIDLE, ARBCMDSRC[3:2] (2 = IP command). */
export const STS0 = { SEQIDLE: 1 << 0, ARBIDLE: 1 << 1, ARBCMDSRC_SHIFT: 2, ARBCMDSRC_IP: 2 } as const;

/** STS1 field positions (research/imxrt.md §1.2). */
export const STS1 = { AHBCMDERRID_SHIFT: 0, AHBCMDERRCODE_SHIFT: 8, IPCMDERRID_SHIFT: 16, IPCMDERRCODE_SHIFT: 24 } as const;
export const STS1_AHB_MASK = 0x0000_0f0f;
export const STS1_IP_MASK = 0x0f0f_0000;

/** STS1 error codes (research/imxrt.md §1.2). */
export const CMD_ERROR = {
  NONE: 0,
  JMP_ON_CS: 2,
  UNKNOWN_OPCODE: 3,
  DUMMY_SDR_IN_DDR: 4,
  DUMMY_DDR_IN_SDR: 5,
  ADDRESS_OUT_OF_RANGE: 6,
  SEQUENCE_TIMEOUT: 0xe,
  BOUNDARY_CROSSED: 0xf,
} as const;

/** IPCR1 fields: IDATSZ[15:0], ISEQID[19:16], ISEQNUM[26:24], IPAREN[31]. */
export const IPCR1 = { IDATSZ_MASK: 0xffff, ISEQID_SHIFT: 16, ISEQID_MASK: 0xf, ISEQNUM_SHIFT: 24, ISEQNUM_MASK: 0x7 } as const;

/** IPRXFCR / IPTXFCR: CLR bit 0 (self-clearing), DMA enable bit 1, watermark from bit 2. */
export const IPFCR = { CLR: 1 << 0, DMAEN: 1 << 1, WMRK_SHIFT: 2 } as const;

/** FLSHxCR1: WA bit 10, CAS[14:11] (research/imxrt.md §1.2). */
export const FLSHCR1 = { WA: 1 << 10, CAS_SHIFT: 11, CAS_MASK: 0xf } as const;
/** FLSHxCR2: ARDSEQID[3:0], ARDSEQNUM[7:5], AWRSEQID[11:8], AWRSEQNUM[15:13], CLRINSTRPTR[31]. */
export const FLSHCR2 = { ARDSEQID_MASK: 0xf, ARDSEQNUM_SHIFT: 5, AWRSEQID_SHIFT: 8, AWRSEQNUM_SHIFT: 13, SEQNUM_MASK: 0x7 } as const;
/** FLSHxCR0: FLSHSZ[22:0] in KiB. */
export const FLSHCR0_SIZE_MASK = 0x7f_ffff;
/** AHBRXBUFxCR0: BUFSZ[7:0] in 64-bit units. */
export const AHBRXBUFCR0_BUFSZ_MASK = 0xff;

/**
 * Reset values (research/imxrt.md §1.2, LW column): MCR0 0xFFFF80C2 (MDIS set), MCR1 0xFFFFFFFF,
 * MCR2 0x200081F7, AHBCR 0x18, LUTKEY 0x5AF05AF0, LUTCR 2 (unlocked), AHBRXBUFnCR0
 * 0x800n0020, FLSHxCR0 0x10000 (64 MiB), FLSHxCR1 0x63, DLLCR 0x100, everything else 0.
 */
export const FLEXSPI_RESET = {
  MCR0: 0xffff_80c2,
  MCR1: 0xffff_ffff,
  MCR2: 0x2000_81f7,
  AHBCR: 0x0000_0018,
  LUTCR: 0x0000_0002,
  AHBRXBUFCR0: (n: number): number => (0x8000_0020 | (n << 16)) >>> 0,
  FLSHCR0: 0x0001_0000,
  FLSHCR1: 0x0000_0063,
  DLLCR: 0x0000_0100,
} as const;

/** The four flash ports in SFAR order: A1, A2, B1, B2 (research/imxrt.md §1.1). */
export type FlashPort = 'A1' | 'A2' | 'B1' | 'B2';
export const FLASH_PORTS: readonly FlashPort[] = ['A1', 'A2', 'B1', 'B2'];
