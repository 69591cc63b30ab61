import { flexspiRegisters, ImxflashError, type Chip, type Clock, type FlashPart, type FlexspiInstance } from '@imxflash/core';
import type { MemAp } from '../adi/mem-ap.js';
import { TransferBatch } from '../adi/transfer-batch.js';

const { FLEXSPI: R, INTR, INTR_CLEAR, IPFCR_CLR, IP_FIFO_BYTES, ipErrorText, LUTCR, LUT_KEY, MCR0, STS0_IDLE, watermarkField } = flexspiRegisters;

export interface IpCommand {
  readonly seq: number;
  /** Sequences run from `seq` on, each its own CS transaction (IPCR1.ISEQNUM + 1; default 1). */
  readonly seqCount?: number;
  /**
   * Wait for STS0 idle first (default true). A command that follows another one in the same
   * batch can skip it: the previous command's IPCMDDONE wait already saw the controller finish.
   */
  readonly waitIdle?: boolean;
  /** Flash offset (IPCR0.SFAR, 0 = first byte of port A1). */
  readonly address: number;
  /** Program data (streamed through TFDR in watermark blocks). */
  readonly tx?: Uint8Array;
  /** Bytes to read back (≤ the 128-byte RX FIFO). */
  readonly rxBytes?: number;
  /**
   * Wait for IPCMDDONE with the error bits in the value-match mask instead of reading INTR
   * afterwards: an error stops the batch at `doneIndex` (the caller reads INTR then), success
   * costs one SWD transfer less. Not with rxBytes.
   */
  readonly stopOnError?: boolean;
}

/** What an IP command added to a batch leaves behind once the batch ran. */
export interface IpCommandResult {
  intr: number;
  rx: Uint8Array;
  /** With `stopOnError`: the batch index of the command-done wait. */
  doneIndex?: number;
}

/** A status poll added to a batch: the batch index of its "still busy?" read. */
export interface StatusPolls {
  readonly readyIndexes: ReadonlySet<number>;
}

/**
 * The boot FlexSPI driven from the host over SWD (research/imxrt.md §1.5, cmsisdap.md §3.5): no
 * code runs on the target. Bring-up (clock gate, pad mux, module enable, flash size, LUT) comes
 * from the chip database; IP commands are register sequences added to TransferBatches, with every
 * wait (idle, TX room, command done) a DAP value-match read, so a whole command, and the flash
 * busy polls after it, cost one host round trip.
 */
export class FlexspiHost {
  readonly base: number;
  readonly ahbBase: number;
  readonly watermarkBytes: number;
  private mcr0 = 0;
  /** IPCR0 as the last batch left it (a plain R/W register), so an unchanged address is not rewritten; unknown after a failure or reset. */
  private ipcr0: number | undefined;
  /**
   * True when the TX FIFO is known empty with our watermark set: the last data command consumed
   * every byte pushed (its length a whole number of watermark blocks) and nothing failed since;
   * then the next one skips the IPTXFCR clear (INFERENCE: a FIFO that gave out IDATSZ bytes of
   * the IDATSZ pushed is empty, research/imxrt.md §1.5 step 8).
   */
  private txFifoEmpty = false;
  /** True when IP commands changed the flash since the AHB buffers were last flushed. */
  ahbStale = true;

  constructor(
    readonly ap: MemAp,
    private readonly clock: Clock,
    readonly chip: Chip,
    options: { watermarkBytes?: number } = {},
  ) {
    const instance: FlexspiInstance | undefined = chip.flexspi[chip.bootFlexspi];
    if (instance === undefined) throw new ImxflashError('CHIP_UNKNOWN', `${chip.name} has no boot FlexSPI in the chip database`, { hint: 'Pick another --chip.' });
    this.base = instance.registerBase;
    this.ahbBase = instance.ahbWindow.start;
    this.watermarkBytes = options.watermarkBytes ?? 64;
    ap.dp.onInvalidate(() => {
      this.ipcr0 = undefined;
      this.txFifoEmpty = false;
    });
  }

  /**
   * Clock gate on and port-A pads muxed (chip.flexspiBringUp), module enabled, FLSHA1CR0 = the
   * flash size in KiB (other ports 0), AHB reads on sequence 0, SWRESET, then `lut` loaded and
   * locked (research/imxrt.md §1.5 step 0, §1.6).
   */
  async bringUp(flashBytes: number, lut: Uint32Array): Promise<void> {
    const bringUp = this.chip.flexspiBringUp;
    if (bringUp !== undefined) {
      const { register, shift } = bringUp.clockGate;
      const gate = await this.ap.readWord(register);
      const batch = new TransferBatch('enabling the FlexSPI clock and pins');
      this.ap.write32(batch, register, (gate | (3 << shift)) >>> 0);
      for (const pad of bringUp.pads) this.ap.write32(batch, pad.muxRegister, pad.alt);
      await this.ap.run(batch);
    }
    const mcr0 = await this.ap.readWord(this.base + R.MCR0);
    this.mcr0 = (mcr0 & ~MCR0.MDIS & ~MCR0.SWRESET) >>> 0;
    // BL order (research/imxrt.md §1.6): configure with the module disabled, then enable it.
    const batch = new TransferBatch('configuring the FlexSPI');
    this.ap.write32(batch, this.base + R.MCR0, this.mcr0 | MCR0.MDIS);
    this.ap.write32(batch, this.base + R.FLSHA1CR0, Math.ceil(flashBytes / 1024));
    for (let port = 1; port < 4; port++) this.ap.write32(batch, this.base + R.FLSHA1CR0 + 4 * port, 0);
    this.ap.write32(batch, this.base + R.FLSHA1CR2, 0);
    this.ap.write32(batch, this.base + R.MCR0, this.mcr0);
    await this.ap.run(batch);
    await this.flushAhb();
    await this.loadLut(lut);
  }

  /** LUTKEY + unlock, the 64 words, LUTKEY + lock (research/imxrt.md §1.2 LUTCR). */
  async loadLut(lut: Uint32Array): Promise<void> {
    const batch = new TransferBatch('loading the FlexSPI LUT');
    this.idle(batch);
    this.ap.write32(batch, this.base + R.LUTKEY, LUT_KEY);
    this.ap.write32(batch, this.base + R.LUTCR, LUTCR.UNLOCK);
    this.ap.writeWords(batch, this.base + R.LUT0, lut);
    this.ap.write32(batch, this.base + R.LUTKEY, LUT_KEY);
    this.ap.write32(batch, this.base + R.LUTCR, LUTCR.LOCK);
    await this.ap.run(batch);
  }

  /** MCR0.SWRESET and its self-clear: the AHB RX buffers drop stale flash data (§1.5 step 13). */
  async flushAhb(): Promise<void> {
    const batch = new TransferBatch('flushing the FlexSPI AHB buffers');
    this.ap.write32(batch, this.base + R.MCR0, this.mcr0 | MCR0.SWRESET);
    this.ap.waitFor32(batch, this.base + R.MCR0, MCR0.SWRESET, 0);
    // Whether SWRESET clears the IP command registers is not in research/imxrt.md: assume it does.
    this.ipcr0 = undefined;
    this.txFifoEmpty = false;
    await this.ap.run(batch);
    this.ahbStale = false;
  }

  /** Waits (value match) for STS0.SEQIDLE and ARBIDLE. */
  private idle(batch: TransferBatch): void {
    this.ap.waitFor32(batch, this.base + R.STS0, STS0_IDLE, STS0_IDLE);
  }

  /** Adds one IP command (§1.5 steps 1–11) to `batch`; the result fills in when the batch ran. */
  addCommand(batch: TransferBatch, command: IpCommand): IpCommandResult {
    const { ap, base } = this;
    const result: IpCommandResult = { intr: 0, rx: new Uint8Array(command.rxBytes ?? 0) };
    const tx = command.tx;
    const size = tx?.length ?? command.rxBytes ?? 0;
    const wm = this.watermarkBytes;
    if (command.waitIdle !== false) this.idle(batch);
    ap.write32(batch, base + R.INTR, INTR_CLEAR);
    if (this.ipcr0 !== command.address) ap.write32(batch, base + R.IPCR0, command.address);
    this.ipcr0 = command.address;
    const seqNum = ((command.seqCount ?? 1) - 1) & 0x7;
    ap.write32(batch, base + R.IPCR1, ((size & 0xffff) | ((command.seq & 0xf) << 16) | (seqNum << 24)) >>> 0);
    if (tx !== undefined && !this.txFifoEmpty) ap.write32(batch, base + R.IPTXFCR, watermarkField(wm) | IPFCR_CLR);
    if (tx !== undefined) this.txFifoEmpty = tx.length % wm === 0;
    if (command.rxBytes !== undefined) ap.write32(batch, base + R.IPRXFCR, watermarkField(IP_FIFO_BYTES) | IPFCR_CLR);
    // BL order (research/imxrt.md §1.5 step 8): the first block goes into the just-cleared FIFO
    // before TRG, so it needs no wait; later blocks wait for IPTXWE.
    let at = 0;
    if (tx !== undefined && tx.length > 0) at = this.pushTxBlock(batch, tx, 0);
    ap.write32(batch, base + R.IPCMD, 1);
    while (tx !== undefined && at < tx.length) {
      ap.waitFor32(batch, base + R.INTR, INTR.IPTXWE, INTR.IPTXWE);
      at = this.pushTxBlock(batch, tx, at);
    }
    if (command.stopOnError === true && command.rxBytes === undefined) {
      ap.waitFor32(batch, base + R.INTR, INTR.IPCMDDONE | INTR_ERRORS, INTR.IPCMDDONE);
      result.doneIndex = batch.length - 1;
      if (tx !== undefined) this.ahbStale = true;
      return result;
    }
    ap.waitFor32(batch, base + R.INTR, INTR.IPCMDDONE, INTR.IPCMDDONE);
    const rxBytes = command.rxBytes ?? 0;
    if (rxBytes > 0) {
      ap.readWords(batch, base + R.RFDR0, Math.ceil(rxBytes / 4), (i, v) => {
        for (let k = 0; k < 4 && 4 * i + k < rxBytes; k++) result.rx[4 * i + k] = (v >>> (8 * k)) & 0xff;
      });
      ap.write32(batch, base + R.INTR, INTR.IPRXWA);
    }
    ap.read32(batch, base + R.INTR, (v) => (result.intr = v));
    if (tx !== undefined) this.ahbStale = true;
    return result;
  }

  /** TFDR[0..] ← the next watermark block from `at`, then INTR.IPTXWE pushes it; returns the new position. */
  private pushTxBlock(batch: TransferBatch, tx: Uint8Array, at: number): number {
    const n = Math.min(this.watermarkBytes, tx.length - at);
    this.ap.writeWords(batch, this.base + R.TFDR0, packWords(tx, at, n));
    this.ap.write32(batch, this.base + R.INTR, INTR.IPTXWE);
    return at + n;
  }

  /**
   * Adds `count` busy polls: each runs the read-status sequence and value-matches the busy bit
   * of RFDR0 against "busy". The first poll that reads "ready" stops the batch with a mismatch at
   * one of `readyIndexes`: the flash is ready, with no host round trip per poll.
   */
  addStatusPolls(batch: TransferBatch, readStatusSeq: number, part: FlashPart, count: number): StatusPolls {
    const { ap, base } = this;
    const readyIndexes = new Set<number>();
    const bit = 1 << part.busy.bit;
    // IPCR0 keeps the last command's address: read-status sends none, and it is within the flash.
    ap.write32(batch, base + R.IPCR1, ((readStatusSeq & 0xf) << 16) | 1);
    for (let i = 0; i < count; i++) {
      ap.write32(batch, base + R.IPRXFCR, watermarkField(8) | IPFCR_CLR);
      ap.write32(batch, base + R.INTR, INTR_CLEAR);
      ap.write32(batch, base + R.IPCMD, 1);
      ap.waitFor32(batch, base + R.INTR, INTR.IPCMDDONE, INTR.IPCMDDONE);
      ap.waitFor32(batch, base + R.RFDR0, bit, part.busy.busyWhen === 1 ? bit : 0);
      readyIndexes.add(batch.length - 1);
    }
    return { readyIndexes };
  }

  /**
   * Adds one read-status command whose RFDR0 value match expects "ready" (the next command must
   * start with waitIdle false only because this one's data arrived: see below): returns the batch index
   * of that read. A mismatch there stops the batch: the flash is still busy, and nothing after it
   * in the same DAP_Transfer packet ran. (Transfers in later packets of the batch still run; a
   * write enable or program reaching a busy flash is ignored by it, research/imxrt.md §2 "commands
   * are ignored while WIP/BUSY=1"; programming the same data twice leaves the same bytes), and the caller clears sticky errors and reruns.)
   */
  addReadyCheck(batch: TransferBatch, readStatusSeq: number, part: FlashPart): number {
    const { ap, base } = this;
    const bit = 1 << part.busy.bit;
    ap.write32(batch, base + R.IPCR1, ((readStatusSeq & 0xf) << 16) | 1);
    ap.write32(batch, base + R.IPRXFCR, watermarkField(8) | IPFCR_CLR);
    ap.write32(batch, base + R.IPCMD, 1);
    // The status byte is in once the RX FIFO fill (64-bit units) reads 1: BL's test for a partial
    // last block (research/imxrt.md §1.5 step 9). No INTR clear or IPCMDDONE wait needed; the
    // command that follows clears INTR before it starts; the read's CS ends a few SCK cycles after
    // its data, long before the next SWD access (~11 µs at 4 MHz) can trigger another command
    // (INFERENCE from the sequence timing; the RM text on IP command overlap was not checked).
    ap.waitFor32(batch, base + R.IPRXFSTS, 0xff, 1);
    ap.waitFor32(batch, base + R.RFDR0, bit, part.busy.busyWhen === 1 ? 0 : bit);
    return batch.length - 1;
  }

  /** Runs one IP command on its own; throws `failCode` naming `what` when the controller reports an error. */
  async command(command: IpCommand, what: string, failCode: 'FLASH_READ_FAILED' | 'FLASH_PROGRAM_FAILED' | 'FLASH_ERASE_FAILED'): Promise<Uint8Array> {
    const batch = new TransferBatch(what);
    const result = this.addCommand(batch, command);
    await this.ap.run(batch);
    await this.check(result, what, failCode, command.address);
    return result.rx;
  }

  /** Rejects when the command ended with IPCMDERR / IPCMDGE / SEQTIMEOUT (then STS1 is read to say why). */
  async check(result: IpCommandResult, what: string, failCode: 'FLASH_READ_FAILED' | 'FLASH_PROGRAM_FAILED' | 'FLASH_ERASE_FAILED', address: number): Promise<void> {
    if ((result.intr & INTR_ERRORS) === 0) return;
    this.txFifoEmpty = false;
    const sts1 = await this.ap.readWord(this.base + R.STS1);
    const code = (sts1 >>> 24) & 0xf;
    const why = (result.intr & INTR.IPCMDERR) !== 0 ? ipErrorText(code) : (result.intr & INTR.IPCMDGE) !== 0 ? 'IP grant timeout' : 'sequence timeout';
    throw new ImxflashError(failCode, `${what} at flash offset 0x${address.toString(16)}: the FlexSPI reported ${why}`, {
      hint: 'The FlexSPI set-up does not fit the flash (size, LUT). Check --flash, then retry; reset the board if it persists.',
      details: { address, intr: result.intr, sts1, errorCode: code },
    });
  }

  get time(): Clock {
    return this.clock;
  }
}

/** INTR bits that say an IP command failed (research/imxrt.md §1.2 INTR). */
const INTR_ERRORS = INTR.IPCMDERR | INTR.IPCMDGE | INTR.SEQTIMEOUT;

/** `n` bytes of `data` from `at` as little-endian words, the last one zero-padded. */
function packWords(data: Uint8Array, at: number, n: number): Uint32Array {
  const words = new Uint32Array(Math.ceil(n / 4));
  for (let i = 0; i < n; i++) words[i >>> 2]! |= data[at + i]! << (8 * (i & 3));
  return words;
}
