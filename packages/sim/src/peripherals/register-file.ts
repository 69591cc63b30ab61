import type { BusDevice } from '../bus/bus.js';

/**
 * A block of plain 32-bit registers: what you write is what you read, except offsets marked
 * read-only (writes ignored, as an IPS peripheral ignores writes to a read-only register).
 * Offsets with no reset value given reset to 0. The base of CCM, IOMUXC, SRC and OCOTP.
 */
export class RegisterFile implements BusDevice {
  protected readonly words: Uint32Array;
  private readonly resetWords: Uint32Array;

  constructor(
    readonly name: string,
    readonly base: number,
    readonly size: number,
    resets: Iterable<readonly [offset: number, value: number]> = [],
    private readonly readOnly: ReadonlySet<number> = new Set(),
  ) {
    this.resetWords = new Uint32Array(size >>> 2);
    for (const [offset, value] of resets) this.resetWords[offset >>> 2] = value >>> 0;
    this.words = this.resetWords.slice();
  }

  read32(offset: number): number {
    return this.words[offset >>> 2] as number;
  }

  write32(offset: number, value: number): void {
    if (this.readOnly.has(offset)) return;
    this.words[offset >>> 2] = value >>> 0;
  }

  /** Back to the reset values (a power-on or system reset). */
  reset(): void {
    this.words.set(this.resetWords);
  }

  /** Backdoor read by absolute address (tests, the board). */
  peek(address: number): number {
    return this.words[(address - this.base) >>> 2] as number;
  }

  /** Backdoor write by absolute address, read-only registers included (the board sets them up). */
  poke(address: number, value: number): void {
    this.words[(address - this.base) >>> 2] = value >>> 0;
  }

  protected checkInside(address: number, what: string): number {
    const off = address - this.base;
    if (off < 0 || off >= this.size || (off & 3) !== 0) {
      throw new RangeError(`${what} 0x${(address >>> 0).toString(16)} is not a register of ${this.name} at 0x${this.base.toString(16)}`);
    }
    return off;
  }
}
