/**
 * CRC16-XMODEM (CCITT): polynomial 0x1021, initial 0, no reflection, no final XOR; check value
 * for "123456789" is 0x31C3 (research/spsdk.md §2.1). `initial` lets a caller continue a CRC
 * over several pieces (header, then payload).
 */
export function crc16Xmodem(bytes: Uint8Array, initial = 0): number {
  let crc = initial & 0xffff;
  for (let i = 0; i < bytes.length; i++) {
    crc ^= bytes[i]! << 8;
    for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}
