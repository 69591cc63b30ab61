import { BusFault, type BusDevice } from './bus.js';

/**
 * A read-only region (the boot ROM). Reads return its content; any write is a bus error
 * (BusFault 'read-only'), which the debug port reports as FAULT.
 */
export class RomDevice implements BusDevice {
  private readonly bytes: Uint8Array;
  private readonly view: DataView;

  /** `content` is copied; a shorter content is zero-padded to `size`. */
  constructor(
    readonly name: string,
    readonly base: number,
    readonly size: number,
    content: Uint8Array = new Uint8Array(0),
  ) {
    if (content.length > size) throw new RangeError(`${name}: content of ${content.length} bytes exceeds ${size}`);
    this.bytes = new Uint8Array(size);
    this.bytes.set(content);
    this.view = new DataView(this.bytes.buffer);
  }

  read32(offset: number): number {
    return this.view.getUint32(offset, true);
  }

  write32(offset: number): void {
    throw new BusFault((this.base + offset) >>> 0, 'write', 'read-only');
  }

  read8(offset: number): number {
    return this.bytes[offset] as number;
  }

  write8(offset: number): void {
    throw new BusFault((this.base + offset) >>> 0, 'write', 'read-only');
  }

  readBlock(offset: number, length: number): Uint8Array {
    return this.bytes.slice(offset, offset + length);
  }

  writeBlock(offset: number): void {
    throw new BusFault((this.base + offset) >>> 0, 'write', 'read-only');
  }

  /** The content (a copy), for tests and the boot ROM model. */
  peek(address: number, length: number): Uint8Array {
    const off = address - this.base;
    return this.bytes.slice(off, off + length);
  }
}
