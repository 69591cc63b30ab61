import type { DapTransport } from '../transport/dap-transport.js';

/** How long one response may take (probe-rs uses 1 s; a value-match poll adds MatchRetry × the SWD time). */
export const DAP_RESPONSE_TIMEOUT_MS = 2000;

/**
 * The command layer over a transport: one command at a time (`command`), or a list of commands
 * pipelined with up to DAP_PACKET_COUNT outstanding (`pipeline`, research/cmsisdap.md §1.5, as
 * pyOCD does). Commands are serialised: a second caller waits for the first.
 */
export class DapConnection {
  private queue: Promise<unknown> = Promise.resolve();
  /** Host round trips: pipelines run (each one ends with the host waiting for every answer before it goes on). */
  roundTrips = 0;

  constructor(
    readonly transport: DapTransport,
    /** DAP_PACKET_COUNT; 1 until DAP_Info 0xFE was read. */
    public packetCount = 1,
  ) {}

  get packetSize(): number {
    return this.transport.packetSize;
  }

  /** Sends one command and resolves with its response. */
  async command(bytes: Uint8Array): Promise<Uint8Array> {
    const [response] = await this.pipeline([bytes]);
    return response!;
  }

  /**
   * Sends `commands` in order with up to `packetCount` unanswered at a time; resolves with the
   * responses in order. A transport error rejects the whole batch (the link then needs a drain).
   */
  pipeline(commands: readonly Uint8Array[]): Promise<Uint8Array[]> {
    const run = this.queue.then(() => this.runPipeline(commands));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runPipeline(commands: readonly Uint8Array[]): Promise<Uint8Array[]> {
    const responses: Uint8Array[] = [];
    const window = Math.max(1, this.packetCount);
    let sent = 0;
    this.roundTrips += 1;
    while (responses.length < commands.length) {
      while (sent < commands.length && sent - responses.length < window) {
        await this.transport.send(commands[sent]!);
        sent += 1;
      }
      responses.push(await this.transport.receive(DAP_RESPONSE_TIMEOUT_MS));
    }
    return responses;
  }
}
