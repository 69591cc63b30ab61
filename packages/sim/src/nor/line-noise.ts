/**
 * What the controller samples when a flash model does not drive the data lines properly.
 *
 * - `UNDRIVEN_BYTE` (0xFF): nobody drives the lines (the part ignores the command, or the host
 *   clocks before the part starts driving). Modelled as pulled-up lines reading 1s; boards differ
 *   (UNVERIFIED assumption, chosen so an ignored read looks like erased flash or a busy status).
 * - `noiseBytes`: the part drives, but the transfer is misread, e.g. a 4-pad data phase to a
 *   part whose QE bit is clear (IO2/IO3 are still WP#/HOLD#, research/imxrt.md "Gotchas"). A
 *   deterministic xorshift32 stream seeded per transaction, so test runs repeat exactly and the
 *   bytes are almost never the array's bytes.
 */
export const UNDRIVEN_BYTE = 0xff;

/** Deterministic pseudo-random bytes; `state` carries the generator across calls (never 0). */
export class LineNoise {
  private state: number;

  constructor(seed: number) {
    this.state = (Math.imul(seed ^ 0x9e37_79b9, 0x85eb_ca6b) ^ 0xc2b2_ae35) >>> 0 || 1;
  }

  next(count: number): Uint8Array {
    const out = new Uint8Array(count);
    let x = this.state;
    for (let i = 0; i < count; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out[i] = x >>> 24;
    }
    this.state = x >>> 0 || 1;
    return out;
  }
}
