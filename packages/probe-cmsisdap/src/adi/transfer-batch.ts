import type { TransferRequest } from '../dap/commands/transfer.js';

/** Receives the value of one read once its packet has come back. */
export type ReadSink = (value: number) => void;

/**
 * A list of SWD transfers to run in order, with where each read's value goes. Built by the
 * DP/MEM-AP helpers, run by SwdExecutor, which packs it into as few DAP_Transfer packets as the
 * packet size allows. `label` names what the batch does, for error messages.
 */
export class TransferBatch {
  readonly requests: TransferRequest[] = [];
  readonly sinks: (ReadSink | undefined)[] = [];
  /** Memory address each request touches, when it is a DRW/BD access (for FAULT messages). */
  readonly addresses: (number | undefined)[] = [];
  /** Indexes that must start a new DAP_Transfer packet (see `breakPacket`). */
  readonly packetStarts = new Set<number>();

  constructor(readonly label: string) {}

  get length(): number {
    return this.requests.length;
  }

  /**
   * The next request starts a new packet: what follows runs only once the probe has received
   * that packet, e.g. a check that needs the link time of a packet to have passed.
   */
  breakPacket(): void {
    if (this.requests.length > 0) this.packetStarts.add(this.requests.length);
  }

  add(request: TransferRequest, sink?: ReadSink, address?: number): void {
    this.requests.push(request);
    this.sinks.push(sink);
    this.addresses.push(address);
  }
}
