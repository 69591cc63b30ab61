import { ImxflashError } from '@imxflash/core';
import { decodeTransfer, encodeTransfer, requestHasData, responseHasData, type TransferRequest } from '../dap/commands/transfer.js';
import { decodeWriteAbort, encodeWriteAbort, ABORT, ABORT_CLEAR_STICKY } from '../dap/commands/write-abort.js';
import type { DapConnection } from '../dap/dap-connection.js';
import { transferError, type TransferOutcome } from '../dap/transfer-ack.js';
import type { TransferBatch } from './transfer-batch.js';

/** Where a batch stopped, when it did not complete. */
export interface BatchFailure {
  readonly outcome: Exclude<TransferOutcome, 'ok'>;
  /** Index in the batch of the transfer that failed. */
  readonly index: number;
  readonly address: number | undefined;
}

/**
 * Runs TransferBatches as DAP_Transfer packets (research/cmsisdap.md §1.4): packs transfers while
 * the request (3 + 1 per read + 5 per write) and the response (3 + 4 per read) fit the packet
 * size and the count stays ≤ 255, then pipelines the packets. After a failure it clears the
 * target's error state (WAIT: ABORT.DAPABORT; FAULT: ABORT 0x1E) and reports where it stopped;
 * `onFailure` lets the DP drop its caches (SELECT, CSW, TAR are unknown after a failure).
 */
export class SwdExecutor {
  /** Transfers and packets sent, for reports. */
  transfers = 0;
  packets = 0;

  constructor(
    private readonly connection: DapConnection,
    private readonly onFailure: () => void,
  ) {}

  /** Splits `requests` into DAP_Transfer-sized groups, starting a new one at each of `packetStarts`. */
  pack(requests: readonly TransferRequest[], packetStarts: ReadonlySet<number> = new Set()): TransferRequest[][] {
    const size = this.connection.packetSize;
    const groups: TransferRequest[][] = [];
    let group: TransferRequest[] = [];
    let out = 3;
    let back = 3;
    for (let index = 0; index < requests.length; index++) {
      const r = requests[index]!;
      const o = requestHasData(r) ? 5 : 1;
      const i = responseHasData(r) ? 4 : 0;
      if (group.length > 0 && (out + o > size || back + i > size || group.length === 255 || packetStarts.has(index))) {
        groups.push(group);
        group = [];
        out = 3;
        back = 3;
      }
      group.push(r);
      out += o;
      back += i;
    }
    if (group.length > 0) groups.push(group);
    return groups;
  }

  /**
   * Runs the batch. Resolves undefined when every transfer completed (reads delivered to their
   * sinks), or the failure — a value mismatch included, which polls use as their "done" signal.
   */
  async tryRun(batch: TransferBatch): Promise<BatchFailure | undefined> {
    if (batch.length === 0) return undefined;
    const groups = this.pack(batch.requests, batch.packetStarts);
    const responses = await this.connection.pipeline(groups.map((g) => encodeTransfer(g)));
    this.packets += groups.length;
    let base = 0;
    let failure: BatchFailure | undefined;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      const result = decodeTransfer(responses[g]!, group);
      this.transfers += result.count;
      if (failure === undefined) {
        let read = 0;
        for (let k = 0; k < result.count; k++) {
          const r = group[k]!;
          if (responseHasData(r)) batch.sinks[base + k]?.(result.reads[read++]!);
        }
        if (result.outcome !== 'ok') failure = { outcome: result.outcome, index: base + result.count, address: batch.addresses[base + result.count] };
      }
      base += group.length;
    }
    if (failure !== undefined) {
      // Transfers after the stop never ran, so what the caches assumed they set (SELECT, CSW, TAR,
      // the match mask) is unknown, a value-match stop included.
      this.onFailure();
      if (failure.outcome !== 'mismatch') await this.recover(failure.outcome);
    }
    return failure;
  }

  /** Runs the batch; any failure (mismatch included) becomes its coded error. */
  async run(batch: TransferBatch): Promise<void> {
    const failure = await this.tryRun(batch);
    if (failure !== undefined) throw this.errorFor(batch, failure);
  }

  errorFor(batch: TransferBatch, failure: BatchFailure): ImxflashError {
    const at = failure.address !== undefined ? ` at 0x${failure.address.toString(16).padStart(8, '0')}` : '';
    return transferError(failure.outcome, `${batch.label}${at}`, {
      transfer: failure.index,
      ...(failure.address !== undefined ? { address: failure.address } : {}),
    });
  }

  /** Clears what the failure left behind so the next batch starts clean (pyOCD DebugPort._handle_error). */
  private async recover(outcome: Exclude<TransferOutcome, 'ok'>): Promise<void> {
    if (outcome === 'no-ack' || outcome === 'protocol-error') return; // the DP needs a line reset: the caller reconnects
    const abort = outcome === 'wait' ? ABORT.DAPABORT | ABORT_CLEAR_STICKY : ABORT_CLEAR_STICKY;
    decodeWriteAbort(await this.connection.command(encodeWriteAbort(abort)));
  }
}
