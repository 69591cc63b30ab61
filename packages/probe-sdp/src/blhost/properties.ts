/** Property tags (research/spsdk.md §2.6) the driver uses. */
export const PROPERTY = {
  CURRENT_VERSION: 1,
  AVAILABLE_PERIPHERALS: 2,
  FLASH_START_ADDRESS: 3,
  FLASH_SIZE: 4,
  FLASH_SECTOR_SIZE: 5,
  AVAILABLE_COMMANDS: 7,
  LAST_ERROR: 9,
  VERIFY_WRITES: 10,
  MAX_PACKET_SIZE: 11,
  RAM_START_ADDRESS: 14,
  RAM_SIZE: 15,
  EXTERNAL_MEMORY_ATTRIBUTES: 25,
} as const;

/** SPSDK's fallback when GetProperty(MaxPacketSize) fails (research §2.2). */
export const DEFAULT_MAX_PACKET_SIZE = 32;

/** CurrentVersion u32 (name char, major, minor, bugfix from MSB to LSB) → "K2.8.0". */
export function formatVersion(word: number): string {
  return `${String.fromCharCode((word >>> 24) & 0xff)}${(word >>> 16) & 0xff}.${(word >>> 8) & 0xff}.${word & 0xff}`;
}

/** ExternalMemoryAttributes (tag 25) reply: a flag word then start, size in KiB, page, sector, block. */
export interface ExternalMemoryAttributes {
  readonly startAddress?: number;
  readonly sizeBytes?: number;
  readonly pageBytes?: number;
  readonly sectorBytes?: number;
  readonly blockBytes?: number;
}

export function decodeExternalMemoryAttributes(values: readonly number[]): ExternalMemoryAttributes {
  const [flags = 0, start, sizeKb, page, sector, block] = values;
  return {
    ...(flags & 0x01 && start !== undefined ? { startAddress: start } : {}),
    ...(flags & 0x02 && sizeKb !== undefined ? { sizeBytes: sizeKb * 1024 } : {}),
    ...(flags & 0x04 && page !== undefined ? { pageBytes: page } : {}),
    ...(flags & 0x08 && sector !== undefined ? { sectorBytes: sector } : {}),
    ...(flags & 0x10 && block !== undefined ? { blockBytes: block } : {}),
  };
}
