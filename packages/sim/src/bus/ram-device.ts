import type { BusDevice } from './bus.js';

/**
 * A RAM region backed by one Uint8Array (ITCM, DTCM, OCRAM, SDRAM). Little-endian word access
 * through a DataView; block access is one `set`/`slice` (no per-byte loops).
 * Power-on content is zero (real SRAM/SDRAM content is undefined; zero keeps runs deterministic).
 */
export class RamDevice implements BusDevice {
  readonly bytes: Uint8Array;
  private readonly view: DataView;

  constructor(
    readonly name: string,
    readonly base: number,
    readonly size: number,
  ) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  read32(offset: number): number {
    return this.view.getUint32(offset, true);
  }

  write32(offset: number, value: number): void {
    this.view.setUint32(offset, value >>> 0, true);
  }

  read8(offset: number): number {
    return this.bytes[offset] as number;
  }

  write8(offset: number, value: number): void {
    this.bytes[offset] = value;
  }

  /** A copy of `length` bytes at `offset`. */
  readBlock(offset: number, length: number): Uint8Array {
    return this.bytes.slice(offset, offset + length);
  }

  writeBlock(offset: number, data: Uint8Array): void {
    this.bytes.set(data, offset);
  }

  /** Test/board access by absolute address, no bus rules: a copy. */
  peek(address: number, length: number): Uint8Array {
    const off = address - this.base;
    return this.bytes.slice(off, off + length);
  }

  /** Test/board access by absolute address, no bus rules. */
  poke(address: number, data: Uint8Array): void {
    this.bytes.set(data, address - this.base);
  }
}
