import type { MemoryImage } from '../image/memory-image.js';

/** The first two words of a Cortex-M vector table: initial SP and the reset handler (Thumb bit set). */
export interface VectorTable {
  readonly address: number;
  readonly initialSp: number;
  readonly resetHandler: number;
}

/** Reads the vector table at `address`, or undefined when the image has no 8 bytes there. */
export function readVectorTable(image: MemoryImage, address: number): VectorTable | undefined {
  if (!image.covers(address, 8)) return undefined;
  const b = image.read(address, 8);
  const v = new DataView(b.buffer, b.byteOffset, 8);
  return { address, initialSp: v.getUint32(0, true), resetHandler: v.getUint32(4, true) };
}

/**
 * Plausible when the reset handler is a Thumb address (bit 0 set, as every Cortex-M vector must
 * be) inside [codeStart, codeEnd), and the SP is word aligned.
 */
export function isPlausibleVectorTable(vt: VectorTable, codeStart: number, codeEnd: number): boolean {
  const handler = (vt.resetHandler & ~1) >>> 0; // unsigned: SDRAM handlers are ≥ 0x80000000
  return (vt.resetHandler & 1) === 1 && handler >= codeStart && handler < codeEnd && (vt.initialSp & 3) === 0;
}
