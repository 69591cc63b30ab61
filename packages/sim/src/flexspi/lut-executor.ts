import type { SerialFlashDevice } from '../flash-bus/serial-flash-device.js';
import type { DecodedSequence, LutInstr } from './lut-decoder.js';

/** How RADDR/CADDR turn a byte address into wire bits (FLSHxCR1.WA and CAS, research/imxrt.md §1.2, §2.5). */
export interface AddressMapping {
  /** FLSHxCR1.WA: the flash is word (16-bit) addressed, so the address on the wire is byte address / 2. */
  readonly wordAddressable: boolean;
  /** FLSHxCR1.CAS: column address bits. RADDR sends address >> CAS, CADDR the low CAS bits. */
  readonly columnBits: number;
}

/** Where a sequence's data comes from and goes to. */
export interface ExecutionIo {
  /** Copies up to `dest.length - offset` TX bytes into `dest` at `offset`; returns how many. */
  takeTx(dest: Uint8Array, offset: number): number;
  /** Bytes a READ instruction received (the executor hands over ownership). */
  putRx(bytes: Uint8Array): void;
}

/**
 * Runs LUT sequences against a SerialFlashDevice, one device call per instruction
 * (research/imxrt.md §1.3): select at the start of each sequence, then CMD/RADDR/CADDR/MODE →
 * `send`, DUMMY/DUMMY_RWDS → `dummy(operand)`, READ → `receive`, WRITE → `send('data')`, and
 * STOP/JMP_ON_CS/the end of the 8 slots → `deselect`. Consecutive sequences (ISEQNUM) are
 * separate CS transactions.
 *
 * Data length: WRITE and READ move the command's data size (IDATSZ, the AHB line, or the AHB
 * write) — once per command: a second data instruction moves what is left (nothing). The operand
 * of WRITE/READ is ignored (research §1.3: "not the length", UNVERIFIED exact semantics).
 *
 * Resumable at WRITE: when the TX source runs dry the execution returns 'need-tx' (the real
 * controller stalls SCK, INTR.SCKSTOPBYWR, research §1.5 step 8) and `run()` continues when
 * more data was pushed. The device sees one `send('data')` with all IDATSZ bytes, so a 256-byte
 * page program pushed in two 128-byte watermark blocks is one WRITE phase of 256 bytes.
 *
 * `device` undefined models a flash that does not answer (pins not muxed, nothing on the port):
 * nothing reaches a device and READ returns 0xFF (the data lines read high: a modelling choice,
 * UNVERIFIED).
 *
 * Serial cycles (for modelled time) accumulate in `cycles`: bits / (pads × (DDR ? 2 : 1)) per
 * phase, DUMMY operand = cycles. CS setup/hold and intervals are not counted.
 */
export class LutExecution {
  /** SCK cycles spent so far and not yet charged by the caller (who resets it). */
  cycles = 0;
  private sequences: readonly DecodedSequence[] = [];
  private device: SerialFlashDevice | undefined;
  private address = 0;
  private mapping: AddressMapping = { wordAddressable: false, columnBits: 0 };
  private seqIndex = 0;
  private instrIndex = 0;
  private selected = false;
  private dataLeft = 0;
  private writeBuf: Uint8Array | undefined;
  private writeFilled = 0;

  constructor(private readonly io: ExecutionIo) {}

  /**
   * Prepares a run of `sequences` at device byte address `address` moving `dataBytes` of data;
   * `device` undefined = a flash that does not answer. One instance is reused per command
   * stream, so a command costs no executor allocation.
   */
  start(
    sequences: readonly DecodedSequence[],
    device: SerialFlashDevice | undefined,
    address: number,
    dataBytes: number,
    mapping: AddressMapping,
  ): this {
    this.sequences = sequences;
    this.device = device;
    this.address = address;
    this.dataLeft = dataBytes;
    this.mapping = mapping;
    this.seqIndex = 0;
    this.instrIndex = 0;
    this.selected = false;
    this.writeBuf = undefined;
    this.writeFilled = 0;
    this.cycles = 0;
    return this;
  }

  /** Runs until every sequence has finished ('done') or a WRITE waits for TX data ('need-tx'). */
  run(): 'done' | 'need-tx' {
    const device = this.device;
    while (this.seqIndex < this.sequences.length) {
      const instructions = (this.sequences[this.seqIndex] as DecodedSequence).instructions;
      if (!this.selected) {
        this.selected = true;
        device?.select();
      }
      while (this.instrIndex < instructions.length) {
        const instr = instructions[this.instrIndex] as LutInstr;
        if (instr.kind === 'write') {
          if (!this.write(instr)) return 'need-tx';
        } else if (instr.kind === 'jmp-on-cs') {
          // Ends the sequence; the saved-pointer (continuous read) mode is not modelled.
          break;
        } else {
          this.execute(instr);
        }
        this.instrIndex++;
      }
      device?.deselect();
      this.selected = false;
      this.instrIndex = 0;
      this.seqIndex++;
    }
    return 'done';
  }

  private execute(instr: LutInstr): void {
    const perCycle = instr.pads * (instr.ddr ? 2 : 1);
    const device = this.device;
    switch (instr.kind) {
      case 'cmd':
        this.cycles += Math.ceil(8 / perCycle);
        device?.send('cmd', instr.bytes as Uint8Array, instr.pads, instr.ddr);
        return;
      case 'mode':
        this.cycles += Math.ceil(instr.modeBits / perCycle);
        device?.send('mode', instr.bytes as Uint8Array, instr.pads, instr.ddr);
        return;
      case 'raddr':
      case 'caddr': {
        const bits = instr.operand;
        this.cycles += Math.ceil(bits / perCycle);
        if (device === undefined) return;
        const { wordAddressable, columnBits } = this.mapping;
        const wire = wordAddressable ? Math.floor(this.address / 2) : this.address;
        const value = instr.kind === 'raddr' ? Math.floor(wire / 2 ** columnBits) : wire % 2 ** columnBits;
        device.send(instr.kind === 'raddr' ? 'addr' : 'caddr', addressBytes(value, bits), instr.pads, instr.ddr);
        return;
      }
      case 'dummy':
        this.cycles += instr.operand;
        device?.dummy(instr.operand, instr.pads, instr.ddr);
        return;
      case 'read': {
        const n = this.dataLeft;
        if (n === 0) return; // nothing left to read (IDATSZ 0, or a second READ): no clocks, no call
        this.dataLeft = 0;
        this.cycles += Math.ceil((n * 8) / perCycle);
        const bytes = device === undefined ? new Uint8Array(n).fill(0xff) : device.receive(n, instr.pads, instr.ddr);
        this.io.putRx(bytes);
        return;
      }
      default:
        return;
    }
  }

  /** MCR0.SWRESET: the engine stops; CS is released if a transaction was open. */
  abort(): void {
    if (this.selected) this.device?.deselect();
    this.selected = false;
    this.seqIndex = this.sequences.length;
  }

  /** Collects the WRITE data; true when it has been sent. */
  private write(instr: LutInstr): boolean {
    if (this.writeBuf === undefined) {
      this.writeBuf = new Uint8Array(this.dataLeft);
      this.writeFilled = 0;
      this.dataLeft = 0;
    }
    const buf = this.writeBuf;
    if (this.writeFilled < buf.length) this.writeFilled += this.io.takeTx(buf, this.writeFilled);
    if (this.writeFilled < buf.length) return false;
    this.cycles += Math.ceil((buf.length * 8) / (instr.pads * (instr.ddr ? 2 : 1)));
    if (buf.length > 0) this.device?.send('data', buf, instr.pads, instr.ddr);
    this.writeBuf = undefined;
    return true;
  }
}

/** `bits` of `value`, most significant byte first, in ceil(bits / 8) bytes (24 → 3, 32 → 4). */
export function addressBytes(value: number, bits: number): Uint8Array {
  const n = (bits + 7) >>> 3;
  const out = new Uint8Array(n);
  let v = bits >= 32 ? value >>> 0 : value % 2 ** bits;
  for (let i = n - 1; i >= 0; i--) {
    out[i] = v & 0xff;
    v = v >= 0x1_0000_0000 ? Math.floor(v / 256) : v >>> 8;
  }
  return out;
}
