/**
 * FlexSPI registers as a host drives them through a probe (SWD, SDP READ/WRITE_REGISTER, JLinkExe
 * w4/mem32): research/imxrt.md §1.2, offsets equal on every RT10xx/RT11xx. The sim keeps its own
 * copy, so it shares no mistake with the drivers it checks.
 */
export const FLEXSPI = {
  MCR0: 0x000, INTR: 0x014, LUTKEY: 0x018, LUTCR: 0x01c, FLSHA1CR0: 0x060, FLSHA1CR2: 0x080,
  IPCR0: 0x0a0, IPCR1: 0x0a4, IPCMD: 0x0b0, IPRXFCR: 0x0b8, IPTXFCR: 0x0bc, STS0: 0x0e0, STS1: 0x0e4,
  IPRXFSTS: 0x0f0, IPTXFSTS: 0x0f4, RFDR0: 0x100, TFDR0: 0x180, LUT0: 0x200,
} as const;
export const MCR0 = { SWRESET: 1 << 0, MDIS: 1 << 1 } as const;
export const INTR = { IPCMDDONE: 1 << 0, IPCMDGE: 1 << 1, AHBCMDGE: 1 << 2, IPCMDERR: 1 << 3, AHBCMDERR: 1 << 4, IPRXWA: 1 << 5, IPTXWE: 1 << 6, SEQTIMEOUT: 1 << 11 } as const;
/** The stale-status clear of §1.5 step 3. */
export const INTR_CLEAR = INTR.AHBCMDERR | INTR.IPCMDERR | INTR.AHBCMDGE | INTR.IPCMDGE | INTR.IPCMDDONE | INTR.SEQTIMEOUT;
export const STS0_IDLE = 0b11; // SEQIDLE | ARBIDLE
export const LUT_KEY = 0x5af0_5af0;
export const LUTCR = { LOCK: 1, UNLOCK: 2 } as const;
export const IPFCR_CLR = 1;
/** IP FIFO size on RT10xx (research/imxrt.md §1.4). */
export const IP_FIFO_BYTES = 128;
/** Watermark field for `bytes` (multiple of 8): (n + 1) × 8 bytes in bits 5:2. */
export function watermarkField(bytes: number): number {
  return ((bytes / 8 - 1) << 2) >>> 0;
}

/** STS1.IPCMDERRCODE meanings (research/imxrt.md §1.2). */
export function ipErrorText(code: number): string {
  switch (code) {
    case 2: return 'JMP_ON_CS in an IP sequence';
    case 3: return 'unknown LUT opcode';
    case 4: return 'DUMMY_SDR in a DDR sequence';
    case 5: return 'DUMMY_DDR in an SDR sequence';
    case 6: return 'address beyond the flash size (FLSHxCR0)';
    case 0xe: return 'sequence timeout';
    case 0xf: return 'flash boundary crossed';
    default: return `error code ${code}`;
  }
}
