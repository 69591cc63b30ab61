/** `0x60002000` style: 8 upper-case hex digits, the way addresses appear in NXP documents. */
export function hex32(n: number): string {
  return '0x' + (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/** Shortest `0x…` form, for sizes and small values. */
export function hex(n: number): string {
  return '0x' + n.toString(16).toUpperCase();
}

/** Space-separated lower-case byte dump: `46 43 46 42`. */
export function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
