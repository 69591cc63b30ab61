/**
 * The flash as the flashing pipeline sees it, whatever the transport (DESIGN §3). Addresses are
 * absolute bus addresses (0x60000000-based on RT10xx), so plans, errors and the user's files
 * all speak the same numbers.
 */

export interface FlashEraseUnit {
  /** Bytes one erase command clears (4096, 32768, 65536 …); a power of two. */
  readonly bytes: number;
  /** Optional: the part's typical time for one erase of this unit (datasheet), used to pick chip erase. */
  readonly typicalMs?: number;
}

export interface FlashGeometry {
  /** Bus address of the flash's first byte (the FlexSPI AHB window start). */
  readonly base: number;
  readonly sizeBytes: number;
  /** Page-program size: a program never needs to cross a multiple of this. */
  readonly pageBytes: number;
  /** Erase units the device can use, smallest first; the smallest is the "sector". */
  readonly eraseUnits: readonly FlashEraseUnit[];
  /**
   * Optional: the part's typical chip-erase time (datasheet). With it and every unit's
   * `typicalMs`, the planner chooses chip erase only when it is faster than the erases it replaces.
   */
  readonly chipEraseTypicalMs?: number;
}

/** One erase: `bytes` at `address`, both multiples of the smallest erase unit. */
export interface EraseRange {
  readonly address: number;
  readonly bytes: number;
}

/** Reports bytes done so far within one call (monotonic, ends at the call's total on success). */
export type ByteProgress = (doneBytes: number) => void;

/** What a program call found on the target (see FlashDevice.program). */
export interface ProgramOutcome {
  /** True when the range already held the data (compared on the target) and nothing was written. */
  readonly unchanged: boolean;
}

export interface FlashDevice {
  readonly geometry: FlashGeometry;
  /**
   * Whether reading is about as cheap as the link allows ('cheap': AHB reads over SWD, J-Link's
   * mem dump) or costs a round trip per small block ('expensive'). The planner reads whole
   * touched sectors to skip unchanged ones only when reads are cheap.
   */
  readonly readCost: 'cheap' | 'expensive';
  /**
   * Optional: how many bytes the orchestrator hands to one `program`, `read` or `checksum` call
   * (default 64 KiB). A device whose every call has a large fixed cost (J-Link: one JLinkExe run)
   * asks for more; progress and abort are checked between calls, so this is also their grain.
   * Rounded down to whole pages.
   */
  readonly preferredOperationBytes?: number;
  /**
   * Resolves with exactly `bytes` bytes at `address`. Rejects FLASH_OUT_OF_RANGE when any byte
   * lies outside the geometry, FLASH_READ_FAILED / TRANSPORT_* on link failure.
   */
  read(address: number, bytes: number, onProgress?: ByteProgress): Promise<Uint8Array>;
  /**
   * Erases every range, in order; afterwards each byte in them reads 0xFF. A range equal to the
   * whole device may use chip erase. Rejects FLASH_ERASE_UNALIGNED when a range is not a
   * multiple of the smallest unit at an aligned address (before erasing anything),
   * FLASH_OUT_OF_RANGE outside the geometry, FLASH_ERASE_FAILED / FLASH_TIMEOUT otherwise.
   */
  erase(ranges: readonly EraseRange[], onProgress?: ByteProgress): Promise<void>;
  /**
   * Programs `data` at `address` (any length, split at page boundaries by the device). NOR
   * semantics: programming can only clear bits, so a byte ends as (old AND new); programming
   * over non-erased bytes is not an error here, verify catches it. Rejects FLASH_OUT_OF_RANGE,
   * FLASH_PROGRAM_FAILED / FLASH_TIMEOUT.
   *
   * A device whose programming compares on the target first (a debugger's flash download, e.g.
   * J-Link's loadbin, which compares and skips what already matches) may resolve with
   * `{ unchanged: true }`: the range was found to hold `data` already and nothing was written.
   * flash() then counts the range as confirmed, not programmed, and does not read it back.
   */
  program(address: number, data: Uint8Array, onProgress?: ByteProgress): Promise<void | ProgramOutcome>;
  /**
   * Optional: CRC-32 (ISO-HDLC, the zlib/PNG one; see flash/crc32.ts) of `bytes` at `address`,
   * computed on the target without moving the data over the link.
   */
  checksum?(address: number, bytes: number): Promise<number>;
  /**
   * Optional: the ranges (bus addresses) the part refuses to erase or program right now, from
   * its block-protect bits; [] when none. flash() refuses a plan that touches one before any
   * erase (FLASH_PROTECTED), instead of erases the part would ignore silently.
   */
  protectedRanges?(): Promise<ReadonlyArray<{ readonly address: number; readonly bytes: number }>>;
}
