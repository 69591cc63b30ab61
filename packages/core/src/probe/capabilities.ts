import { ImxflashError } from '../errors/imxflash-error.js';

/**
 * Optional features a session may offer (STYLE R5): declared by the driver, checked by the
 * caller (`caps.has('checksum') ? checksumVerify : readBackVerify`), never assumed.
 */
export type Capability =
  /** The FlashDevice computes CRC-32 of a flash range on the target (fast verify). */
  | 'checksum'
  /** Reads are about as fast as the link allows (memory-mapped AHB reads, not command round trips). */
  | 'fast-read'
  /** The whole chip can be erased with one command. */
  | 'chip-erase'
  /** The target can be reset. */
  | 'reset'
  /** A RAM image can be loaded and started (SDP JUMP, debugger run). */
  | 'run-ram-image'
  /** Core registers can be read (debug probes). */
  | 'read-registers'
  /** The flash part can be identified by JEDEC ID / SFDP. */
  | 'identify-flash';

export type Capabilities = ReadonlySet<Capability>;

/** Throws CAPABILITY_UNAVAILABLE unless `caps` has `cap`; `what` says who lacks it, e.g. `jlink probe 600112345`. */
export function requireCapability(caps: Capabilities, cap: Capability, what: string): void {
  if (caps.has(cap)) return;
  throw new ImxflashError('CAPABILITY_UNAVAILABLE', `${what} cannot ${describeCapability(cap)}`, {
    hint: 'Use a probe that offers it (see `imxflash probes`), or choose an option that does without it.',
    details: { capability: cap },
  });
}

function describeCapability(cap: Capability): string {
  switch (cap) {
    case 'checksum': return 'compute flash checksums on the target (checksum verify)';
    case 'fast-read': return 'read flash quickly';
    case 'chip-erase': return 'erase the whole chip at once';
    case 'reset': return 'reset the target';
    case 'run-ram-image': return 'load and run a RAM image';
    case 'read-registers': return 'read core registers';
    case 'identify-flash': return 'identify the flash part (JEDEC ID / SFDP)';
  }
}
