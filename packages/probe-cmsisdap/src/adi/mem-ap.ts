import { ImxflashError } from '@imxflash/core';
import { blockWordsPerPacket, decodeTransferBlock, encodeTransferBlockRead, encodeTransferBlockWrite } from '../dap/commands/transfer-block.js';
import { encodeTransfer, decodeTransfer, type TransferRequest } from '../dap/commands/transfer.js';
import { transferError } from '../dap/transfer-ack.js';
import { ABORT_CLEAR_STICKY, decodeWriteAbort, encodeWriteAbort } from '../dap/commands/write-abort.js';
import type { DebugPort } from './debug-port.js';
import { TransferBatch, type ReadSink } from './transfer-batch.js';

/** MEM-AP register offsets (research/cmsisdap.md §2.3). */
export const MEM_AP = { CSW: 0x00, TAR: 0x04, DRW: 0x0c, BD0: 0x10, CFG: 0xf4, BASE: 0xf8, IDR: 0xfc } as const;
/**
 * CSW: HPROT data + privileged (bits 25:24, pyOCD's AHB-AP default), size in bits 2:0, AddrInc
 * in bits 5:4. The RT1050 AP is IDR variant 4, so no MasterType bit (§2.3).
 */
export const CSW = { HPROT_DATA_PRIV: 0x0300_0000, SIZE_8: 0, SIZE_16: 1, SIZE_32: 2, INC_OFF: 0x00, INC_SINGLE: 0x10 } as const;
/** TAR auto-increment is only guaranteed within 1 KiB on the RT1050 AHB-AP (§2.4). */
export const TAR_WRAP_BYTES = 0x400;

/**
 * A MEM-AP (AP `apsel`, 0 on the RT1050's Cortex-M7) as the host uses it: 32-bit register
 * accesses and polls added to batches with CSW and TAR caching (a TAR write is skipped when
 * auto-increment already put TAR there), and bulk memory reads/writes of any length and
 * alignment through DAP_TransferBlock, split at 1 KiB TAR boundaries and at the packet size,
 * pipelined.
 */
export class MemAp {
  private csw: number | undefined;
  private tar: number | undefined;

  constructor(
    readonly dp: DebugPort,
    readonly apsel = 0,
  ) {
    dp.onInvalidate(() => {
      this.csw = undefined;
      this.tar = undefined;
    });
  }

  private setCsw(batch: TransferBatch, value: number): void {
    if (this.csw === value) return;
    this.dp.apWrite(batch, this.apsel, MEM_AP.CSW, value);
    this.csw = value;
  }

  private setTar(batch: TransferBatch, address: number): void {
    if (this.tar === address) return;
    this.dp.apWrite(batch, this.apsel, MEM_AP.TAR, address);
    this.tar = address;
  }

  /** After a DRW access: where TAR is now (incrementing within its 1 KiB block, or unchanged). */
  private stepTar(address: number, bytes: number): void {
    if (this.csw === undefined || (this.csw & 0x30) === 0) return;
    this.tar = ((address & ~(TAR_WRAP_BYTES - 1)) | ((address + bytes) & (TAR_WRAP_BYTES - 1))) >>> 0;
  }

  /** One 32-bit write (aligned `address`), AddrInc off so TAR stays on the register. */
  write32(batch: TransferBatch, address: number, value: number): void {
    this.setCsw(batch, CSW.HPROT_DATA_PRIV | CSW.SIZE_32 | CSW.INC_OFF);
    this.setTar(batch, address);
    this.dp.apWrite(batch, this.apsel, MEM_AP.DRW, value, address);
    this.stepTar(address, 4);
  }

  /** One 32-bit read; the value goes to `sink` when the batch runs. */
  read32(batch: TransferBatch, address: number, sink: ReadSink): void {
    this.setCsw(batch, CSW.HPROT_DATA_PRIV | CSW.SIZE_32 | CSW.INC_OFF);
    this.setTar(batch, address);
    this.dp.apRead(batch, this.apsel, MEM_AP.DRW, sink, address);
    this.stepTar(address, 4);
  }

  /**
   * A poll without a host round trip: the probe re-reads the word at `address` until
   * `(value & mask) == match` (DAP_Transfer value match; needs AddrInc off so re-reads hit the
   * same address). A mismatch after MatchRetry re-reads stops the batch there.
   */
  waitFor32(batch: TransferBatch, address: number, mask: number, match: number): void {
    this.setCsw(batch, CSW.HPROT_DATA_PRIV | CSW.SIZE_32 | CSW.INC_OFF);
    this.setTar(batch, address);
    this.dp.apReadMatch(batch, this.apsel, MEM_AP.DRW, mask, match, address);
  }

  /** Consecutive 32-bit writes from `address` with auto-increment (e.g. the FlexSPI TX FIFO window). */
  writeWords(batch: TransferBatch, address: number, words: ArrayLike<number>): void {
    this.setCsw(batch, CSW.HPROT_DATA_PRIV | CSW.SIZE_32 | CSW.INC_SINGLE);
    for (let i = 0; i < words.length; i++) {
      const a = (address + 4 * i) >>> 0;
      this.setTar(batch, a);
      this.dp.apWrite(batch, this.apsel, MEM_AP.DRW, words[i] as number, a);
      this.stepTar(a, 4);
    }
  }

  /** Consecutive 32-bit reads from `address` with auto-increment; `sink(i, value)`. */
  readWords(batch: TransferBatch, address: number, count: number, sink: (index: number, value: number) => void): void {
    this.setCsw(batch, CSW.HPROT_DATA_PRIV | CSW.SIZE_32 | CSW.INC_SINGLE);
    for (let i = 0; i < count; i++) {
      const a = (address + 4 * i) >>> 0;
      this.setTar(batch, a);
      this.dp.apRead(batch, this.apsel, MEM_AP.DRW, (v) => sink(i, v), a);
      this.stepTar(a, 4);
    }
  }

  /** Runs a batch built with this AP's helpers. */
  run(batch: TransferBatch): Promise<void> {
    return this.dp.executor.run(batch);
  }

  async readWord(address: number): Promise<number> {
    let value = 0;
    const batch = new TransferBatch('reading target memory');
    this.read32(batch, address, (v) => (value = v));
    await this.run(batch);
    return value;
  }

  async writeWord(address: number, value: number): Promise<void> {
    const batch = new TransferBatch('writing target memory');
    this.write32(batch, address, value);
    await this.run(batch);
  }

  /** `length` bytes from `address`, any alignment: byte reads at the edges, word blocks between. */
  async readMemory(address: number, length: number): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length && ((address + done) & 3) !== 0) {
      out[done] = await this.readByte(address + done);
      done++;
    }
    const words = Math.floor((length - done) / 4);
    if (words > 0) {
      const data = await this.readBlock32((address + done) >>> 0, words);
      out.set(new Uint8Array(data.buffer, data.byteOffset, words * 4), done);
      done += words * 4;
    }
    for (; done < length; done++) out[done] = await this.readByte(address + done);
    return out;
  }

  /** Writes `data` at `address`, any alignment: byte writes at the edges, word blocks between. */
  async writeMemory(address: number, data: Uint8Array): Promise<void> {
    let done = 0;
    const edge = new TransferBatch('writing target memory');
    while (done < data.length && ((address + done) & 3) !== 0) this.write8(edge, address + done, data[done++]!);
    await this.run(edge);
    const words = Math.floor((data.length - done) / 4);
    if (words > 0) {
      const w = new Uint32Array(words);
      for (let i = 0; i < words; i++) {
        const at = done + 4 * i;
        w[i] = (data[at]! | (data[at + 1]! << 8) | (data[at + 2]! << 16) | (data[at + 3]! << 24)) >>> 0;
      }
      await this.writeBlock32((address + done) >>> 0, w);
      done += words * 4;
    }
    const tail = new TransferBatch('writing target memory');
    while (done < data.length) this.write8(tail, address + done, data[done++]!);
    await this.run(tail);
  }

  private write8(batch: TransferBatch, address: number, byte: number): void {
    this.setCsw(batch, CSW.HPROT_DATA_PRIV | CSW.SIZE_8 | CSW.INC_OFF);
    this.setTar(batch, address >>> 0);
    this.dp.apWrite(batch, this.apsel, MEM_AP.DRW, (byte << (8 * (address & 3))) >>> 0, address >>> 0);
  }

  private async readByte(address: number): Promise<number> {
    let value = 0;
    const batch = new TransferBatch('reading target memory');
    this.setCsw(batch, CSW.HPROT_DATA_PRIV | CSW.SIZE_8 | CSW.INC_OFF);
    this.setTar(batch, address >>> 0);
    this.dp.apRead(batch, this.apsel, MEM_AP.DRW, (v) => (value = (v >>> (8 * (address & 3))) & 0xff), address >>> 0);
    await this.run(batch);
    return value;
  }

  /**
   * Word reads on DRW with auto-increment as DAP_Transfer packets (research/cmsisdap.md §1.4): the
   * executor fills each packet with as many reads as its response holds (15 at 64 bytes, 127 at
   * 512), with the TAR rewrite at a 1 KiB boundary inside the packet rather than in a packet of
   * its own, so every packet carries full data; all pipelined with DAP_PACKET_COUNT in flight.
   * (A DAP_TransferBlock read holds as many words but needs a new command at each TAR rewrite.)
   */
  async readBlock32(address: number, words: number): Promise<Uint32Array> {
    const out = new Uint32Array(words);
    const batch = new TransferBatch(`block read at 0x${address.toString(16).padStart(8, '0')}`);
    // Values arrive in batch order: one sink and one request object serve every word.
    let next = 0;
    const sink: ReadSink = (v) => (out[next++] = v);
    const drwRead = { port: 'ap', register: MEM_AP.DRW & 0xc, read: true } as const;
    this.setCsw(batch, CSW.HPROT_DATA_PRIV | CSW.SIZE_32 | CSW.INC_SINGLE);
    for (let i = 0; i < words; i++) {
      const a = (address + 4 * i) >>> 0;
      if (i === 0 || (a & (TAR_WRAP_BYTES - 1)) === 0) {
        if (i > 0) this.tar = undefined; // wrapped back to the block start: a new TAR
        this.setTar(batch, a);
        this.dp.selectAp(batch, this.apsel, MEM_AP.DRW);
      }
      batch.add(drwRead, sink, a);
    }
    // TAR is past the block (or wrapped): not worth predicting.
    this.afterBlocks();
    await this.run(batch);
    return out;
  }

  async writeBlock32(address: number, words: Uint32Array): Promise<void> {
    const plan = this.blockPlan(address, words.length, 'write', words);
    const responses = await this.dp.connection.pipeline(plan.commands);
    this.afterBlocks();
    for (let i = 0; i < plan.steps.length; i++) {
      const step = plan.steps[i]!;
      if (step.kind === 'setup') {
        const result = decodeTransfer(responses[i]!, step.requests);
        if (result.outcome !== 'ok') await this.blockFailed(result.outcome, step.address);
        continue;
      }
      const result = decodeTransferBlock(responses[i]!, 'write');
      if (result.outcome !== 'ok') await this.blockFailed(result.outcome, (step.address + 4 * result.count) >>> 0);
    }
  }

  private blockPlan(address: number, words: number, direction: 'read' | 'write', data?: Uint32Array) {
    const perPacket = blockWordsPerPacket(this.dp.connection.packetSize, direction);
    const commands: Uint8Array[] = [];
    type Step = { kind: 'setup'; requests: TransferRequest[]; address: number } | { kind: 'block'; wordIndex: number; address: number };
    const steps: Step[] = [];
    let i = 0;
    while (i < words) {
      const a = (address + 4 * i) >>> 0;
      const inPage = (TAR_WRAP_BYTES - (a & (TAR_WRAP_BYTES - 1))) / 4;
      const pageWords = Math.min(inPage, words - i);
      const setup = new TransferBatch('block setup');
      this.setCsw(setup, CSW.HPROT_DATA_PRIV | CSW.SIZE_32 | CSW.INC_SINGLE);
      this.tar = undefined;
      this.setTar(setup, a);
      commands.push(encodeTransfer(setup.requests));
      steps.push({ kind: 'setup', requests: setup.requests, address: a });
      for (let k = 0; k < pageWords; k += perPacket) {
        const n = Math.min(perPacket, pageWords - k);
        const start = i + k;
        commands.push(direction === 'read' ? encodeTransferBlockRead('ap', MEM_AP.DRW & 0xc, n) : encodeTransferBlockWrite('ap', MEM_AP.DRW & 0xc, data!.subarray(start, start + n)));
        steps.push({ kind: 'block', wordIndex: start, address: (address + 4 * start) >>> 0 });
      }
      i += pageWords;
    }
    return { commands, steps };
  }

  /** TAR is past the blocks (or wrapped): not worth predicting. */
  private afterBlocks(): void {
    this.tar = undefined;
  }

  private async blockFailed(outcome: Exclude<ReturnType<typeof decodeTransfer>['outcome'], 'ok'>, address: number): Promise<never> {
    this.dp.invalidate();
    if (outcome === 'wait' || outcome === 'fault') decodeWriteAbort(await this.dp.connection.command(encodeWriteAbort(outcome === 'wait' ? ABORT_CLEAR_STICKY | 1 : ABORT_CLEAR_STICKY)));
    const error: ImxflashError = transferError(outcome, `block transfer at 0x${address.toString(16).padStart(8, '0')}`, { address });
    throw error;
  }
}
