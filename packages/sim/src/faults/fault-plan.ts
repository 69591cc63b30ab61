import type { FlashModel } from '../nor/flash-model.js';
import { LinkFaults, type LinkFaultScope } from './link-faults.js';

/**
 * The one fault-injection API of a virtual board (DESIGN.md §5), used by every driver's tests:
 * flash faults go to the board's flash model (its NorFaults and NorArray), link faults to a
 * {@link LinkFaults} that the virtual bindings consult per packet.
 *
 * Every count is relative to the moment the fault is planned: `failNthProgram(1)` fails the next
 * program the part accepts, whatever ran before (the NOR model itself counts from its creation).
 */
export interface FaultPlan {
  /** The link decisions the virtual bindings obey (see LinkFaults.onPacket). */
  readonly link: LinkFaults;

  /**
   * The `n`-th page program from now that the part accepts (1 = the next) takes its normal time
   * and changes nothing; SPI NOR parts do not report it (only a verify catches it).
   */
  failNthProgram(n: number): void;
  /** The `n`-th sector/block/chip erase from now fails the same way. */
  failNthErase(n: number): void;
  /**
   * The bits of `mask` in the flash byte at `flashOffset` are stuck at the matching bits of
   * `value` (a 1 in value: stuck at 1; a 0: stuck at 0). Replaces earlier stuck bits of that byte.
   */
  stickBits(flashOffset: number, mask: number, value: number): void;
  /** Removes every stuck bit (cells keep their current value). */
  unstickBits(): void;
  /** Multiplies every flash busy time (program, erase, status write); 1 = datasheet typical. */
  stretchBusy(factor: number): void;

  /** Link: see LinkFaults.dropPacket. */
  dropPacket(n: number, scope?: LinkFaultScope): void;
  /** Link: see LinkFaults.corruptPacket. */
  corruptPacket(n: number, byteIndex?: number, scope?: LinkFaultScope): void;
  /** Link: see LinkFaults.disconnectAfterBytes. */
  disconnectAfterBytes(n: number): void;
  /** Link: see LinkFaults.uartNoise. */
  uartNoise(probability: number, seed: number, scope?: LinkFaultScope): void;
}

/** A fresh fault plan for one board's flash model (one per board; no shared state). */
export function createFaultPlan(flash: FlashModel): FaultPlan {
  const link = new LinkFaults();
  const count = (what: string, n: number): number => {
    if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`${what}: ${n} must be an integer ≥ 1`);
    return n;
  };
  return {
    link,
    failNthProgram: (n) => flash.faults.failNthProgram(flash.faults.programCount + count('failNthProgram', n)),
    failNthErase: (n) => flash.faults.failNthErase(flash.faults.eraseCount + count('failNthErase', n)),
    stickBits: (flashOffset, mask, value) => {
      if (!(Number.isInteger(flashOffset) && flashOffset >= 0 && flashOffset < flash.part.sizeBytes)) {
        throw new RangeError(`stickBits: offset ${flashOffset} is outside the ${flash.part.sizeBytes}-byte ${flash.part.id}`);
      }
      flash.array.setStuckBits(flashOffset, { stuckAt0: mask & ~value & 0xff, stuckAt1: mask & value & 0xff });
    },
    unstickBits: () => flash.array.clearStuckBits(),
    stretchBusy: (factor) => {
      if (!(factor > 0 && Number.isFinite(factor))) throw new RangeError(`stretchBusy: factor ${factor} must be a positive number`);
      flash.faults.busyScale = factor;
    },
    dropPacket: (n, scope) => link.dropPacket(n, scope),
    corruptPacket: (n, byteIndex, scope) => link.corruptPacket(n, byteIndex, scope),
    disconnectAfterBytes: (n) => link.disconnectAfterBytes(n),
    uartNoise: (probability, seed, scope) => link.uartNoise(probability, seed, scope),
  };
}
