/**
 * How long the links between host and board take, in one table (DESIGN.md §5, "modelled
 * time"). Drivers' transfers through the sim's bindings advance the board's VirtualClock by these
 * amounts (USB links: per endpoint, pipelined as below), so `--sim` runs report protocol time deterministically and benchmarks can compare a
 * driver against the bound the link allows.
 *
 * Sources: USB 2.0 specification §5.7.3 (interrupt transfers: at most one transaction per
 * (micro)frame per endpoint at the endpoint's bInterval = 1; full-speed frames are 1 ms,
 * high-speed microframes 125 µs; full-speed interrupt max packet 64 bytes, high-speed 1024) and
 * §5.8.3 (high-speed bulk max packet 512 bytes; the bus carries at most 13 such packets per
 * microframe, ≈ 53 MB/s raw). UART: 8N1 framing = 10 bit times per byte. SWD: ADIv5 SWD packets
 * are 8 request + 1 turnaround + 3 ack + 1 turnaround bits, then 32 data + 1 parity bits
 * (+ turnaround on writes): 46 bits for a read, 46 for a write with the trailing turnaround,
 * clocked at the probe's SWCLK.
 *
 * Pipelining (USB links; UsbLinkSchedule in bindings/usb-link-schedule.ts). USB 2.0 §5.3.1/§8.5:
 * every endpoint is its own pipe, and the host controller schedules transactions for each
 * endpoint independently (§5.7.3 for interrupt: one transaction per (micro)frame *per endpoint*;
 * §5.8 for bulk); a device that cannot take an OUT yet answers NAK and the host retries it
 * (§8.5.1). So the model is:
 * - a host write occupies the next free slot(s) of the OUT pipe (`transferMs` from
 *   max(now, OUT pipe free)); the host's clock advances only to the end of that transfer;
 * - the device handles the packet when it has arrived, on the board's own timeline
 *   (VirtualClock.runOnDevice: after its previous packet, time it spends advances board time
 *   only); a device buffers at most `queueDepth` packets (CMSIS-DAP: DAP_PACKET_COUNT,
 *   research/cmsisdap.md §1.5): a further OUT waits (NAK) until the oldest buffered one is done;
 * - a reply crosses the IN pipe from max(ready time, IN pipe free), and the host's read
 *   advances its clock to the reply's arrival.
 * One request then its reply costs OUT + device time + IN, as a serial model does; k packets in
 * flight overlap their OUT, device and IN times. Simplifications: transfers are not aligned to
 * (micro)frame starts, and the bus bandwidth shared by the two directions is not modelled (CMSIS-
 * DAP traffic stays far below one direction's share).
 */
export interface LinkTiming {
  /** Time for one transfer of `bytes` in one direction, in ms. */
  transferMs(bytes: number): number;
  /** Human name, for reports. */
  readonly name: string;
}

export const USB_FULL_SPEED_FRAME_MS = 1;
export const USB_HIGH_SPEED_MICROFRAME_MS = 0.125;
export const USB_FULL_SPEED_INTERRUPT_PACKET = 64;
export const USB_HIGH_SPEED_INTERRUPT_PACKET = 1024;
export const USB_HIGH_SPEED_BULK_PACKET = 512;
/** USB 2.0 §5.8.3, Table 5-10: 13 bulk packets of 512 bytes fit in one high-speed microframe. */
export const USB_HIGH_SPEED_BULK_PACKETS_PER_MICROFRAME = 13;
export const UART_BITS_PER_BYTE = 10;
/** SWD bits per 32-bit DP/AP access, excluding idle cycles (ADIv5.2 §B4.2). */
export const SWD_BITS_PER_TRANSFER = 46;

/** HID interrupt reports: one report of up to `packetBytes` per (micro)frame, per direction. */
export function hidTiming(speed: 'full' | 'high'): LinkTiming {
  const packet = speed === 'full' ? USB_FULL_SPEED_INTERRUPT_PACKET : USB_HIGH_SPEED_INTERRUPT_PACKET;
  const frame = speed === 'full' ? USB_FULL_SPEED_FRAME_MS : USB_HIGH_SPEED_MICROFRAME_MS;
  return {
    name: `USB ${speed}-speed HID (${packet}-byte reports, one per ${frame} ms)`,
    transferMs: (bytes) => Math.max(1, Math.ceil(bytes / packet)) * frame,
  };
}

/** High-speed bulk: 512-byte packets, up to 13 per microframe; a transfer starts on a microframe. */
export function bulkTiming(): LinkTiming {
  return {
    name: 'USB high-speed bulk (512-byte packets, 13 per 125 µs microframe)',
    transferMs: (bytes) => {
      const packets = Math.max(1, Math.ceil(bytes / USB_HIGH_SPEED_BULK_PACKET));
      return Math.ceil(packets / USB_HIGH_SPEED_BULK_PACKETS_PER_MICROFRAME) * USB_HIGH_SPEED_MICROFRAME_MS;
    },
  };
}

/** UART at `baud`, 8N1. */
export function uartTiming(baud: number): LinkTiming {
  return { name: `UART ${baud} baud 8N1`, transferMs: (bytes) => (bytes * UART_BITS_PER_BYTE * 1000) / baud };
}

/** SWD at `clockHz`: time for `transfers` 32-bit accesses (pass the count as `bytes / 4`). */
export function swdTiming(clockHz: number): LinkTiming {
  return {
    name: `SWD ${clockHz / 1e6} MHz`,
    transferMs: (words) => (words * SWD_BITS_PER_TRANSFER * 1000) / clockHz,
  };
}
