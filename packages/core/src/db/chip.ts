/**
 * An i.MX RT chip family, as data (STYLE R11): memory map, FlexSPI instances, boot layout, the
 * serialClkFreq enum, USB IDs. Each entry cites its sources (research/imxrt.md, spsdk.md).
 */
export interface Chip {
  /** Canonical id: `rt1050`. */
  readonly id: string;
  /** Other names accepted on the command line: `rt1051`, `rt1052`, `mimxrt1052`. */
  readonly aliases: readonly string[];
  readonly name: string;
  readonly core: 'cortex-m7' | 'cortex-m33';
  readonly memory: readonly MemoryRegion[];
  readonly flexspi: readonly FlexspiInstance[];
  /** Index into `flexspi` of the instance the ROM boots from. */
  readonly bootFlexspi: number;
  /** Where the ROM looks for the FCB, as an offset from the boot flash base (0x0 or 0x400). */
  readonly fcbOffset: number;
  /** IVT offset from the boot flash base (0x1000 on every RT10xx/RT11xx). */
  readonly ivtOffset: number;
  /** What the ROM reads first from NOR (0x2000). */
  readonly initialLoadSize: number;
  /** Boot header the ROM expects after the FCB. */
  readonly bootHeader: 'ivt' | 'container';
  readonly dcdSupported: boolean;
  /** FCB serialClkFreq enum value → MHz (research/imxrt.md §3.2; it differs per chip). */
  readonly serialClkFreqMhz: Readonly<Record<number, number>>;
  /** ROM serial downloader USB IDs (the first is the expected one). */
  readonly romUsb: readonly UsbId[];
  /** NXP flashloader (blhost) USB ID. */
  readonly flashloaderUsb: UsbId;
  /** Where NXP's flashloaders for this chip are usually loaded (informative; parse the IVT). */
  readonly flashloaderLoadAddresses: readonly number[];
  /** RAM the ROM uses while booting or in the serial downloader; a non-XIP image must avoid it. */
  readonly romReservedRam: readonly AddressRange[];
  /** SRC / OCOTP register addresses used by `doctor`-style reports. */
  readonly registers: { readonly srcSbmr1: number; readonly srcSbmr2: number; readonly ocotpBase: number };
  /**
   * What must be on before the boot FlexSPI answers: its clock gate and the pad mux of its port-A
   * pins. Used by host-side programming over SWD and by the virtual board; absent where not known.
   */
  readonly flexspiBringUp?: FlexspiBringUp;
  readonly source: string;
  readonly unverified?: readonly string[];
}

export interface UsbId {
  readonly vid: number;
  readonly pid: number;
}

export interface AddressRange {
  readonly start: number;
  /** One past the last byte. */
  readonly end: number;
  readonly note?: string;
}

export interface MemoryRegion {
  /** `CM4_DTCM`: the RT117x Cortex-M4 data TCM as the CM7 sees it (0x20200000). */
  readonly name: 'ITCM' | 'DTCM' | 'OCRAM' | 'OCRAM2' | 'SDRAM' | 'FLEXSPI' | 'FLEXSPI2' | 'ROM' | 'CM4_DTCM';
  readonly kind: 'ram' | 'flash' | 'rom';
  readonly start: number;
  /** Largest size the region can have (FlexRAM fully assigned to it, or the window size). */
  readonly sizeBytes: number;
  /**
   * Bytes usable straight out of reset with the default FlexRAM fuses; a RAM app beyond this
   * needs FlexRAM reconfiguration that the ROM does not do.
   */
  readonly defaultEnabledBytes: number;
  /**
   * Needs external setup before use: SDRAM needs a DCD on RT10xx, and an XMCD on RT116x/117x,
   * whose ROM has no DCD. `defaultEnabledBytes` then says what is usable once that setup ran.
   */
  readonly needsInit?: 'dcd' | 'xmcd';
  readonly note?: string;
}

export interface FlexspiInstance {
  readonly name: 'FLEXSPI' | 'FLEXSPI1' | 'FLEXSPI2';
  readonly registerBase: number;
  /** AHB (XIP) window. */
  readonly ahbWindow: AddressRange;
  /** AHB view of the IP RX / TX FIFOs (ARDF / ATDF). */
  readonly ardf: number;
  readonly atdf: number;
  /** Bytes in each IP FIFO (128 on RT10xx). */
  readonly ipFifoBytes: number;
  readonly ahbRxBuffers: number;
  /** LUT words (64, or 128 on RT1180). */
  readonly lutWords: number;
}

export interface FlexspiBringUp {
  /** CCM clock-gate register and the low bit of its 2-bit CG field (11 = on in run and wait). */
  readonly clockGate: { readonly register: number; readonly shift: number };
  /** IOMUXC SW_MUX_CTL_PAD registers of the FlexSPI port-A pins and the ALT value that selects FlexSPI. */
  readonly pads: readonly { readonly signal: string; readonly muxRegister: number; readonly alt: number }[];
}
