import type { LinkDirection, LinkFaults } from '@imxflash/sim';

/** What crossed a virtual link: packets each way, and round trips (a host packet answered by the device). */
export interface LinkTraffic {
  readonly packetsOut: number;
  readonly packetsIn: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
  /** Direction changes from host → device to device → host: one per request the host waited on. */
  readonly roundTrips: number;
}

/**
 * Counts the packets every virtual binding hands to `link` (they call `onPacket` once per HID
 * report, bulk transfer or UART chunk, in link order), without changing any decision: the
 * counter wraps the instance's `onPacket`, so the board's fault plan still rules the link.
 */
export function countLinkTraffic(link: LinkFaults): LinkTraffic {
  const t = { packetsOut: 0, packetsIn: 0, bytesOut: 0, bytesIn: 0, roundTrips: 0 };
  let last: LinkDirection | undefined;
  const decide = link.onPacket.bind(link);
  link.onPacket = (direction, bytes) => {
    if (direction === 'to-device') {
      t.packetsOut++;
      t.bytesOut += bytes.length;
    } else {
      t.packetsIn++;
      t.bytesIn += bytes.length;
      if (last === 'to-device') t.roundTrips++;
    }
    last = direction;
    return decide(direction, bytes);
  };
  return t;
}
