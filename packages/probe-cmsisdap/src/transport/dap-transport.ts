/**
 * One CMSIS-DAP link (research/cmsisdap.md §1.6): v1 HID reports or v2 bulk transfers. Commands
 * go out whole; each `receive` returns one response packet. The transport does not interpret
 * DAP bytes; DapConnection does.
 */
export interface DapTransport {
  readonly version: 'v1' | 'v2';
  /** DAP_PACKET_SIZE in use: the USB report / endpoint size until DAP_Info 0xFF says otherwise. */
  packetSize: number;
  /** Sends one command (≤ packetSize bytes). Rejects TRANSPORT_DISCONNECTED / TRANSPORT_TIMEOUT. */
  send(command: Uint8Array): Promise<void>;
  /** The next response packet (HID: a full report, padding included). Rejects TRANSPORT_TIMEOUT after `timeoutMs`. */
  receive(timeoutMs: number): Promise<Uint8Array>;
  /** Discards stale responses left by an earlier session (reads with a short timeout until none come). */
  drain(): Promise<void>;
  close(): Promise<void>;
  readonly stats: TransportStats;
}

export interface TransportStats {
  /** Command packets sent (a v2 zero-length packet is not counted). */
  packetsOut: number;
  packetsIn: number;
  bytesOut: number;
  bytesIn: number;
}

export function newTransportStats(): TransportStats {
  return { packetsOut: 0, packetsIn: 0, bytesOut: 0, bytesIn: 0 };
}
