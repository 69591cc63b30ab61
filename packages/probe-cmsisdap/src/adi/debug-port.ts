import { ImxflashError, type Clock } from '@imxflash/core';
import { decodeConnect, encodeConnect, DAP_PORT } from '../dap/commands/connect.js';
import { decodeHostStatus, encodeHostStatus } from '../dap/commands/host-status.js';
import { decodeSwdConfigure, encodeSwdConfigure } from '../dap/commands/swd-configure.js';
import { decodeSwjClock, encodeSwjClock } from '../dap/commands/swj-clock.js';
import { decodeSwjSequence, encodeSwjSequence, IDLE_LOW, JTAG_TO_SWD, LINE_RESET } from '../dap/commands/swj-sequence.js';
import { decodeTransferConfigure, encodeTransferConfigure, type TransferConfig } from '../dap/commands/transfer-configure.js';
import { decodeWriteAbort, encodeWriteAbort, ABORT_CLEAR_STICKY } from '../dap/commands/write-abort.js';
import type { DapConnection } from '../dap/dap-connection.js';
import { SwdExecutor } from './swd-executor.js';
import { TransferBatch, type ReadSink } from './transfer-batch.js';

/** DP register addresses (research/cmsisdap.md §2.2). */
export const DP = { DPIDR: 0x0, ABORT: 0x0, CTRL_STAT: 0x4, SELECT: 0x8, RESEND: 0x8, RDBUFF: 0xc } as const;
/** CTRL/STAT bits (§2.1). */
export const CTRL_STAT = {
  STICKYORUN: 1 << 1, STICKYCMP: 1 << 4, STICKYERR: 1 << 5, CDBGPWRUPREQ: 1 << 28, CDBGPWRUPACK: 1 << 29, CSYSPWRUPREQ: 1 << 30, CSYSPWRUPACK: 1 << 31,
} as const;
const POWER_ACKS = (CTRL_STAT.CDBGPWRUPACK | CTRL_STAT.CSYSPWRUPACK) >>> 0;

export interface DebugPortOptions {
  readonly swdClockHz: number;
  readonly transfer: TransferConfig;
  /** Tries of the line-reset + DPIDR step (probe-rs retries the setup 5 times). */
  readonly connectTries?: number;
  /** Time allowed for the power-up acknowledge (probe-rs: 1 s). */
  readonly powerUpTimeoutMs?: number;
}

/**
 * The SW-DP as the host drives it (ADIv5, research/cmsisdap.md §2.1–§2.2): the connect sequence
 * (DAP_Connect, clock, transfer configuration, line reset, JTAG-to-SWD, line reset, DPIDR),
 * sticky-error clearing, the power-up handshake, and SELECT caching for AP accesses. Users add
 * accesses to TransferBatches; the SwdExecutor runs them.
 */
export class DebugPort {
  readonly executor: SwdExecutor;
  private select: number | undefined;
  /** The probe's value-match mask (DAP.c keeps it across packets): a repeated mask is not resent. */
  private matchMask: number | undefined;
  private readonly invalidators: (() => void)[] = [];
  dpidr = 0;

  constructor(
    readonly connection: DapConnection,
    private readonly clock: Clock,
    private readonly options: DebugPortOptions,
  ) {
    this.executor = new SwdExecutor(connection, () => this.invalidate());
  }

  /** Registers a cache to drop whenever the DP state is unknown (after a failure or reconnect). */
  onInvalidate(fn: () => void): void {
    this.invalidators.push(fn);
  }

  invalidate(): void {
    this.select = undefined;
    this.matchMask = undefined;
    for (const fn of this.invalidators) fn();
  }

  /** The probe set-up and the wire-level connect (§2.1 steps 1–8). Resolves with DPIDR. */
  async connect(): Promise<number> {
    const c = this.connection;
    decodeConnect(await c.command(encodeConnect(DAP_PORT.SWD)));
    const [clock, config, swd, led] = await c.pipeline([
      encodeSwjClock(this.options.swdClockHz),
      encodeTransferConfigure(this.options.transfer),
      encodeSwdConfigure(),
      encodeHostStatus('connect', true),
    ]);
    decodeSwjClock(clock!);
    decodeTransferConfigure(config!);
    decodeSwdConfigure(swd!);
    decodeHostStatus(led!);
    const tries = this.options.connectTries ?? 5;
    let lastError: unknown;
    for (let attempt = 0; attempt < tries; attempt++) {
      try {
        this.dpidr = await this.lineResetAndReadId();
        await this.clearStickyErrors();
        await this.powerUp();
        return this.dpidr;
      } catch (e) {
        if (!(e instanceof ImxflashError) || !e.code.startsWith('SWD_')) throw e;
        lastError = e;
        await this.clock.sleep(5);
      }
    }
    throw new ImxflashError('DAP_CONNECT_FAILED', `no SWD answer from the target after ${tries} tries`, {
      hint: 'Check the SWD cable (SWDIO, SWCLK, GND), that the board is powered and not held in reset, then retry with a lower --swd-clock.',
      cause: lastError,
    });
  }

  /** Line reset, JTAG-to-SWD, line reset, idle, then DPIDR: the first transfer after a line reset (§2.1 steps 2–5). */
  async lineResetAndReadId(): Promise<number> {
    this.invalidate();
    const responses = await this.connection.pipeline([
      encodeSwjSequence(LINE_RESET.bits, LINE_RESET.data),
      encodeSwjSequence(JTAG_TO_SWD.bits, JTAG_TO_SWD.data),
      encodeSwjSequence(LINE_RESET.bits, LINE_RESET.data),
      encodeSwjSequence(IDLE_LOW.bits, IDLE_LOW.data),
    ]);
    for (const r of responses) decodeSwjSequence(r);
    let id = 0;
    const batch = new TransferBatch('reading DPIDR');
    batch.add({ port: 'dp', register: DP.DPIDR, read: true }, (v) => (id = v));
    await this.executor.run(batch);
    return id;
  }

  /** DAP_WriteABORT with STKCMPCLR | STKERRCLR | WDERRCLR | ORUNERRCLR (0x1E). */
  async clearStickyErrors(): Promise<void> {
    decodeWriteAbort(await this.connection.command(encodeWriteAbort(ABORT_CLEAR_STICKY)));
  }

  /** SELECT 0, CTRL/STAT = CSYSPWRUPREQ | CDBGPWRUPREQ, then poll both ACKs with value match (§2.1 step 8). */
  async powerUp(): Promise<void> {
    const deadline = this.clock.now() + (this.options.powerUpTimeoutMs ?? 1000);
    const request = new TransferBatch('requesting debug power-up');
    this.dpWrite(request, DP.SELECT, 0);
    this.select = 0;
    this.dpWrite(request, DP.CTRL_STAT, (CTRL_STAT.CSYSPWRUPREQ | CTRL_STAT.CDBGPWRUPREQ) >>> 0);
    await this.executor.run(request);
    for (;;) {
      const poll = new TransferBatch('waiting for the debug power-up acknowledge');
      this.setMatchMask(poll, POWER_ACKS);
      poll.add({ port: 'dp', register: DP.CTRL_STAT, read: true, matchValue: POWER_ACKS });
      const failure = await this.executor.tryRun(poll);
      if (failure === undefined) return;
      if (failure.outcome !== 'mismatch') throw this.executor.errorFor(poll, failure);
      if (this.clock.now() > deadline) {
        throw new ImxflashError('SWD_POWER_UP_TIMEOUT', 'the debug port did not acknowledge the power-up request', {
          hint: 'The target may be in a low-power state or held in reset: reset the board, then retry.',
        });
      }
      await this.clock.sleep(1);
    }
  }

  /** Adds a match-mask transfer unless the probe already holds `mask`. */
  setMatchMask(batch: TransferBatch, mask: number): void {
    if (this.matchMask === mask >>> 0) return;
    batch.add({ matchMask: mask >>> 0 });
    this.matchMask = mask >>> 0;
  }

  dpRead(batch: TransferBatch, register: number, sink?: ReadSink): void {
    batch.add({ port: 'dp', register, read: true }, sink);
  }

  dpWrite(batch: TransferBatch, register: number, value: number): void {
    batch.add({ port: 'dp', register, read: false, value: value >>> 0 });
    if (register === DP.SELECT) this.select = value >>> 0;
  }

  /** Makes SELECT point at `apsel` and the bank of `apRegister` (SELECT[31:24] APSEL, [7:4] APBANKSEL), writing it only when it changes. */
  selectAp(batch: TransferBatch, apsel: number, apRegister: number): void {
    const value = ((apsel << 24) | (apRegister & 0xf0)) >>> 0;
    if (this.select !== value) this.dpWrite(batch, DP.SELECT, value);
  }

  apRead(batch: TransferBatch, apsel: number, apRegister: number, sink?: ReadSink, address?: number): void {
    this.selectAp(batch, apsel, apRegister);
    batch.add({ port: 'ap', register: apRegister & 0xc, read: true }, sink, address);
  }

  apWrite(batch: TransferBatch, apsel: number, apRegister: number, value: number, address?: number): void {
    this.selectAp(batch, apsel, apRegister);
    batch.add({ port: 'ap', register: apRegister & 0xc, read: false, value: value >>> 0 }, undefined, address);
  }

  /** A value-match read: the probe re-reads until `(value & mask) == match` (MatchRetry times); mismatch stops the batch. */
  apReadMatch(batch: TransferBatch, apsel: number, apRegister: number, mask: number, match: number, address?: number): void {
    this.selectAp(batch, apsel, apRegister);
    this.setMatchMask(batch, mask);
    batch.add({ port: 'ap', register: apRegister & 0xc, read: true, matchValue: match >>> 0 }, undefined, address);
  }
}
