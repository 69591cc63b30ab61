import { SeededRandom } from './seeded-random.js';

/**
 * Which way a packet travels between the host tool and the board. For USB a packet is one HID
 * report or bulk transfer; for a UART it is one chunk the binding writes or delivers.
 */
export type LinkDirection = 'to-device' | 'to-host';

/**
 * What a virtual binding does with one packet:
 * - 'pass': deliver it unchanged;
 * - 'drop': lose it silently (the sender's write succeeds, nobody receives it);
 * - `{ corrupt }`: deliver these bytes instead (same length; the original is not modified);
 * - 'disconnect': the link is gone: fail this transfer and every later one as the real binding
 *   fails on a vanished device (TRANSPORT_DISCONNECTED), until `reconnect()`.
 */
export type LinkDecision = 'pass' | 'drop' | { readonly corrupt: Uint8Array } | 'disconnect';

/** A non-'pass' decision, for tests that check what the link did to their traffic. */
export interface LinkFaultEvent {
  /** 1-based number of the packet on the link (both directions counted). */
  readonly packet: number;
  readonly direction: LinkDirection;
  readonly decision: 'drop' | 'corrupt' | 'noise' | 'disconnect';
}

/** Restricts a planned fault to one direction; without it every packet counts. */
export interface LinkFaultScope {
  readonly direction?: LinkDirection;
}

interface PlannedPacketFault {
  readonly kind: 'drop' | 'corrupt';
  readonly direction: LinkDirection | undefined;
  /** The value of the matching counter (total or per direction) at which it fires. */
  readonly atPacket: number;
  readonly byteIndex: number | undefined;
}

/**
 * Link-level fault injection for the virtual bindings (DESIGN.md §5: dropped or corrupted packets,
 * USB disconnect at byte N, UART noise). The plan is set up by a test; each virtual binding calls
 * {@link onPacket} once per packet, in the order the packets cross the link, and obeys the decision.
 *
 * Counting: every `n` is relative to the moment the fault is planned, so `dropPacket(1)` loses
 * the next packet. Dropped packets count as packets but not as bytes (they never arrive); lost
 * bytes of a disconnect are not counted either. Decisions are deterministic: noise comes from a
 * {@link SeededRandom}, never `Math.random`.
 *
 * Order of checks for one packet: disconnect (the link is gone or the packet would cross the byte
 * budget) → planned drop → planned corruption → UART noise.
 */
export class LinkFaults {
  private packets = 0;
  private readonly packetsByDirection: Record<LinkDirection, number> = { 'to-device': 0, 'to-host': 0 };
  private bytes = 0;
  private planned: PlannedPacketFault[] = [];
  private byteBudgetEnd: number | undefined;
  private gone = false;
  private noiseProbability = 0;
  private noiseDirection: LinkDirection | undefined;
  private noiseRandom: SeededRandom | undefined;
  private readonly log: LinkFaultEvent[] = [];

  /** Packets seen so far (every decision counts one). */
  get packetCount(): number {
    return this.packets;
  }

  /** Bytes delivered so far ('pass' and corrupted packets). */
  get byteCount(): number {
    return this.bytes;
  }

  /** True once a disconnect fault has fired and until `reconnect()`. */
  get disconnected(): boolean {
    return this.gone;
  }

  /** Every non-'pass' decision so far, oldest first. */
  get events(): readonly LinkFaultEvent[] {
    return this.log;
  }

  /** Loses the `n`-th packet from now (1 = the next one), in `scope.direction` if given. */
  dropPacket(n: number, scope: LinkFaultScope = {}): void {
    this.plan('drop', n, scope.direction, undefined);
  }

  /**
   * Delivers the `n`-th packet from now with byte `byteIndex` inverted (XOR 0xFF, so any check
   * catches it). Default byte: the middle one (`length >> 1`), away from headers a binding may
   * parse before the payload; an index beyond the packet hits its last byte.
   */
  corruptPacket(n: number, byteIndex?: number, scope: LinkFaultScope = {}): void {
    if (byteIndex !== undefined && !(Number.isInteger(byteIndex) && byteIndex >= 0)) {
      throw new RangeError(`corruptPacket: byte index ${byteIndex} is not a non-negative integer`);
    }
    this.plan('corrupt', n, scope.direction, byteIndex);
  }

  /**
   * Pulls the plug once `n` more bytes have been delivered: packets that fit within the budget
   * pass, the first one that would cross it (and everything after it) gets 'disconnect'.
   */
  disconnectAfterBytes(n: number): void {
    if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`disconnectAfterBytes: ${n} is not a non-negative integer`);
    this.byteBudgetEnd = this.bytes + n;
  }

  /**
   * Line noise: each delivered byte is hit with `probability` (0..1); a hit flips one bit chosen
   * by the same generator. `seed` makes the sequence repeatable. Probability 0 switches noise off.
   */
  uartNoise(probability: number, seed: number, scope: LinkFaultScope = {}): void {
    if (!(probability >= 0 && probability <= 1)) throw new RangeError(`uartNoise: probability ${probability} is not in [0, 1]`);
    this.noiseProbability = probability;
    this.noiseDirection = scope.direction;
    this.noiseRandom = probability > 0 ? new SeededRandom(seed) : undefined;
  }

  /** The device is back (re-enumerated or replugged): later packets are judged again. */
  reconnect(): void {
    this.gone = false;
    this.byteBudgetEnd = undefined;
  }

  /** The decision for one packet; called by the virtual bindings, once per packet, in link order. */
  onPacket(direction: LinkDirection, bytes: Uint8Array): LinkDecision {
    this.packets += 1;
    const inDirection = ++this.packetsByDirection[direction];
    const packet = this.packets;

    if (this.gone || (this.byteBudgetEnd !== undefined && this.bytes + bytes.length > this.byteBudgetEnd)) {
      this.gone = true;
      this.log.push({ packet, direction, decision: 'disconnect' });
      return 'disconnect';
    }

    let corrupted: Uint8Array | undefined;
    let dropped = false;
    if (this.planned.length > 0) {
      const keep: PlannedPacketFault[] = [];
      for (const f of this.planned) {
        const counter = f.direction === undefined ? packet : f.direction === direction ? inDirection : -1;
        if (counter !== f.atPacket) {
          keep.push(f);
          continue;
        }
        if (f.kind === 'drop') {
          dropped = true;
        } else if (bytes.length > 0) {
          corrupted ??= bytes.slice();
          const i = Math.min(f.byteIndex ?? bytes.length >> 1, bytes.length - 1);
          corrupted[i] = (corrupted[i] as number) ^ 0xff;
        }
      }
      this.planned = keep;
    }
    if (dropped) {
      this.log.push({ packet, direction, decision: 'drop' });
      return 'drop';
    }
    if (corrupted !== undefined) this.log.push({ packet, direction, decision: 'corrupt' });

    const random = this.noiseRandom;
    if (random !== undefined && (this.noiseDirection === undefined || this.noiseDirection === direction)) {
      let hit = false;
      for (let i = 0; i < bytes.length; i++) {
        if (random.next() >= this.noiseProbability) continue;
        corrupted ??= bytes.slice();
        corrupted[i] = (corrupted[i] as number) ^ (1 << random.below(8));
        hit = true;
      }
      if (hit) this.log.push({ packet, direction, decision: 'noise' });
    }

    this.bytes += bytes.length;
    return corrupted === undefined ? 'pass' : { corrupt: corrupted };
  }

  private plan(kind: 'drop' | 'corrupt', n: number, direction: LinkDirection | undefined, byteIndex: number | undefined): void {
    if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`${kind}Packet: packet number ${n} must be an integer ≥ 1`);
    const now = direction === undefined ? this.packets : this.packetsByDirection[direction];
    this.planned.push({ kind, direction, atPacket: now + n, byteIndex });
  }
}
