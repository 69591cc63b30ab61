/**
 * The 48-bit HyperBus command-address (CA) word, as the bytes arrive on the wire (most
 * significant first). research/imxrt.md §2.5 and the golden HyperFlash FCB LUT §3.3(c):
 *
 * - CA[47] R/W# (1 = read), CA[46] address space (0 = memory, 1 = register), CA[45] burst type
 *   (1 = linear, 0 = wrapped). The FCB read sends CMD_DDR 0xA0: read, memory, linear.
 * - CA[44:16] row address = word address bits 31:3 (FlexSPI: RADDR_DDR 24 bits for CA[39:16],
 *   CA[44:40] ride in the command byte, 0 on a 64 MiB part).
 * - CA[15:3] reserved (0), CA[2:0] column = word address bits 2:0 (CADDR_DDR 16 bits, FLSHCR1.CAS = 3).
 *
 * Check against the SDK LUT: the unlock write CMD_DDR 00 00 00 AA 00 05 decodes to word 0x555, and
 * 00 00 00 55 00 02 to word 0x2AA (research §2.5 "addresses as the bytes 0x00,0xAA / 0x00,0x05").
 * The R/W#, AS and burst bit positions are from the HyperBus specification from memory: UNVERIFIED
 * beyond the 0xA0 read command they agree with.
 */
export const HYPERBUS_CA_BYTES = 6;

export interface HyperBusCommandAddress {
  readonly read: boolean;
  readonly registerSpace: boolean;
  readonly linearBurst: boolean;
  /** Word (16-bit) address. */
  readonly wordAddress: number;
}

export function decodeHyperBusCa(ca: Uint8Array): HyperBusCommandAddress {
  if (ca.length < HYPERBUS_CA_BYTES) throw new RangeError(`a HyperBus CA is ${HYPERBUS_CA_BYTES} bytes, got ${ca.length}`);
  const b0 = ca[0]!;
  const row = (b0 & 0x1f) * 0x100_0000 + ca[1]! * 0x1_0000 + ca[2]! * 0x100 + ca[3]!;
  return {
    read: (b0 & 0x80) !== 0,
    registerSpace: (b0 & 0x40) !== 0,
    linearBurst: (b0 & 0x20) !== 0,
    wordAddress: row * 8 + (ca[5]! & 0x07),
  };
}

export function encodeHyperBusCa(c: HyperBusCommandAddress): Uint8Array {
  const row = Math.floor(c.wordAddress / 8);
  return Uint8Array.of(
    (c.read ? 0x80 : 0) | (c.registerSpace ? 0x40 : 0) | (c.linearBurst ? 0x20 : 0) | (Math.floor(row / 0x100_0000) & 0x1f),
    (row >>> 16) & 0xff,
    (row >>> 8) & 0xff,
    row & 0xff,
    0,
    c.wordAddress & 0x07,
  );
}
