/**
 * Flash contents read so far, by address: what the orchestrator knows about the flash before it
 * plans. Chunks never overlap (each range is read once).
 */
export class FlashContents {
  private readonly chunks: { address: number; data: Uint8Array }[] = [];

  add(address: number, data: Uint8Array): void {
    this.chunks.push({ address, data });
    this.chunks.sort((a, b) => a.address - b.address);
  }

  /** The bytes of [address, address + bytes), or undefined unless every one of them was read. */
  get(address: number, bytes: number): Uint8Array | undefined {
    const end = address + bytes;
    const inside = this.chunks.find((c) => c.address <= address && end <= c.address + c.data.length);
    if (inside) return inside.data.subarray(address - inside.address, end - inside.address);
    const out = new Uint8Array(bytes);
    return this.copyInto(address, out) === bytes ? out : undefined;
  }

  /** Copies whatever is known of [address, address + out.length) into `out`; returns how many bytes were known. */
  copyInto(address: number, out: Uint8Array): number {
    const end = address + out.length;
    let known = 0;
    for (const c of this.chunks) {
      const from = Math.max(address, c.address);
      const to = Math.min(end, c.address + c.data.length);
      if (from >= to) continue;
      out.set(c.data.subarray(from - c.address, to - c.address), from - address);
      known += to - from;
    }
    return known;
  }
}
