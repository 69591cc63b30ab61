import type { FlexspiInstance } from '@imxflash/core';
import { BusFault, type BusDevice } from '../bus/bus.js';
import type { SerialFlashDevice } from '../flash-bus/serial-flash-device.js';
import type { VirtualClock } from '../time/virtual-clock.js';
import { AhbReadBuffers, type AhbLine } from './ahb-read-buffer.js';
import { FlexspiAhbWindow } from './flexspi-ahb-window.js';
import * as regs from './flexspi-registers.js';
import type { FlashPort } from './flexspi-registers.js';
import { IpRxFifo, IpTxFifo } from './ip-fifo.js';
import * as lutDecoder from './lut-decoder.js';
import type { DecodedSequence } from './lut-decoder.js';
import { LutExecution, type AddressMapping, type ExecutionIo } from './lut-executor.js';

// Module-local copies of imported values: hot paths (every register access) then read plain
// locals. Under vitest's module runner each imported binding is a getter call, which made the
// register path about 3× slower.
const { AHBRXBUFCR0_BUFSZ_MASK, CMD_ERROR, FIFO_WINDOW_WORDS, FLASH_PORTS, FLEXSPI_REG: R, FLEXSPI_REGISTER_BLOCK_BYTES } = regs;
const { FLEXSPI_RESET, FLSHCR0_SIZE_MASK, FLSHCR1, FLSHCR2, INTR, INTR_W1C_MASK, IPCR1, IPFCR, LUTCR, LUT_KEY, MCR0, STS0 } = regs;
const { STS1, STS1_AHB_MASK, STS1_IP_MASK } = regs;
const { decodeLutSequence, ipSequenceError, LUT_WORDS_PER_SEQ } = lutDecoder;

/** SCK used for modelled transfer time unless set: 30 MHz, the ROM's safe frequency (research/imxrt.md §1.6). A modelling constant. */
export const DEFAULT_SERIAL_CLOCK_MHZ = 30;

export interface FlexspiControllerOptions {
  /** The instance from the chip database (`chip.flexspi[i]`): register base, AHB window, FIFO and LUT sizes. */
  instance: FlexspiInstance;
  /** Modelled time: every IP command and AHB miss advances it by its serial transfer time. */
  clock: VirtualClock;
  /** The CCM clock gate of this instance (`ccm.flexspiClockOn`); default: always on. */
  clockOn?: () => boolean;
  /** The IOMUXC pad mux of port A (`iomuxc.flexspiPinsMuxed`); default: always muxed. */
  pinsMuxed?: () => boolean;
  /** SCK frequency for modelled time (default {@link DEFAULT_SERIAL_CLOCK_MHZ}); also settable later. */
  serialClockMhz?: number;
  /**
   * What a register access does while the clock gate is off. 'fault' (default): BusFault
   * 'clock-gated', like the hardware's bus error (reported by the debug port as FAULT).
   * 'allow': registers answer, but the sequence engine has no clock, so an IP command never
   * completes. Which of the two the RT10xx silicon does for FlexSPI is UNVERIFIED.
   */
  gatedRegisterAccess?: 'fault' | 'allow';
  /** Flash devices on the ports (usually only A1). A port without one does not answer (reads 0xFF). */
  flash?: Partial<Record<FlashPort, SerialFlashDevice>>;
}

/** A populated flash port in the linear SFAR/AHB space (research/imxrt.md §1.1). */
interface PortRange {
  readonly port: number;
  readonly portBase: number;
  readonly portEnd: number;
  readonly mapping: AddressMapping;
}

/**
 * The FlexSPI controller at register level (research/imxrt.md §1.2–§1.6), as a BusDevice at
 * the instance's register base; `ahbWindow` is the second BusDevice, for the AHB (XIP) window.
 *
 * Modelling decisions (each cited where it is implemented):
 * - MCR0.SWRESET self-clears at once and resets the AHB RX buffers, both IP FIFOs and the
 *   sequence engine (an IP command in flight is dropped, CS released); the LUT, the LUT lock
 *   and the configuration registers survive (research §1.5 step 13 uses SWRESET to flush the
 *   AHB buffers during XIP and §1.6 loads LUT seq 0 and FLSHxCRn around it, which only works
 *   if both survive). INTR/STS1 are kept (UNVERIFIED). SWRESET also works while MDIS=1 (UNVERIFIED;
 *   the ROM does it with MDIS=0).
 * - MCR0.MDIS=1 (its reset value): IPCMD.TRG is dropped — IPCMDDONE never sets, as a driver polling
 *   with a deadline sees on hardware; AHB accesses fault 'device-error' (UNVERIFIED).
 * - The clock gate: see {@link FlexspiControllerOptions.gatedRegisterAccess}. The AHB window
 *   faults 'clock-gated' while the gate is off.
 * - Pins not muxed: the flash does not answer — commands complete, nothing reaches the device,
 *   reads return 0xFF (the research says nothing on this; a hang would be as plausible).
 * - LUTKEY/LUTCR: a LUTCR write counts only when the write just before it (to any FlexSPI
 *   register) was LUTKEY=0x5AF05AF0; LUTCR=1 locks, 2 unlocks, anything else is ignored. LUT
 *   writes while locked are ignored. Reset: unlocked (LUTCR=2, research §1.2).
 * - IP commands run when TRG is written, synchronously; a WRITE waits (resumably) for TX FIFO
 *   data, a READ larger than the RX FIFO keeps the rest staged until pops make room (the
 *   device has already sent it; CS is released before the FIFO drains). IPCMDDONE sets when
 *   all data has moved. A TRG while a command is in flight is ignored (UNVERIFIED).
 * - Errors are found before anything is sent (INTR: "the command is ignored, not executed"):
 *   FLSHxCR0 total 0 or SFAR/SFAR+IDATSZ beyond the total → code 6; SFAR+IDATSZ crossing from
 *   one port into the next → 0xF (UNVERIFIED); then per sequence JMP_ON_CS → 2, unknown opcode
 *   → 3, DUMMY_SDR in DDR → 4, DUMMY_DDR in SDR → 5; IPCMDERRID = the failing sequence's index.
 * - Time: serial cycles / SCK (`serialClockMhz`) are added to the VirtualClock per IP command and
 *   per AHB line fetch; the flash model adds its own busy time.
 * - Speed: a sequence is decoded once and cached until one of its 4 LUT words is written; one
 *   executor is reused for all IP commands; TFDR/RFDR are plain word copies.
 * - Not modelled: ARDF/ATDF (AHB views of the IP FIFOs), interrupts (INTEN is a plain register),
 *   DMA, sequence/grant timeouts (SEQTIMEOUT, IPCMDGE never set), JMP_ON_CS continuous reads,
 *   which AHB master uses which RX buffer (MSTRID), parallel/combination modes (IPAREN, APAREN,
 *   COMBINATIONEN). Ports A1/A2/B1/B2 are modelled as the linear SFAR space only.
 */
export class FlexspiController implements BusDevice {
  readonly name: string;
  readonly base: number;
  readonly size = FLEXSPI_REGISTER_BLOCK_BYTES;
  readonly ahbWindow: FlexspiAhbWindow;
  /** SCK in MHz used for modelled time (a modelling constant; the boot ROM model may change it). */
  serialClockMhz: number;

  private readonly regs = new Uint32Array(FLEXSPI_REGISTER_BLOCK_BYTES >>> 2);
  private readonly lut: Uint32Array;
  private readonly decoded: (DecodedSequence | undefined)[];
  private readonly tx: IpTxFifo;
  private readonly rx: IpRxFifo;
  private readonly ahbBuffers = new AhbReadBuffers();
  private readonly devices: (SerialFlashDevice | undefined)[] = [undefined, undefined, undefined, undefined];
  private readonly clock: VirtualClock;
  private readonly clockOn: () => boolean;
  private readonly pinsMuxed: () => boolean;
  private readonly faultWhenGated: boolean;
  private readonly wmMask: number;
  private intr = 0;
  private sts1 = 0;
  /** Populated ports, recomputed when FLSHxCR0/FLSHxCR1 change. */
  private ports: PortRange[] = [];
  private flashTotal = 0;
  private lutLocked = false;
  private keyArmed = false;
  /** An IP command is in flight (triggered, not yet IPCMDDONE). */
  private ipActive = false;
  /** Its sequences have run to their end (data may still wait to enter the RX FIFO). */
  private ipExecuted = false;
  /** Received bytes that did not fit into the RX FIFO yet (SCKSTOPBYRD); allocated when needed. */
  private ipPendingRx: Uint8Array[] | undefined;
  private readonly ipExec: LutExecution;

  readonly instance: FlexspiInstance;

  constructor(options: FlexspiControllerOptions) {
    const instance = options.instance;
    this.instance = instance;
    this.name = instance.name;
    this.base = instance.registerBase;
    this.clock = options.clock;
    this.clockOn = options.clockOn ?? (() => true);
    this.pinsMuxed = options.pinsMuxed ?? (() => true);
    this.faultWhenGated = (options.gatedRegisterAccess ?? 'fault') === 'fault';
    this.serialClockMhz = options.serialClockMhz ?? DEFAULT_SERIAL_CLOCK_MHZ;
    this.lut = new Uint32Array(instance.lutWords);
    this.decoded = new Array<DecodedSequence | undefined>(instance.lutWords / LUT_WORDS_PER_SEQ).fill(undefined);
    this.tx = new IpTxFifo(instance.ipFifoBytes);
    this.rx = new IpRxFifo(instance.ipFifoBytes);
    this.wmMask = instance.ipFifoBytes / 8 - 1;
    FLASH_PORTS.forEach((port, i) => {
      this.devices[i] = options.flash?.[port];
    });
    this.ipExec = new LutExecution({
      takeTx: (dest, offset) => this.tx.take(dest, offset),
      putRx: (bytes) => {
        if (this.ipPendingRx === undefined) {
          const n = this.rx.put(bytes);
          if (n < bytes.length) this.ipPendingRx = [bytes.subarray(n)];
        } else {
          this.ipPendingRx.push(bytes);
        }
      },
    });
    this.ahbWindow = new FlexspiAhbWindow(this, instance);
    this.reset();
  }

  // ---------------------------------------------------------------- board / test API

  /** Puts a flash device on a port (or removes it with undefined). */
  attachFlash(port: FlashPort, device: SerialFlashDevice | undefined): void {
    this.devices[FLASH_PORTS.indexOf(port)] = device;
  }

  /** Power-on reset: every register to its reset value (research §1.2), LUT cleared and unlocked. */
  reset(): void {
    this.abortJob();
    this.regs.fill(0);
    this.regs[R.MCR0 >>> 2] = FLEXSPI_RESET.MCR0;
    this.regs[R.MCR1 >>> 2] = FLEXSPI_RESET.MCR1;
    this.regs[R.MCR2 >>> 2] = FLEXSPI_RESET.MCR2;
    this.regs[R.AHBCR >>> 2] = FLEXSPI_RESET.AHBCR;
    for (let n = 0; n < this.instance.ahbRxBuffers; n++) this.regs[(R.AHBRXBUF0CR0 >>> 2) + n] = FLEXSPI_RESET.AHBRXBUFCR0(n);
    for (let p = 0; p < 4; p++) {
      this.regs[(R.FLSHA1CR0 >>> 2) + p] = FLEXSPI_RESET.FLSHCR0;
      this.regs[(R.FLSHA1CR1 >>> 2) + p] = FLEXSPI_RESET.FLSHCR1;
    }
    this.regs[R.DLLCR0 >>> 2] = FLEXSPI_RESET.DLLCR;
    this.regs[R.DLLCR1 >>> 2] = FLEXSPI_RESET.DLLCR;
    this.lut.fill(0);
    this.decoded.fill(undefined);
    this.lutLocked = false;
    this.keyArmed = false;
    this.intr = 0;
    this.sts1 = 0;
    this.tx.clear();
    this.rx.clear();
    this.configureAhbBuffers();
    this.updatePorts();
  }

  /** A copy of the LUT words (tests, `doctor`, the boot ROM model's checks). */
  peekLut(): Uint32Array {
    return this.lut.slice();
  }

  get isLutLocked(): boolean {
    return this.lutLocked;
  }

  /** An IP command has been triggered and has not completed. */
  get ipCommandInFlight(): boolean {
    return this.ipActive;
  }

  /** FLSHxCR0 of a port, in bytes. */
  flashSizeBytes(port: FlashPort): number {
    return ((this.regs[(R.FLSHA1CR0 >>> 2) + FLASH_PORTS.indexOf(port)] as number) & FLSHCR0_SIZE_MASK) * 1024;
  }

  // ---------------------------------------------------------------- BusDevice

  checkAccess(offset: number, access: 'read' | 'write'): void {
    if (this.faultWhenGated && !this.clockOn()) throw new BusFault((this.base + offset) >>> 0, access, 'clock-gated');
  }

  read32(offset: number): number {
    if (offset >= R.RFDR0 && offset < R.TFDR0) return this.rx.readWindow((offset - R.RFDR0) >>> 2);
    if (offset >= R.TFDR0 && offset < R.LUT0) return 0; // TFDR is write-only; reads 0 (UNVERIFIED)
    if (offset >= R.LUT0) {
      const i = (offset - R.LUT0) >>> 2;
      return i < this.lut.length ? (this.lut[i] as number) : 0;
    }
    switch (offset) {
      case R.INTR:
        return (this.intr | (this.rx.hasWatermark(this.rxWatermark()) ? INTR.IPRXWA : 0) |
          (this.tx.hasRoomFor(this.txWatermark()) ? INTR.IPTXWE : 0)) >>> 0;
      case R.LUTKEY:
        return LUT_KEY;
      case R.LUTCR:
        return this.lutLocked ? LUTCR.LOCK : LUTCR.UNLOCK;
      case R.IPCMD:
        return 0;
      case R.STS0:
        return !this.ipActive ? STS0.SEQIDLE | STS0.ARBIDLE : STS0.ARBCMDSRC_IP << STS0.ARBCMDSRC_SHIFT;
      case R.STS1:
        return this.sts1;
      case R.STS2:
        return this.sts2();
      case R.AHBSPNDSTS:
        return 0;
      case R.IPRXFSTS:
        return (Math.ceil(this.rx.fill / 8) | (Math.ceil(this.rx.received / 8) << 16)) >>> 0;
      case R.IPTXFSTS:
        return (Math.ceil(this.tx.fill / 8) | (Math.floor(this.tx.consumed / 8) << 16)) >>> 0;
      default:
        return this.regs[offset >>> 2] as number;
    }
  }

  write32(offset: number, value: number): void {
    // "The key must be written immediately before every LUTCR write" (research §1.2): any
    // other register write in between disarms it. Reads do not (UNVERIFIED).
    const armed = this.keyArmed;
    this.keyArmed = false;
    if (offset >= R.TFDR0 && offset < R.LUT0) {
      this.tx.writeWindow((offset - R.TFDR0) >>> 2, value);
      return;
    }
    if (offset >= R.RFDR0 && offset < R.TFDR0) return; // read-only window
    if (offset >= R.LUT0) {
      const i = (offset - R.LUT0) >>> 2;
      if (this.lutLocked || i >= this.lut.length) return; // locked: ignored (research §1.2 LUTCR)
      this.lut[i] = value >>> 0;
      this.decoded[(i / LUT_WORDS_PER_SEQ) | 0] = undefined;
      return;
    }
    switch (offset) {
      case R.MCR0:
        this.regs[R.MCR0 >>> 2] = (value & ~MCR0.SWRESET) >>> 0;
        if ((value & MCR0.SWRESET) !== 0) this.softwareReset();
        return;
      case R.INTR:
        this.writeIntr(value >>> 0);
        return;
      case R.LUTKEY:
        this.keyArmed = value >>> 0 === LUT_KEY;
        return;
      case R.LUTCR:
        if (!armed) return;
        if (value === LUTCR.LOCK) this.lutLocked = true;
        else if (value === LUTCR.UNLOCK) this.lutLocked = false;
        return;
      case R.IPCMD:
        if ((value & 1) !== 0) this.trigger();
        return;
      case R.IPRXFCR:
        this.regs[offset >>> 2] = (value & ~IPFCR.CLR) >>> 0;
        if ((value & IPFCR.CLR) !== 0) {
          this.rx.clear();
          this.pumpRx();
        }
        return;
      case R.IPTXFCR:
        this.regs[offset >>> 2] = (value & ~IPFCR.CLR) >>> 0;
        if ((value & IPFCR.CLR) !== 0) this.tx.clear();
        return;
      case R.STS0: case R.STS1: case R.STS2: case R.AHBSPNDSTS: case R.IPRXFSTS: case R.IPTXFSTS:
        return; // read-only
      default:
        this.regs[offset >>> 2] = value >>> 0;
        if (offset >= R.FLSHA1CR0 && offset < R.FLSHA1CR2) this.updatePorts();
        else if (offset >= R.AHBRXBUF0CR0 && offset < R.AHBRXBUF0CR0 + 4 * this.instance.ahbRxBuffers) this.configureAhbBuffers();
    }
  }

  // ---------------------------------------------------------------- INTR, FIFOs

  private writeIntr(value: number): void {
    this.intr = (this.intr & ~(value & INTR_W1C_MASK)) >>> 0;
    // "The fields clear when the INTR error bit is written with 1" (research §1.2 STS1).
    if ((value & INTR.IPCMDERR) !== 0) this.sts1 = (this.sts1 & ~STS1_IP_MASK) >>> 0;
    if ((value & INTR.AHBCMDERR) !== 0) this.sts1 = (this.sts1 & ~STS1_AHB_MASK) >>> 0;
    if ((value & INTR.IPRXWA) !== 0) {
      this.rx.pop(this.rxWatermark());
      this.pumpRx();
    }
    if ((value & INTR.IPTXWE) !== 0) {
      this.tx.push(this.txWatermark());
      if (this.ipActive && !this.ipExecuted) this.step();
    }
  }

  /** (IPxXFCR watermark field + 1) × 8 bytes, limited to the FIFO and the 128-byte window. */
  private txWatermark(): number {
    return Math.min(((((this.regs[R.IPTXFCR >>> 2] as number) >>> IPFCR.WMRK_SHIFT) & this.wmMask) + 1) * 8, FIFO_WINDOW_WORDS * 4);
  }

  private rxWatermark(): number {
    return Math.min(((((this.regs[R.IPRXFCR >>> 2] as number) >>> IPFCR.WMRK_SHIFT) & this.wmMask) + 1) * 8, FIFO_WINDOW_WORDS * 4);
  }

  /** STS2 lock bits follow DLLCRx.DLLEN at once: ASLVLOCK|AREFLOCK bits 0/1, B at 16/17 (SDK masks from memory; UNVERIFIED). */
  private sts2(): number {
    const a = ((this.regs[R.DLLCR0 >>> 2] as number) & 1) !== 0 ? 0x3 : 0;
    const b = ((this.regs[R.DLLCR1 >>> 2] as number) & 1) !== 0 ? 0x3_0000 : 0;
    return a | b;
  }

  private softwareReset(): void {
    this.abortJob();
    this.tx.clear();
    this.rx.clear();
    this.ahbBuffers.invalidate();
  }

  private abortJob(): void {
    if (this.ipActive && !this.ipExecuted) this.ipExec.abort();
    this.ipActive = false;
    this.ipPendingRx = undefined;
  }

  private configureAhbBuffers(): void {
    const sizes: number[] = [];
    for (let n = 0; n < this.instance.ahbRxBuffers; n++) {
      sizes.push(((this.regs[(R.AHBRXBUF0CR0 >>> 2) + n] as number) & AHBRXBUFCR0_BUFSZ_MASK) * 8);
    }
    this.ahbBuffers.configure(sizes);
  }

  // ---------------------------------------------------------------- IP commands (research §1.5)

  private trigger(): void {
    if (this.ipActive) return;
    if (((this.regs[R.MCR0 >>> 2] as number) & MCR0.MDIS) !== 0 || !this.clockOn()) return; // never completes
    const sfar = this.regs[R.IPCR0 >>> 2] as number;
    const ipcr1 = this.regs[R.IPCR1 >>> 2] as number;
    const dataBytes = ipcr1 & IPCR1.IDATSZ_MASK;
    const seqId = (ipcr1 >>> IPCR1.ISEQID_SHIFT) & IPCR1.ISEQID_MASK;
    const seqCount = ((ipcr1 >>> IPCR1.ISEQNUM_SHIFT) & IPCR1.ISEQNUM_MASK) + 1;
    this.tx.consumed = 0;
    this.rx.received = 0;

    const target = this.locate(sfar);
    if (target === undefined || sfar + dataBytes > this.flashTotal) {
      this.ipError(CMD_ERROR.ADDRESS_OUT_OF_RANGE, seqId);
      return;
    }
    if (sfar + dataBytes > target.portEnd) {
      this.ipError(CMD_ERROR.BOUNDARY_CROSSED, seqId);
      return;
    }
    let sequences: readonly DecodedSequence[];
    if (seqCount === 1) {
      const seq = this.sequence(seqId);
      const error = ipSequenceError(seq);
      if (error !== 0) {
        this.ipError(error, seqId);
        return;
      }
      sequences = seq.alone;
    } else {
      const list: DecodedSequence[] = [];
      for (let k = 0; k < seqCount; k++) {
        const index = (seqId + k) % this.decoded.length; // wraps past the last sequence (UNVERIFIED)
        const seq = this.sequence(index);
        const error = ipSequenceError(seq);
        if (error !== 0) {
          this.ipError(error, index);
          return;
        }
        list.push(seq);
      }
      sequences = list;
    }
    const device = this.pinsMuxed() ? this.devices[target.port] : undefined;
    this.ipExec.start(sequences, device, sfar - target.portBase, dataBytes, target.mapping);
    this.ipActive = true;
    this.ipExecuted = false;
    this.ipPendingRx = undefined;
    this.step();
  }

  /** Runs the in-flight command as far as it can go and charges its serial time. */
  private step(): void {
    if (!this.ipActive || !this.clockOn()) return;
    const result = this.ipExec.run();
    this.charge(this.ipExec);
    if (result === 'need-tx') {
      this.intr |= INTR.SCKSTOPBYWR;
      return;
    }
    this.ipExecuted = true;
    this.pumpRx();
  }

  /** Moves staged RX data into the FIFO; completes the command when everything has moved. */
  private pumpRx(): void {
    if (!this.ipActive || !this.ipExecuted) return;
    const pending = this.ipPendingRx;
    while (pending !== undefined && pending.length > 0) {
      const head = pending[0] as Uint8Array;
      const n = this.rx.put(head);
      if (n < head.length) {
        pending[0] = head.subarray(n);
        this.intr |= INTR.SCKSTOPBYRD;
        return;
      }
      pending.shift();
    }
    this.ipActive = false;
    this.ipPendingRx = undefined;
    this.intr |= INTR.IPCMDDONE;
  }

  private ipError(code: number, seqIndex: number): void {
    this.intr |= INTR.IPCMDERR | INTR.IPCMDDONE; // IPCMDDONE is also set on IPCMDERR (research §1.2)
    this.sts1 = ((this.sts1 & ~STS1_IP_MASK) | (seqIndex << STS1.IPCMDERRID_SHIFT) | (code << STS1.IPCMDERRCODE_SHIFT)) >>> 0;
  }

  // ---------------------------------------------------------------- AHB (used by FlexspiAhbWindow)

  /**
   * The AHB line holding flash address `address` (linear A1/A2/B1/B2 space), from the RX buffers
   * or fetched through ARDSEQID/ARDSEQNUM of the port's FLSHxCR2 (research §1.2, §1.6).
   * Throws BusFault('device-error') when it cannot be read.
   */
  ahbLine(address: number, busAddress: number): AhbLine {
    this.ahbEnabled(busAddress, 'read');
    const hit = this.ahbBuffers.find(address);
    if (hit !== undefined) return hit;
    this.ahbArbiterFree(busAddress, 'read');
    const target = this.locate(address);
    if (target === undefined) throw new BusFault(busAddress, 'read', 'device-error'); // beyond FLSHxCR0 (UNVERIFIED)
    const lineBytes = this.ahbBuffers.lineBytes;
    const lineBase = address - (address % lineBytes);
    const start = Math.max(lineBase, target.portBase);
    const end = Math.min(lineBase + lineBytes, target.portEnd);
    const cr2 = this.regs[(R.FLSHA1CR2 >>> 2) + target.port] as number;
    const seqs = this.ahbSequences(cr2 & FLSHCR2.ARDSEQID_MASK, (cr2 >>> FLSHCR2.ARDSEQNUM_SHIFT) & FLSHCR2.SEQNUM_MASK, false, busAddress, 'read');
    const data = new Uint8Array(end - start).fill(0xff);
    let got = 0;
    const io: ExecutionIo = {
      takeTx: () => 0,
      putRx: (bytes) => {
        const n = Math.min(bytes.length, data.length - got);
        data.set(n === bytes.length ? bytes : bytes.subarray(0, n), got);
        got += n;
      },
    };
    const device = this.pinsMuxed() ? this.devices[target.port] : undefined;
    const exec = new LutExecution(io).start(seqs, device, start - target.portBase, data.length, target.mapping);
    exec.run();
    this.charge(exec);
    const line = { base: start, data };
    this.ahbBuffers.insert(line);
    return line;
  }

  /**
   * An AHB write: runs AWRSEQID/AWRSEQNUM of the port's FLSHxCR2 with `data` as the WRITE data
   * (research §1.2; the "stray AHB write runs AWRSEQID" gotcha). READ data is discarded. The AHB
   * RX buffers are not updated (UNVERIFIED).
   */
  ahbWrite(address: number, data: Uint8Array, busAddress: number): void {
    this.ahbEnabled(busAddress, 'write');
    this.ahbArbiterFree(busAddress, 'write');
    const target = this.locate(address);
    if (target === undefined || address + data.length > target.portEnd) throw new BusFault(busAddress, 'write', 'device-error');
    const cr2 = this.regs[(R.FLSHA1CR2 >>> 2) + target.port] as number;
    const seqs = this.ahbSequences((cr2 >>> FLSHCR2.AWRSEQID_SHIFT) & 0xf, (cr2 >>> FLSHCR2.AWRSEQNUM_SHIFT) & FLSHCR2.SEQNUM_MASK, true, busAddress, 'write');
    let taken = 0;
    const io: ExecutionIo = {
      takeTx: (dest, offset) => {
        const n = Math.min(dest.length - offset, data.length - taken);
        dest.set(data.subarray(taken, taken + n), offset);
        taken += n;
        return n;
      },
      putRx: () => undefined,
    };
    const device = this.pinsMuxed() ? this.devices[target.port] : undefined;
    const exec = new LutExecution(io).start(seqs, device, address - target.portBase, data.length, target.mapping);
    exec.run();
    this.charge(exec);
  }

  /** The clock gate (for the AHB window's checkAccess). */
  ahbClockOn(): boolean {
    return this.clockOn();
  }

  /** MDIS=1: the AHB side does not answer; a bus error (UNVERIFIED). */
  private ahbEnabled(busAddress: number, access: 'read' | 'write'): void {
    if (((this.regs[R.MCR0 >>> 2] as number) & MCR0.MDIS) !== 0) throw new BusFault(busAddress, access, 'device-error');
  }

  private ahbArbiterFree(busAddress: number, access: 'read' | 'write'): void {
    if (this.ipActive) {
      // The arbiter is held by the IP command: the AHB access waits AHBBUSWAIT and ends in a bus
      // error with INTR.AHBBUSTIMEOUT (research §1.2 MCR1/INTR; UNVERIFIED as the exact outcome).
      this.intr |= INTR.AHBBUSTIMEOUT;
      throw new BusFault(busAddress, access, 'device-error');
    }
  }

  private ahbSequences(seqId: number, seqNum: number, isWrite: boolean, busAddress: number, access: 'read' | 'write'): DecodedSequence[] {
    const out: DecodedSequence[] = [];
    for (let k = 0; k <= seqNum; k++) {
      const index = (seqId + k) % this.decoded.length;
      const seq = this.sequence(index);
      const error = isWrite ? ipSequenceError(seq) : seq.error; // JMP_ON_CS is fine in AHB reads
      if (error !== 0) {
        this.intr |= INTR.AHBCMDERR;
        this.sts1 = ((this.sts1 & ~STS1_AHB_MASK) | (index << STS1.AHBCMDERRID_SHIFT) | (error << STS1.AHBCMDERRCODE_SHIFT)) >>> 0;
        throw new BusFault(busAddress, access, 'device-error');
      }
      out.push(seq);
    }
    return out;
  }

  // ---------------------------------------------------------------- shared

  /** The decoded sequence `index`, decoded once per LUT change (the cache drops on LUT writes). */
  private sequence(index: number): DecodedSequence {
    let seq = this.decoded[index];
    if (seq === undefined) {
      seq = decodeLutSequence(this.lut, index);
      this.decoded[index] = seq;
    }
    return seq;
  }

  /** Which populated port holds linear flash address `address`. */
  private locate(address: number): PortRange | undefined {
    const ports = this.ports;
    for (let i = 0; i < ports.length; i++) {
      const p = ports[i] as PortRange;
      if (address < p.portEnd) return address >= p.portBase ? p : undefined;
    }
    return undefined;
  }

  /** A1, A2, B1, B2 back to back by FLSHxCR0 (research §1.1); WA/CAS from FLSHxCR1 (§1.2). */
  private updatePorts(): void {
    const ports: PortRange[] = [];
    let base = 0;
    for (let p = 0; p < 4; p++) {
      const size = ((this.regs[(R.FLSHA1CR0 >>> 2) + p] as number) & FLSHCR0_SIZE_MASK) * 1024;
      if (size === 0) continue;
      const cr1 = this.regs[(R.FLSHA1CR1 >>> 2) + p] as number;
      const mapping = { wordAddressable: (cr1 & FLSHCR1.WA) !== 0, columnBits: (cr1 >>> FLSHCR1.CAS_SHIFT) & FLSHCR1.CAS_MASK };
      ports.push({ port: p, portBase: base, portEnd: base + size, mapping });
      base += size;
    }
    this.ports = ports;
    this.flashTotal = base;
  }

  private charge(exec: LutExecution): void {
    if (exec.cycles > 0) {
      this.clock.advance(exec.cycles / (this.serialClockMhz * 1000));
      exec.cycles = 0;
    }
  }
}
