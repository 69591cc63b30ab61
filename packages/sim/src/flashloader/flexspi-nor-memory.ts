import type { Chip } from '@imxflash/core';
import type { MemoryBus } from '../bus/memory-bus.js';
import type { FlexspiController } from '../flexspi/flexspi-controller.js';
import { LUT_OPCODE as OP, lutInstruction as I, lutSequenceWords } from '../flexspi/lut-decoder.js';
import { bringUpFlexspi, ipCommand, writeLut, type IpCommandRequest } from '../flexspi/testing/raw-flexspi.js';
import type { VirtualClock } from '../time/virtual-clock.js';
import { FL_STATUS, FlashloaderStatus } from './flashloader-status.js';

/**
 * FlexSPI NOR as NXP's flashloader drives it (research/spsdk.md §2.8–§2.10, NXPSDK
 * flexspi_nor_memory.c as the research describes it), on the board's FlexSPI controller through
 * register accesses only: configure from an option word (SFDP probe → geometry, QE, LUT) or from
 * a full FCB, then erase, page program and read through IP commands, polling the status register.
 *
 * LUT sequence indices follow the FCB convention (research §3.1): 0 read, 1 read status, 3 write
 * enable, 5 sector erase, 8 block erase, 9 page program, 11 chip erase, 13 read SFDP; plus 2 =
 * write status and 4 = fast read 1-1-1. Reads are IP commands with sequence 0 (UNVERIFIED: the
 * real flashloader reads through the AHB window, which runs the same sequence).
 */
export const NOR_SEQ = { READ: 0, READ_STATUS: 1, WRITE_STATUS: 2, WRITE_ENABLE: 3, FAST_READ: 4, ERASE_SECTOR: 5, ERASE_BLOCK: 8, PAGE_PROGRAM: 9, CHIP_ERASE: 11, READ_SFDP: 13 } as const;

export interface NorGeometry {
  readonly sizeBytes: number;
  readonly pageBytes: number;
  readonly sectorBytes: number;
  readonly blockBytes: number;
}

export interface NorConfig extends NorGeometry {
  /** The 512-byte FCB the configuration amounts to (what 0xF000000F writes). */
  readonly fcb: Uint8Array;
}

/** Status-register polls while a program runs and while an erase runs (modelled host time between polls). */
const PROGRAM_POLL_MS = 0.01;
const ERASE_POLL_MS = 0.5;
/** Give up waiting for WIP after this much modelled time (the flashloader's WaitTimeout). */
const BUSY_LIMIT_MS = 200_000;

export class FlexspiNorMemory {
  config: NorConfig | undefined;
  private base = 0;
  readonly ahbBase: number;

  constructor(
    private readonly chip: Chip,
    private readonly bus: MemoryBus,
    private readonly controller: FlexspiController,
    private readonly clock: VirtualClock,
  ) {
    const instance = chip.flexspi[chip.bootFlexspi];
    if (instance === undefined) throw new RangeError(`${chip.id} has no boot FlexSPI`);
    this.ahbBase = instance.ahbWindow.start;
  }

  /**
   * Serial NOR config option (tag 0xC, research §2.9): brings the controller up, probes SFDP over
   * 1 pad, sets QE as the table says (JESD216A+ DW15 QER; else the option's QE type), loads the
   * LUT and sets the flash size. Throws FlashloaderStatus 20107 when no SFDP table answers.
   */
  configureFromOption(option0: number, option1: number | undefined): void {
    const deviceType = (option0 >>> 20) & 0xf;
    if (deviceType !== 0) throw new FlashloaderStatus(FL_STATUS.NOR_SFDP_NOT_FOUND, `device type ${deviceType} is not QuadSPI SDR: the model probes SFDP only on QuadSPI SDR`);
    if (option1 !== undefined && option1 >>> 28 !== 0) throw new FlashloaderStatus(FL_STATUS.NOR_FLASH_NOT_FOUND, 'only port A is wired on the board');
    this.base = bringUpFlexspi(this.bus, this.chip, 64 * 1024 * 1024);
    writeLut(this.bus, this.base, 0, this.baseLut());
    const header = this.ip({ seqId: NOR_SEQ.READ_SFDP, address: 0, rxBytes: 16 });
    if (word(header, 0) !== 0x5044_4653) throw new FlashloaderStatus(FL_STATUS.NOR_SFDP_NOT_FOUND, 'no SFDP signature');
    const dwords = Math.min(header[11]!, 20);
    const pointer = header[12]! | (header[13]! << 8) | (header[14]! << 16);
    if (dwords < 9) throw new FlashloaderStatus(FL_STATUS.NOR_SFDP_NOT_FOUND, `BFPT of ${dwords} dwords`);
    const bfpt = this.ip({ seqId: NOR_SEQ.READ_SFDP, address: pointer, rxBytes: dwords * 4 });
    const dw = (n: number): number => (n <= dwords ? word(bfpt, (n - 1) * 4) : 0xffff_ffff);

    const dw2 = dw(2);
    const sizeBytes = (dw2 & 0x8000_0000) !== 0 ? 2 ** ((dw2 & 0x7fff_ffff) - 3) : (dw2 + 1) / 8;
    const erase = [dw(8) & 0xffff, dw(8) >>> 16, dw(9) & 0xffff, dw(9) >>> 16]
      .filter((p) => (p & 0xff) !== 0 && (p & 0xff) !== 0xff)
      .map((p) => ({ bytes: 2 ** (p & 0xff), opcode: p >>> 8 }))
      .sort((a, b) => a.bytes - b.bytes);
    const sector = erase[0];
    if (sector === undefined) throw new FlashloaderStatus(FL_STATUS.NOR_SFDP_NOT_FOUND, 'no erase type');
    const block = [...erase].reverse().find((e) => e.bytes <= 64 * 1024) ?? sector;
    const pageBytes = dwords >= 11 ? 2 ** ((dw(11) >>> 4) & 0xf) : 256;
    const supports144 = (dw(1) & (1 << 21)) !== 0;
    const fast144 = dw(3) & 0xffff;
    // QE requirement: DW15 bits 22:20 (JESD216A+); a JESD216 (9-dword) table takes the option's QE type (research §2.9).
    const qer = dwords >= 15 ? (dw(15) >>> 20) & 7 : [0, 2, 1, 3, 4][(option0 >>> 8) & 0xf] ?? 0;
    const quad = supports144 && this.setQuadEnable(qer);

    const freq = option0 & 0xf;
    const mhz = this.chip.serialClkFreqMhz[freq];
    // The flashloader sets the FlexSPI root clock to the option's frequency (a CCM write the sim's CCM does not model).
    if (mhz !== undefined) this.controller.serialClockMhz = mhz;

    const lut = this.baseLut();
    const put = (seq: number, instrs: number[]): void => lut.set(lutSequenceWords(instrs), seq * 4);
    if (quad) {
      const dummy = (fast144 & 0x1f) + ((fast144 >>> 5) & 7);
      put(NOR_SEQ.READ, [I(OP.CMD, 1, fast144 >>> 8), I(OP.RADDR, 4, 24), I(OP.DUMMY, 4, dummy), I(OP.READ, 4, 4)]);
    } else {
      put(NOR_SEQ.READ, [I(OP.CMD, 1, 0x0b), I(OP.RADDR, 1, 24), I(OP.DUMMY, 1, 8), I(OP.READ, 1, 4)]);
    }
    put(NOR_SEQ.ERASE_SECTOR, [I(OP.CMD, 1, sector.opcode), I(OP.RADDR, 1, 24)]);
    put(NOR_SEQ.ERASE_BLOCK, [I(OP.CMD, 1, block.opcode), I(OP.RADDR, 1, 24)]);
    put(NOR_SEQ.PAGE_PROGRAM, [I(OP.CMD, 1, 0x02), I(OP.RADDR, 1, 24), I(OP.WRITE, 1, 4)]);
    put(NOR_SEQ.CHIP_ERASE, [I(OP.CMD, 1, 0x60)]);
    this.finish(lut, { sizeBytes, pageBytes, sectorBytes: sector.bytes, blockBytes: block.bytes }, quad ? 4 : 1, freq === 0 ? 1 : freq);
  }

  /** A full 512-byte FCB ('FCFB', research §2.8 item 4): its LUT and geometry, used as they are. */
  configureFromFcb(fcb: Uint8Array): void {
    const sizeBytes = word(fcb, 0x50);
    const pageBytes = word(fcb, 0x1c0);
    const sectorBytes = word(fcb, 0x1c4);
    const blockBytes = word(fcb, 0x1d0) || sectorBytes;
    if (sizeBytes === 0 || pageBytes === 0 || sectorBytes === 0) throw new FlashloaderStatus(FL_STATUS.INVALID_ARGUMENT, 'FCB without sizes');
    this.base = bringUpFlexspi(this.bus, this.chip, sizeBytes);
    const lut = new Uint32Array(64);
    for (let i = 0; i < 64; i++) lut[i] = word(fcb, 0x80 + i * 4);
    // The flashloader's own helpers (status write, fast read, SFDP) go into sequences the FCB leaves empty.
    const base = this.baseLut();
    for (const seq of [NOR_SEQ.WRITE_STATUS, NOR_SEQ.FAST_READ, NOR_SEQ.READ_SFDP]) if (lut[seq * 4] === 0) lut.set(base.subarray(seq * 4, seq * 4 + 4), seq * 4);
    const mhz = this.chip.serialClkFreqMhz[fcb[0x46]!];
    if (mhz !== undefined) this.controller.serialClockMhz = mhz;
    this.config = { sizeBytes, pageBytes, sectorBytes, blockBytes, fcb: fcb.slice(0, 512) };
    writeLut(this.bus, this.base, 0, lut);
    this.bus.write32(this.base + 0x60, Math.ceil(sizeBytes / 1024));
  }

  /** Erases [offset, offset + bytes): 64 KiB blocks where aligned, sectors elsewhere (UNVERIFIED choice). */
  erase(offset: number, bytes: number): void {
    const c = this.need();
    for (let at = offset; at < offset + bytes; ) {
      const useBlock = at % c.blockBytes === 0 && offset + bytes - at >= c.blockBytes;
      this.writeEnable();
      this.ip({ seqId: useBlock ? NOR_SEQ.ERASE_BLOCK : NOR_SEQ.ERASE_SECTOR, address: at });
      this.waitReady(ERASE_POLL_MS, FL_STATUS.NOR_ERASE_SECTOR_FAIL);
      at += useBlock ? c.blockBytes : c.sectorBytes;
    }
  }

  eraseAll(): void {
    this.need();
    this.writeEnable();
    this.ip({ seqId: NOR_SEQ.CHIP_ERASE, address: 0 });
    this.waitReady(ERASE_POLL_MS * 20, FL_STATUS.NOR_ERASE_ALL_FAIL);
  }

  /** Programs one page-aligned run of at most one page. */
  programPage(offset: number, data: Uint8Array): void {
    this.writeEnable();
    this.ip({ seqId: NOR_SEQ.PAGE_PROGRAM, address: offset, tx: data });
    this.waitReady(PROGRAM_POLL_MS, FL_STATUS.NOR_PROGRAM_FAIL);
  }

  /** IP reads with sequence 0, ≤ 32 KiB each (IDATSZ is 16 bits). */
  read(offset: number, bytes: number): Uint8Array {
    this.need();
    const out = new Uint8Array(bytes);
    for (let done = 0; done < bytes; done += 0x8000) {
      const n = Math.min(0x8000, bytes - done);
      out.set(this.ip({ seqId: NOR_SEQ.READ, address: offset + done, rxBytes: n }), done);
    }
    return out;
  }

  need(): NorConfig {
    if (this.config === undefined) throw new FlashloaderStatus(FL_STATUS.MEMORY_NOT_CONFIGURED, 'FlexSPI NOR not configured');
    return this.config;
  }

  /** Forget the configuration (reset). */
  forget(): void {
    this.config = undefined;
  }

  private finish(lut: Uint32Array, g: NorGeometry, pads: 1 | 4, freq: number): void {
    writeLut(this.bus, this.base, 0, lut);
    this.bus.write32(this.base + 0x60, Math.ceil(g.sizeBytes / 1024)); // FLSHA1CR0
    this.config = { ...g, fcb: buildFcb(lut, g, pads, freq) };
  }

  private baseLut(): Uint32Array {
    const lut = new Uint32Array(64);
    const put = (seq: number, instrs: number[]): void => lut.set(lutSequenceWords(instrs), seq * 4);
    put(NOR_SEQ.READ_STATUS, [I(OP.CMD, 1, 0x05), I(OP.READ, 1, 4)]);
    put(NOR_SEQ.WRITE_STATUS, [I(OP.CMD, 1, 0x01), I(OP.WRITE, 1, 1)]);
    put(NOR_SEQ.WRITE_ENABLE, [I(OP.CMD, 1, 0x06)]);
    put(NOR_SEQ.FAST_READ, [I(OP.CMD, 1, 0x0b), I(OP.RADDR, 1, 24), I(OP.DUMMY, 1, 8), I(OP.READ, 1, 4)]);
    put(NOR_SEQ.READ_SFDP, [I(OP.CMD, 1, 0x5a), I(OP.RADDR, 1, 24), I(OP.DUMMY, 1, 8), I(OP.READ, 1, 4)]);
    return lut;
  }

  /** QER 2 (SR1 bit 6 via WRSR, one byte) is the one the model sets; others leave quad off (UNVERIFIED subset). */
  private setQuadEnable(qer: number): boolean {
    if (qer !== 2) return false;
    const sr1 = this.ip({ seqId: NOR_SEQ.READ_STATUS, address: 0, rxBytes: 1 })[0]!;
    if ((sr1 & 0x40) !== 0) return true;
    this.writeEnable();
    this.ip({ seqId: NOR_SEQ.WRITE_STATUS, address: 0, tx: Uint8Array.of(sr1 | 0x40) });
    this.waitReady(ERASE_POLL_MS, FL_STATUS.NOR_COMMAND_FAILURE);
    return (this.ip({ seqId: NOR_SEQ.READ_STATUS, address: 0, rxBytes: 1 })[0]! & 0x40) !== 0;
  }

  private writeEnable(): void {
    this.ip({ seqId: NOR_SEQ.WRITE_ENABLE, address: 0 });
  }

  /** Polls SR1 bit 0 (WIP) every `pollMs` of modelled time. */
  private waitReady(pollMs: number, failStatus: number): void {
    const deadline = this.clock.now() + BUSY_LIMIT_MS;
    for (;;) {
      const sr = this.ip({ seqId: NOR_SEQ.READ_STATUS, address: 0, rxBytes: 1 })[0]!;
      if ((sr & 1) === 0) return;
      if (this.clock.now() > deadline) throw new FlashloaderStatus(FL_STATUS.NOR_WAIT_TIMEOUT, `still busy after ${BUSY_LIMIT_MS} ms (${failStatus})`);
      this.clock.advance(pollMs);
    }
  }

  private ip(request: IpCommandRequest): Uint8Array {
    const r = ipCommand(this.bus, this.base, request);
    if (r.status === 'done') return r.rx;
    throw new FlashloaderStatus(r.status === 'timeout' ? FL_STATUS.FLEXSPI_SEQUENCE_TIMEOUT : FL_STATUS.NOR_COMMAND_FAILURE, `IP command seq ${request.seqId}: ${r.status}`);
  }
}

function word(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/**
 * The FCB the flashloader writes for 0xF000000F (research §3.1 layout, §3.2 golden values for
 * IS25WP064A): tag, version, DQS-pad loopback, CS hold/setup 3, SafeConfigFreq, serial NOR,
 * pads, clock, A1 size, the LUT, page/sector/block sizes, 30 MHz IP command clock.
 */
function buildFcb(lut: Uint32Array, g: NorGeometry, pads: 1 | 4, freq: number): Uint8Array {
  const fcb = new Uint8Array(512);
  const v = new DataView(fcb.buffer);
  v.setUint32(0x000, 0x4246_4346, true);
  v.setUint32(0x004, 0x5601_0400, true);
  fcb[0x00c] = 1;
  fcb[0x00d] = 3;
  fcb[0x00e] = 3;
  v.setUint32(0x040, 0x10, true);
  fcb[0x044] = 1;
  fcb[0x045] = pads;
  fcb[0x046] = freq;
  v.setUint32(0x050, g.sizeBytes, true);
  for (let i = 0; i < 64; i++) v.setUint32(0x080 + i * 4, lut[i]!, true);
  // The helpers at 2, 4 and 13 are the flashloader's; the ROM only uses the FCB's standard sequences, harmless either way.
  v.setUint32(0x1c0, g.pageBytes, true);
  v.setUint32(0x1c4, g.sectorBytes, true);
  fcb[0x1c8] = 1;
  fcb[0x1c9] = 0;
  v.setUint32(0x1d0, g.blockBytes, true);
  return fcb;
}
