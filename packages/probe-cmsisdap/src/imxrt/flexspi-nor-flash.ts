import { flexspiRegisters, ImxflashError, protectedRangesFor, withEraseTiming, type ByteProgress, type EraseRange, type FlashDevice, type FlashGeometry, type FlashPart } from '@imxflash/core';
import { TransferBatch } from '../adi/transfer-batch.js';
import type { FlexspiHost, IpCommandResult } from './flexspi-host.js';
import { buildNorLut, eraseSequenceFor, NOR_SEQ } from './nor-lut.js';

const { FLEXSPI } = flexspiRegisters;

export interface FlexspiNorFlashOptions {
  /** Busy polls sent per round trip after a page program (default 2). */
  readonly pagePollsPerRoundTrip?: number;
  /** Host wait between poll rounds of an erase (default 1 ms). */
  readonly erasePollIntervalMs?: number;
  /**
   * Pages whose commands go out as one batch, packed into full packets and pipelined (default 1).
   * Worth it when a packet takes longer on the link than a page program on the flash (full-speed
   * HID: 1 ms per report vs ~0.2 ms), so each page's ready check meets a finished flash; on a
   * fast link the probe would reach the check while the flash is still busy, and one page per
   * round trip lets the round trip cover the program time.
   */
  readonly pagesPerBatch?: number;
  /** Attempts of one page, erase or read chunk after WAIT, a protocol error or a lost packet (default 3). */
  readonly attempts?: number;
}

/**
 * The boot flash as a FlashDevice, driven by FlexSPI IP commands from the host (research/
 * cmsisdap.md §3.5): WREN + sector/block/chip erase or WREN + page program through the TX FIFO,
 * each followed by busy polls that the probe runs with value match (one host round trip per page
 * while the flash is quick). Reads go through the AHB window, after an AHB buffer flush whenever
 * IP commands changed the flash. A page, erase or read that fails on WAIT, a protocol error, a
 * lost or mangled USB packet is rerun after the link is cleaned up (erasing or programming the
 * same data twice gives the same flash content).
 */
export class FlexspiNorFlash implements FlashDevice {
  readonly geometry: FlashGeometry;
  readonly readCost = 'cheap' as const;
  /** Round trips and polls spent, for reports. */
  readonly stats = { pages: 0, erases: 0, pollRounds: 0, retries: [] as string[] };
  private readonly pagePolls: number;
  /**
   * Flash offset of the last page program, whose busy time is not waited for at once: the next
   * page's batch starts with a read-status check that expects "ready" (by then the round trip
   * has covered the typical program time), and any other operation waits for it first.
   */
  private programPending: number | undefined;

  constructor(
    private readonly host: FlexspiHost,
    readonly part: FlashPart,
    private readonly options: FlexspiNorFlashOptions = {},
  ) {
    // With the part's typical erase times the planner picks chip erase only where it is faster.
    this.geometry = withEraseTiming(
      { base: host.ahbBase, sizeBytes: part.sizeBytes, pageBytes: part.pageBytes, eraseUnits: part.eraseUnits.map((u) => ({ bytes: u.bytes })) },
      part,
    );
    // One poll is about 60 request bytes (research/cmsisdap.md §1.4 sizes: 9 writes/reads with TAR).
    // Two polls cover a typical page program at SWD speed (each poll plus its match retries takes
    // about as long as the part's typical program time); more would spill into packets that run
    // after "ready" for nothing.
    this.pagePolls = options.pagePollsPerRoundTrip ?? 2;
  }

  async read(address: number, bytes: number, onProgress?: ByteProgress): Promise<Uint8Array> {
    this.checkRange(address, bytes);
    await this.finishProgram();
    if (this.host.ahbStale) await this.host.flushAhb();
    const out = new Uint8Array(bytes);
    const chunk = 16 * 1024;
    for (let done = 0; done < bytes; done += chunk) {
      const n = Math.min(chunk, bytes - done);
      const at = (address + done) >>> 0;
      await this.retry(`read at 0x${at.toString(16)}`, async () => out.set(await this.host.ap.readMemory(at, n), done));
      onProgress?.(done + n);
    }
    if (bytes === 0) onProgress?.(0);
    return out;
  }

  async erase(ranges: readonly EraseRange[], onProgress?: ByteProgress): Promise<void> {
    await this.finishProgram();
    const sector = this.geometry.eraseUnits[0]!.bytes;
    for (const r of ranges) {
      this.checkRange(r.address, r.bytes);
      if ((r.address - this.geometry.base) % sector !== 0 || r.bytes % sector !== 0) {
        throw new ImxflashError('FLASH_ERASE_UNALIGNED', `erase of ${r.bytes} bytes at 0x${r.address.toString(16)} is not aligned to the ${sector}-byte sector`, {
          hint: 'Erase whole sectors (the planner does this for you).',
          details: { address: r.address, bytes: r.bytes, sector },
        });
      }
    }
    let done = 0;
    for (const r of ranges) {
      if (r.address === this.geometry.base && r.bytes === this.geometry.sizeBytes) {
        await this.eraseOne(NOR_SEQ.CHIP_ERASE, 0, this.part.timing.chipEraseMs.max);
        done += r.bytes;
        onProgress?.(done);
        continue;
      }
      let offset = r.address - this.geometry.base;
      const end = offset + r.bytes;
      while (offset < end) {
        // The largest erase unit that is aligned and fits.
        const unit = [...this.part.eraseUnits].reverse().find((u) => offset % u.bytes === 0 && offset + u.bytes <= end)!;
        await this.eraseOne(eraseSequenceFor(this.part, unit.bytes)!, offset, this.part.timing.eraseMs[unit.bytes]?.max ?? 2000);
        offset += unit.bytes;
        done += unit.bytes;
        onProgress?.(done);
      }
    }
  }

  async program(address: number, data: Uint8Array, onProgress?: ByteProgress): Promise<void> {
    this.checkRange(address, data.length);
    const page = this.geometry.pageBytes;
    const pages: { offset: number; data: Uint8Array; end: number }[] = [];
    let offset = address - this.geometry.base;
    let done = 0;
    while (done < data.length) {
      const n = Math.min(page - (offset % page), data.length - done);
      pages.push({ offset, data: data.subarray(done, done + n), end: done + n });
      offset += n;
      done += n;
    }
    const group = Math.max(1, Math.floor(this.options.pagesPerBatch ?? 1));
    for (let i = 0; i < pages.length; i += group) {
      const slice = pages.slice(i, i + group);
      await this.retry(`page program at 0x${(this.geometry.base + slice[0]!.offset).toString(16)}`, () => this.programPages(slice));
      // The last page's progress is reported once the flash finished it.
      if (slice.at(-1)!.end < data.length) onProgress?.(slice.at(-1)!.end);
    }
    await this.finishProgram();
    onProgress?.(done);
  }

  /** Waits until the last page program is done (poll rounds), so the next operation meets an idle flash. */
  private async finishProgram(): Promise<void> {
    const offset = this.programPending;
    if (offset === undefined) return;
    await this.retry(`page program at 0x${(this.geometry.base + offset).toString(16)}`, () => this.waitReady(offset, this.part.timing.pageProgramUs.max / 1000, 0));
    this.programPending = undefined;
  }

  /**
   * Switches AHB reads (sequence 0) to the part's quad read when its SR1 QE bit reads set: reads
   * and verify then move 4 bits per flash clock. False (reads stay 1-1-1) for other parts.
   */
  async useQuadReads(): Promise<boolean> {
    const qe = this.part.quadEnable;
    if (this.part.quadRead === null || this.part.addressBytes !== 3 || qe === null || qe.register !== 'sr1') return false;
    await this.finishProgram();
    const status = (await this.host.command({ seq: NOR_SEQ.READ_STATUS, address: 0, rxBytes: 1 }, 'reading the status register', 'FLASH_READ_FAILED'))[0]!;
    if ((status & (1 << qe.bit)) === 0) return false;
    await this.host.loadLut(buildNorLut(this.part, { quadRead: true }));
    await this.host.flushAhb();
    return true;
  }

  /** The array the part's block-protect bits guard now (see block-protect.ts); [] when none is set. */
  async protectedRanges(): Promise<Array<{ address: number; bytes: number }>> {
    await this.finishProgram();
    const status = (await this.host.command({ seq: NOR_SEQ.READ_STATUS, address: 0, rxBytes: 1 }, 'reading the status register', 'FLASH_READ_FAILED'))[0]!;
    return protectedRangesFor(this.part, this.geometry.base, status);
  }

  /** Sets the part's Quad Enable bit when it is clear (needed before the ROM boots a quad-read FCB). */
  async ensureQuadEnable(): Promise<boolean> {
    const qe = this.part.quadEnable;
    if (qe === null || qe.register !== 'sr1') return false; // only the SR1-bit-6 method is driven from here
    await this.finishProgram();
    const status = (await this.host.command({ seq: NOR_SEQ.READ_STATUS, address: 0, rxBytes: 1 }, 'reading the status register', 'FLASH_READ_FAILED'))[0]!;
    if ((status & (1 << qe.bit)) !== 0) return false;
    const batch = new TransferBatch('setting Quad Enable');
    this.host.addCommand(batch, { seq: NOR_SEQ.WRITE_ENABLE, address: 0 });
    const write = this.host.addCommand(batch, { seq: NOR_SEQ.WRITE_STATUS, address: 0, tx: Uint8Array.of(status | (1 << qe.bit)), waitIdle: false });
    await this.host.ap.run(batch);
    await this.host.check(write, 'writing the status register', 'FLASH_PROGRAM_FAILED', 0);
    await this.waitReady(0, this.part.timing.writeStatusMs.max, 1);
    return true;
  }

  /**
   * WREN + page program through the TX FIFO, one two-sequence IP command per page, the pages in
   * one batch. The flash's busy time is not polled after a page: the next page's commands open
   * with a ready check (usually the link time has covered the typical program time), and
   * finishProgram polls after the last page. A check that finds the flash busy stops its packet;
   * the pages before it are done, the rest are redone after a wait (programming the same data
   * twice leaves the same bytes).
   */
  private async programPages(pages: readonly { offset: number; data: Uint8Array }[]): Promise<void> {
    let from = 0;
    while (from < pages.length) {
      const first = pages[from]!.offset;
      const batch = new TransferBatch(`page program at flash offset 0x${first.toString(16)}${pages.length - from > 1 ? ` (+${pages.length - from - 1} pages)` : ''}`);
      const entries: { guard: number | undefined; result: IpCommandResult; offset: number; from: number; to: number }[] = [];
      let pending = this.programPending;
      for (let k = from; k < pages.length; k++) {
        const { offset, data } = pages[k]!;
        // The check opens a packet of its own, so the link time of that packet passes between
        // the previous program and the check. Its command-done wait leaves the controller idle:
        // no STS0 wait then.
        batch.breakPacket();
        const guard = pending !== undefined ? this.host.addReadyCheck(batch, NOR_SEQ.READ_STATUS, this.part) : undefined;
        // WREN and the page program as one IP command (two sequences, two CS transactions).
        const at = batch.length;
        const result = this.host.addCommand(batch, { seq: NOR_SEQ.WRITE_ENABLE_THEN_PROGRAM, seqCount: 2, address: offset, tx: data, waitIdle: guard === undefined, stopOnError: true });
        entries.push({ guard, result, offset, from: at, to: batch.length });
        pending = offset;
      }
      this.stats.pages += entries.length;
      const failure = await this.host.ap.dp.executor.tryRun(batch);
      const stoppedAt = failure?.outcome === 'mismatch' ? entries.findIndex((e) => e.guard === failure.index) : -1;
      if (failure !== undefined && stoppedAt < 0) {
        // A wait of the command that did not match (the done wait sees error bits; a rejected
        // command never drains the TX FIFO): read INTR (and STS1) to say whether the FlexSPI failed it.
        const failed = failure.outcome === 'mismatch' ? entries.find((e) => failure.index >= e.from && failure.index < e.to) : undefined;
        if (failed !== undefined) {
          await this.host.ap.dp.clearStickyErrors();
          failed.result.intr = await this.host.ap.readWord(this.host.base + FLEXSPI.INTR);
          await this.host.check(failed.result, 'write enable + page program', 'FLASH_PROGRAM_FAILED', failed.offset);
        }
        throw this.host.ap.dp.executor.errorFor(batch, failure);
      }
      const completed = failure === undefined ? entries : entries.slice(0, stoppedAt);
      for (const e of completed) await this.host.check(e.result, 'write enable + page program', 'FLASH_PROGRAM_FAILED', e.offset);
      if (completed.length > 0) this.programPending = completed.at(-1)!.offset;
      if (failure === undefined) return;
      // The page before the check is still programming. Packets after the check still ran on the
      // probe (into a busy flash, which ignores them, or with stale TAR into FlexSPI FIFO
      // windows): clear any sticky error, wait for the flash, then go on from the stopped page.
      this.stats.pollRounds += 1;
      await this.host.ap.dp.clearStickyErrors();
      await this.finishProgram();
      from += stoppedAt;
    }
  }

  private async eraseOne(seq: number, offset: number, maxMs: number): Promise<void> {
    await this.retry(`erase at 0x${(this.geometry.base + offset).toString(16)}`, async () => {
      this.stats.erases += 1;
      const batch = new TransferBatch(`erase at flash offset 0x${offset.toString(16)}`);
      const wren = this.host.addCommand(batch, { seq: NOR_SEQ.WRITE_ENABLE, address: offset });
      const erase = this.host.addCommand(batch, { seq, address: offset, waitIdle: false });
      this.host.ahbStale = true;
      const polls = this.host.addStatusPolls(batch, NOR_SEQ.READ_STATUS, this.part, 1);
      const ready = await this.runUntilReady(batch, polls.readyIndexes);
      await this.host.check(wren, 'write enable', 'FLASH_ERASE_FAILED', offset);
      await this.host.check(erase, 'erase', 'FLASH_ERASE_FAILED', offset);
      if (!ready) await this.waitReady(offset, maxMs, this.options.erasePollIntervalMs ?? 1);
    });
  }

  /** Runs a batch ending in busy polls: true when a poll saw "ready", false when all saw "busy". */
  private async runUntilReady(batch: TransferBatch, readyIndexes: ReadonlySet<number>): Promise<boolean> {
    this.stats.pollRounds += 1;
    const failure = await this.host.ap.dp.executor.tryRun(batch);
    if (failure === undefined) return false;
    if (failure.outcome === 'mismatch' && readyIndexes.has(failure.index)) return true;
    throw this.host.ap.dp.executor.errorFor(batch, failure);
  }

  /** Poll rounds until ready; FLASH_TIMEOUT after twice the datasheet maximum. */
  private async waitReady(offset: number, maxMs: number, intervalMs: number): Promise<void> {
    const clock = this.host.time;
    const deadline = clock.now() + 2 * maxMs + 10;
    for (;;) {
      const batch = new TransferBatch(`waiting for the flash at offset 0x${offset.toString(16)}`);
      const polls = this.host.addStatusPolls(batch, NOR_SEQ.READ_STATUS, this.part, this.pagePolls);
      if (await this.runUntilReady(batch, polls.readyIndexes)) return;
      if (clock.now() > deadline) {
        throw new ImxflashError('FLASH_TIMEOUT', `the flash stayed busy for more than ${Math.round(2 * maxMs)} ms at 0x${(this.geometry.base + offset).toString(16)}`, {
          hint: 'The flash did not finish the operation: power-cycle the board and retry; check --flash.',
          details: { address: this.geometry.base + offset, maxMs },
        });
      }
      if (intervalMs > 0) await clock.sleep(intervalMs);
    }
  }

  private async retry(what: string, fn: () => Promise<void>): Promise<void> {
    const attempts = this.options.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        const code = e instanceof ImxflashError ? e.code : undefined;
        const transient = code === 'SWD_WAIT' || code === 'SWD_PROTOCOL_ERROR' || code === 'SWD_NO_ACK' || code === 'TRANSPORT_TIMEOUT' || code === 'DAP_BAD_RESPONSE';
        if (!transient || attempt >= attempts) throw e;
        // A lost or mangled packet leaves responses out of step: drop what is still in flight.
        if (code === 'TRANSPORT_TIMEOUT' || code === 'DAP_BAD_RESPONSE') await this.host.ap.dp.connection.transport.drain();
        // A protocol error or no answer needs a line reset before the DP talks again (pyOCD _handle_error).
        if (code !== 'SWD_WAIT') {
          await this.host.ap.dp.lineResetAndReadId();
          await this.host.ap.dp.clearStickyErrors();
        }
        this.stats.retries.push(what);
      }
    }
  }

  private checkRange(address: number, bytes: number): void {
    const g = this.geometry;
    if (!(Number.isInteger(address) && Number.isInteger(bytes) && bytes >= 0 && address >= g.base && address + bytes <= g.base + g.sizeBytes)) {
      throw new ImxflashError('FLASH_OUT_OF_RANGE', `0x${address.toString(16)}+${bytes} is outside the flash 0x${g.base.toString(16)}..0x${(g.base + g.sizeBytes).toString(16)}`, {
        hint: 'Check the image addresses and --flash.',
        details: { address, bytes },
      });
    }
  }
}
