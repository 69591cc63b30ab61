import type { FlashType } from './boot-config.js';

/**
 * How the ROM reads the FCB before it has one (research/imxrt.md §5 step 2): LUT sequence 0 chosen
 * by the boot config's flash type, at the safe 30 MHz.
 */
export interface SafeReadSetup {
  /** LUT sequence 0 (4 words). */
  readonly lut: readonly [number, number, number, number];
  /** FLSHA1CR1.WA and CAS (HyperFlash is word-addressed with 3 column bits, research §1.3, §2.5). */
  readonly wordAddressable: boolean;
  readonly columnAddressBits: number;
  /** MCR0.RXCLKSRC. */
  readonly readSampleClkSrc: number;
  /** For the trace. */
  readonly description: string;
}

/** The ROM's safe serial clock (research/imxrt.md §1.6, §3.2: enum 1 = 30 MHz on every chip). */
export const SAFE_SERIAL_CLOCK_MHZ = 30;

/**
 * FLSHA1CR0 while the FCB is read: 64 MiB, the register's reset value (research §1.2). The ROM's
 * actual value is UNVERIFIED; anything covering the FCB and the initial load region works.
 */
export const SAFE_FLASH_SIZE_KB = 0x1_0000;

/**
 * The safe read per flash type:
 * - QSPI 3-byte: 0x03 with a 24-bit address, 1 pad: `0x08180403, 0x00002404` (research §3.3
 *   "basic read", §5 step 2; BL's default basic-read LUT; the exact ROM LUT is UNVERIFIED).
 * - QSPI 4-byte: 0x13 with a 32-bit address: `0x08200413, 0x00002404` (research §3.3, §5 step 2).
 * - HyperFlash: a DDR 8-pad read. The words are those of the EVKB HyperFlash FCB's sequence 0
 *   (`0x8B1887A0, 0xB30C8F10, 0x0000A704`, research §3.3 (c)); that the ROM uses this very
 *   sequence for its safe read is UNVERIFIED.
 * Octal DDR, reserved and the secondary-pinmux QSPI type: undefined (not modelled: the chip
 * database knows only the primary FlexSPI A pads).
 */
export function safeReadSetup(flashType: FlashType): SafeReadSetup | undefined {
  switch (flashType) {
    case 'qspi-3b':
      return { lut: [0x0818_0403, 0x0000_2404, 0, 0], wordAddressable: false, columnAddressBits: 0, readSampleClkSrc: 0, description: '0x03 1-1-1 read, 24-bit address' };
    case 'qspi-4b':
      return { lut: [0x0820_0413, 0x0000_2404, 0, 0], wordAddressable: false, columnAddressBits: 0, readSampleClkSrc: 0, description: '0x13 1-1-1 read, 32-bit address' };
    case 'hyperflash-1v8':
    case 'hyperflash-3v3':
      return {
        lut: [0x8b18_87a0, 0xb30c_8f10, 0x0000_a704, 0],
        wordAddressable: true,
        columnAddressBits: 3,
        readSampleClkSrc: 3,
        description: 'HyperFlash DDR 8-pad read 0xA0 (UNVERIFIED as the ROM\'s safe read)',
      };
    default:
      return undefined;
  }
}
