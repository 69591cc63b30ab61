import * as regs from '../../flexspi/flexspi-registers.js';
import { LUT_OPCODE as OP, lutInstruction as I, lutSequenceWords } from '../../flexspi/lut-decoder.js';
import { qspiTestLut, QSPI_SEQ } from '../../flexspi/testing/qspi-test-lut.js';
import { ipCommand, writeLut, type IpCommandRequest } from '../../flexspi/testing/raw-flexspi.js';
import type { SimBoard } from '../create-sim-board.js';

const { FLEXSPI_REG: R, MCR0 } = regs;

/** The test LUT's sequences (QSPI_SEQ) plus WRSR 0x01 (one data byte) at a free index. */
export const RAW_NOR_SEQ = { ...QSPI_SEQ, WRITE_STATUS: 12 } as const;

/** {@link qspiTestLut} with WRSR at {@link RAW_NOR_SEQ}.WRITE_STATUS. */
export function rawNorLut(): Uint32Array {
  const lut = qspiTestLut();
  lut.set(lutSequenceWords([I(OP.CMD, 1, 0x01), I(OP.WRITE, 1, 1)]), RAW_NOR_SEQ.WRITE_STATUS * 4);
  return lut;
}

export interface RawNorHostOptions {
  /** TX/RX FIFO watermark in bytes, multiple of 8 (default 64, BL's choice; 128 = the whole RT10xx FIFO). */
  watermarkBytes?: number;
  /** Modelled host time between two status polls while the part is busy (default 0.05 ms). */
  pagePollMs?: number;
  /** The same for erases and status writes (default 1 ms). */
  erasePollMs?: number;
}

/** Counters of what the host did, for benchmarks and reports. */
export interface RawNorHostStats {
  ipCommands: number;
  statusPolls: number;
}

/**
 * A host that programs the board's SPI NOR through raw 32-bit register accesses on `board.bus`,
 * as a debugger-driven tool does over SWD (research/imxrt.md §1.5, via `ipCommand`): no driver
 * code, no Clock of its own. Between two busy polls it lets modelled time pass on the board's
 * clock (`clock.advance`), as a host waits between polls. Any command outcome other than
 * 'done' throws an Error naming it. For tests and benchmarks of the sim itself.
 */
export class RawNorHost {
  readonly base: number;
  readonly ahbBase: number;
  readonly stats: RawNorHostStats = { ipCommands: 0, statusPolls: 0 };
  private readonly watermarkBytes: number;
  private readonly pagePollMs: number;
  private readonly erasePollMs: number;
  // The requests sent hundreds of thousands of times in a whole-chip program, built once
  // (ipCommand does not modify its request).
  private readonly statusRequest: IpCommandRequest;
  private readonly writeEnableRequest: IpCommandRequest;

  constructor(
    private readonly board: SimBoard,
    options: RawNorHostOptions = {},
  ) {
    const instance = board.chip.flexspi[board.chip.bootFlexspi];
    if (instance === undefined) throw new RangeError(`chip ${board.chip.id} has no boot FlexSPI`);
    this.base = instance.registerBase;
    this.ahbBase = instance.ahbWindow.start;
    this.watermarkBytes = options.watermarkBytes ?? 64;
    this.pagePollMs = options.pagePollMs ?? 0.05;
    this.erasePollMs = options.erasePollMs ?? 1;
    this.statusRequest = { seqId: RAW_NOR_SEQ.READ_STATUS, address: 0, rxBytes: 1, watermarkBytes: this.watermarkBytes };
    this.writeEnableRequest = { seqId: RAW_NOR_SEQ.WRITE_ENABLE, address: 0, watermarkBytes: this.watermarkBytes };
  }

  /**
   * What a host does first (research/cmsisdap.md §3.5, imxrt.md §1.5 step 0 and §1.6): FlexSPI
   * clock gate on and port-A pads muxed per `chip.flexspiBringUp`, MDIS cleared, FLSHA1CR0 = the
   * part's size in KiB (other ports 0), SWRESET, the LUT loaded and locked.
   */
  bringUp(): void {
    const { bus, chip, part } = this.board;
    const bringUp = chip.flexspiBringUp;
    if (bringUp !== undefined) {
      const { register, shift } = bringUp.clockGate;
      bus.write32(register, (bus.read32(register) | (3 << shift)) >>> 0);
      for (const pad of bringUp.pads) bus.write32(pad.muxRegister, pad.alt);
    }
    const base = this.base;
    bus.write32(base + R.MCR0, (bus.read32(base + R.MCR0) & ~MCR0.MDIS) >>> 0);
    bus.write32(base + R.FLSHA1CR0, part.sizeBytes / 1024);
    for (let port = 1; port < 4; port++) bus.write32(base + R.FLSHA1CR0 + 4 * port, 0);
    bus.write32(base + R.MCR0, bus.read32(base + R.MCR0) | MCR0.SWRESET);
    for (let i = 0; i < 1000 && (bus.read32(base + R.MCR0) & MCR0.SWRESET) !== 0; i++);
    writeLut(bus, base, 0, rawNorLut());
  }

  /** Runs one IP command; returns its RX bytes; throws unless it completed without error. */
  command(request: IpCommandRequest): Uint8Array {
    this.stats.ipCommands += 1;
    const full = request.watermarkBytes === undefined ? { ...request, watermarkBytes: this.watermarkBytes } : request;
    const result = ipCommand(this.board.bus, this.base, full);
    if (result.status === 'done') return result.rx;
    const detail = result.status === 'error' ? `error code ${result.errorCode} in seq ${result.errorSeqId}` : `timeout waiting for ${result.waitingFor}`;
    throw new Error(`IP command seq ${request.seqId} at 0x${request.address.toString(16)}: ${detail}`);
  }

  readJedecId(): Uint8Array {
    return this.command({ seqId: RAW_NOR_SEQ.READ_ID, address: 0, rxBytes: 3 });
  }

  readStatus(): number {
    return this.command(this.statusRequest)[0] as number;
  }

  writeEnable(): void {
    this.command(this.writeEnableRequest);
  }

  /** Polls SR1 until the part's busy bit clears; `maxMs` of modelled time, then throws. Returns the polls. */
  waitReady(pollMs: number, maxMs = 120_000): number {
    const { busy } = this.board.part;
    const clock = this.board.clock;
    const deadline = clock.now() + maxMs;
    for (let polls = 1; ; polls++) {
      this.stats.statusPolls += 1;
      const isBusy = ((this.readStatus() >>> busy.bit) & 1) === busy.busyWhen;
      if (!isBusy) return polls;
      if (clock.now() > deadline) throw new Error(`flash still busy after ${maxMs} ms`);
      clock.advance(pollMs);
    }
  }

  /** WREN, WRSR `value` (one byte), wait. */
  writeStatus(value: number): void {
    this.writeEnable();
    this.command({ seqId: RAW_NOR_SEQ.WRITE_STATUS, address: 0, tx: Uint8Array.of(value) });
    this.waitReady(this.erasePollMs);
  }

  eraseSector(address: number): void {
    this.erase(RAW_NOR_SEQ.ERASE_SECTOR, address);
  }

  eraseBlock(address: number): void {
    this.erase(RAW_NOR_SEQ.ERASE_BLOCK, address);
  }

  chipErase(): void {
    this.erase(RAW_NOR_SEQ.CHIP_ERASE, 0);
  }

  /** WREN, PP (1-1-1 0x02) with `data` (≤ one page, not crossing it), wait. Returns the polls. */
  programPage(address: number, data: Uint8Array): number {
    this.writeEnable();
    this.command({ seqId: RAW_NOR_SEQ.PAGE_PROGRAM, address, tx: data, watermarkBytes: this.watermarkBytes });
    return this.waitReady(this.pagePollMs);
  }

  /** IP reads with FAST_READ 0x0B (1-1-1, 8 dummy), in commands of at most 32 KiB (IDATSZ is 16-bit). */
  read(address: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    const chunkBytes = 0x8000;
    for (let done = 0; done < length; done += chunkBytes) {
      const n = Math.min(chunkBytes, length - done);
      out.set(this.command({ seqId: RAW_NOR_SEQ.FAST_READ, address: address + done, rxBytes: n }), done);
    }
    return out;
  }

  /** MCR0.SWRESET: drops the AHB RX buffers so AHB reads see what IP commands changed (§1.5 step 13). */
  flushAhb(): void {
    const { bus } = this.board;
    bus.write32(this.base + R.MCR0, bus.read32(this.base + R.MCR0) | MCR0.SWRESET);
  }

  private erase(seqId: number, address: number): void {
    this.writeEnable();
    this.command({ seqId, address });
    this.waitReady(this.erasePollMs);
  }
}
