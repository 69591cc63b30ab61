/** Hex string of bytes, space separated, lower case: `5a a4 0c 00`. */
export function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Bytes from a hex string with any whitespace: `'5A A4 0C 00'`. */
export function bytesOf(text: string): Uint8Array {
  const parts = text.trim().split(/\s+/).filter((s) => s !== '');
  return Uint8Array.from(parts, (p) => Number.parseInt(p, 16));
}
