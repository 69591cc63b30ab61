/** One AHB RX buffer's content: `data` holds flash bytes [base, base + data.length). */
export interface AhbLine {
  base: number;
  data: Uint8Array;
}

/**
 * The AHB RX buffers (research/imxrt.md §1.2 AHBRXBUFxCR0, §1.4: 4 buffers / 1 KiB on RT10xx,
 * 8 / 4 KiB on RT116x+), modelled as a small line cache:
 * - every buffer with BUFSZ > 0 holds one line of its own size (BUFSZ × 8 bytes), aligned to that
 *   size; a miss prefetches a whole line (as with AHBCR.PREFETCHEN, which the ROM sets, §1.6);
 * - which AHB master uses which buffer (MSTRID) is not modelled: any master hits any line, and a
 *   miss replaces the least recently used line;
 * - with every BUFSZ = 0 nothing is cached and each access fetches its 8-byte-aligned chunk;
 * - lines are never updated by IP program/erase: they stay stale until MCR0.SWRESET
 *   (research §1.5 step 13, the "flush after program" gotcha).
 */
export class AhbReadBuffers {
  /** Most recently used first. */
  private lines: AhbLine[] = [];
  private sizes: number[] = [];

  /** Sets the buffer sizes in bytes (BUFSZ × 8 per AHBRXBUFxCR0) and drops every line. */
  configure(sizesBytes: readonly number[]): void {
    this.sizes = sizesBytes.filter((s) => s > 0).sort((a, b) => b - a);
    this.lines = [];
  }

  /** The size of a line fetched on a miss (the largest buffer), or 8 when no buffer has a size. */
  get lineBytes(): number {
    return this.sizes[0] ?? 8;
  }

  get caching(): boolean {
    return this.sizes.length > 0;
  }

  /** The line holding flash address `address`, made most recent; undefined on a miss. */
  find(address: number): AhbLine | undefined {
    const lines = this.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as AhbLine;
      if (address >= line.base && address < line.base + line.data.length) {
        if (i !== 0) {
          lines.splice(i, 1);
          lines.unshift(line);
        }
        return line;
      }
    }
    return undefined;
  }

  /** Stores a freshly fetched line, evicting the least recently used one when all are taken. */
  insert(line: AhbLine): void {
    if (!this.caching) return;
    this.lines.unshift(line);
    if (this.lines.length > this.sizes.length) this.lines.pop();
  }

  /** MCR0.SWRESET: the buffers are emptied. */
  invalidate(): void {
    this.lines = [];
  }
}
