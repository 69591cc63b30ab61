import { ImxflashError } from '@imxflash/core';

/**
 * Words the ROM answers with (research/spsdk.md §1.3). All are byte palindromes, so endianness
 * does not matter; they are read big-endian here.
 */
export const HAB_STATUS = {
  /** HAB closed: production part, only signed images run. */
  CLOSED: 0x1234_3412,
  /** HAB open: development part. */
  OPEN: 0x5678_7856,
} as const;

export const SDP_COMPLETE = {
  WRITE_REGISTER: 0x128a_8a12,
  WRITE_FILE: 0x8888_8888,
  SKIP_DCD_HEADER: 0x900d_d009,
  /** The typical ERROR_STATUS reply: HAB success. */
  HAB_SUCCESS: 0xf0f0_f0f0,
  BAUD_RATE_SET: 0x09d0_0d90,
} as const;

export type HabState = 'open' | 'closed';

/** The HAB word of report 3 / the first 4 UART bytes → open or closed; SDP_BAD_RESPONSE otherwise. */
export function decodeHabStatus(word: number): HabState {
  if (word === HAB_STATUS.OPEN) return 'open';
  if (word === HAB_STATUS.CLOSED) return 'closed';
  throw new ImxflashError('SDP_BAD_RESPONSE', `0x${hex8(word)} is not a HAB status (0x56787856 open, 0x12343412 closed)`, {
    hint: 'The answer was corrupted or something other than the boot ROM answered; power-cycle the board in serial-downloader mode and retry.',
    details: { word },
  });
}

/** Readable name of a ROM completion / status word, for messages. */
export function sdpStatusName(word: number): string {
  switch (word >>> 0) {
    case SDP_COMPLETE.WRITE_REGISTER: return 'write complete (0x128A8A12)';
    case SDP_COMPLETE.WRITE_FILE: return 'file complete (0x88888888)';
    case SDP_COMPLETE.SKIP_DCD_HEADER: return 'DCD header skipped (0x900DD009)';
    case SDP_COMPLETE.HAB_SUCCESS: return 'HAB success (0xF0F0F0F0)';
    case SDP_COMPLETE.BAUD_RATE_SET: return 'baud rate set (0x09D00D90)';
    // research §1.3: seen after a WRITE_FILE whose count did not match the data; meaning UNVERIFIED.
    case 0x8923_2389: return 'data count mismatch? (0x89232389, UNVERIFIED meaning)';
    default: return `0x${hex8(word)}`;
  }
}

/** Checks a completion word; SDP_COMMAND_FAILED naming what was expected and what came. */
export function expectCompletion(word: number, expected: number, command: string): void {
  if (word >>> 0 === expected) return;
  throw new ImxflashError('SDP_COMMAND_FAILED', `${command}: the ROM answered ${sdpStatusName(word)}, expected ${sdpStatusName(expected)}`, {
    hint: 'Check the address (RAM the ROM allows: OCRAM/DTCM above the ROM\'s reserved area) and the length, then power-cycle and retry.',
    details: { command, word: word >>> 0, expected },
  });
}

/** Big-endian u32 at `offset`; SDP_BAD_RESPONSE when the bytes are too few. */
export function readWordBe(bytes: Uint8Array, offset: number, what: string): number {
  if (bytes.length < offset + 4) {
    throw new ImxflashError('SDP_BAD_RESPONSE', `${what}: expected 4 bytes, got ${Math.max(0, bytes.length - offset)}`, {
      hint: 'The answer was cut short; retry, and check the cable.',
      details: { length: bytes.length },
    });
  }
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
}
