// 3-byte-address opcodes and their 4-byte-address forms (research/imxrt.md §2.2, BL enums; §3.3 LUT words).
// Only pairs the research names: a 32 KiB erase (0x52) has none there.
const PAIRS: ReadonlyArray<readonly [number, number]> = [
  [0x03, 0x13], // read
  [0x0b, 0x0c], // fast read
  [0x6b, 0x6c], // 1-1-4 read
  [0xeb, 0xec], // 1-4-4 read
  [0x02, 0x12], // page program
  [0x32, 0x34], // 1-1-4 page program
  [0x38, 0x3e], // 1-4-4 page program
  [0x20, 0x21], // 4 KiB erase
  [0xd8, 0xdc], // 64 KiB erase
];

const TO_FOUR = new Map(PAIRS.map(([three, four]) => [three, four]));
const TO_THREE = new Map(PAIRS.map(([three, four]) => [four, three]));

/** The 4-byte-address form of a 3-byte opcode, or undefined when none is known. */
export function fourByteOpcode(opcode: number): number | undefined {
  return TO_FOUR.get(opcode);
}

/** The 3-byte-address form of a 4-byte opcode; an opcode that is not a 4-byte form comes back unchanged. */
export function threeByteOpcode(opcode: number): number {
  return TO_THREE.get(opcode) ?? opcode;
}
