import type { Pads, SendPhase, SerialFlashDevice } from '../../flash-bus/serial-flash-device.js';

/** One call the controller made on the wires, as the fake saw it. */
export type RecordedPhase =
  | { readonly type: 'select' }
  | { readonly type: 'deselect' }
  | { readonly type: 'send'; readonly phase: SendPhase; readonly bytes: readonly number[]; readonly pads: Pads; readonly ddr: boolean }
  | { readonly type: 'dummy'; readonly cycles: number; readonly pads: Pads; readonly ddr: boolean }
  | { readonly type: 'receive'; readonly count: number; readonly pads: Pads; readonly ddr: boolean };

export interface ScriptedFlashOptions {
  /** Array size (default 8 MiB). */
  sizeBytes?: number;
  /** Answer to 0x9F (default IS25WP064A: 9D 70 17). */
  jedecId?: readonly number[];
  /** Record every phase in `phases` (default true; turn off for benchmarks). */
  record?: boolean;
}

const READS = new Set([0x03, 0x0b, 0x13, 0x0c, 0x3b, 0x6b, 0xbb, 0xeb, 0x6c, 0xec]);
const PROGRAMS = new Set([0x02, 0x12, 0x32, 0x34, 0x38, 0x3e]);
const ERASES = new Map<number, number>([[0x20, 4096], [0x21, 4096], [0x52, 32768], [0xd8, 65536], [0xdc, 65536]]);
const CHIP_ERASES = new Set([0x60, 0xc7]);

/**
 * A scripted stand-in for a NOR chip, for FlexSPI controller tests (not a NOR model: no WEL,
 * no busy time, no QE, no page wrap). It records every phase and answers a few commands:
 * 0x9F → the JEDEC id; 0x05/0x35/0x15 → status 0 (never busy); 0x03/0x0B/0xEB/0x6B/… → the
 * array from the address; 0x02/0x32/… program (AND) as the data arrives; 0x20/0x52/0xD8
 * sector/block erase and 0x60/0xC7 chip erase at deselect. Anything else reads 0xFF.
 */
export class ScriptedFlashDevice implements SerialFlashDevice {
  readonly memory: Uint8Array;
  readonly phases: RecordedPhase[] = [];
  private readonly jedecId: Uint8Array;
  private readonly record: boolean;
  private command = -1;
  private address = -1;
  private cursor = 0;

  constructor(options: ScriptedFlashOptions = {}) {
    this.memory = new Uint8Array(options.sizeBytes ?? 8 << 20).fill(0xff);
    this.jedecId = Uint8Array.from(options.jedecId ?? [0x9d, 0x70, 0x17]);
    this.record = options.record ?? true;
  }

  select(): void {
    if (this.record) this.phases.push({ type: 'select' });
    this.command = -1;
    this.address = -1;
  }

  send(phase: SendPhase, bytes: Uint8Array, pads: Pads, ddr: boolean): void {
    if (this.record) this.phases.push({ type: 'send', phase, bytes: Array.from(bytes), pads, ddr });
    if (phase === 'cmd') {
      if (this.command < 0) this.command = bytes[0] ?? -1;
    } else if (phase === 'addr') {
      let a = 0;
      for (const b of bytes) a = a * 256 + b;
      this.address = a % this.memory.length;
      this.cursor = this.address;
    } else if (phase === 'data' && PROGRAMS.has(this.command) && this.address >= 0) {
      const mem = this.memory;
      const end = Math.min(this.cursor + bytes.length, mem.length);
      for (let i = this.cursor, j = 0; i < end; i++, j++) mem[i] = (mem[i] as number) & (bytes[j] as number);
      this.cursor = end;
    }
  }

  dummy(cycles: number, pads: Pads, ddr: boolean): void {
    if (this.record) this.phases.push({ type: 'dummy', cycles, pads, ddr });
  }

  receive(count: number, pads: Pads, ddr: boolean): Uint8Array {
    if (this.record) this.phases.push({ type: 'receive', count, pads, ddr });
    const c = this.command;
    if (c === 0x9f) {
      const out = new Uint8Array(count);
      out.set(this.jedecId.subarray(0, Math.min(count, this.jedecId.length)));
      return out;
    }
    if (c === 0x05 || c === 0x35 || c === 0x15) return new Uint8Array(count);
    if (READS.has(c) && this.address >= 0) {
      const mem = this.memory;
      const start = this.cursor;
      let out: Uint8Array;
      if (start + count <= mem.length) {
        out = mem.slice(start, start + count);
      } else {
        out = new Uint8Array(count);
        for (let i = 0; i < count; i++) out[i] = mem[(start + i) % mem.length] as number;
      }
      this.cursor = (start + count) % mem.length;
      return out;
    }
    return new Uint8Array(count).fill(0xff);
  }

  deselect(): void {
    if (this.record) this.phases.push({ type: 'deselect' });
    const c = this.command;
    const unit = ERASES.get(c);
    if (unit !== undefined && this.address >= 0) {
      const start = this.address - (this.address % unit);
      this.memory.fill(0xff, start, Math.min(start + unit, this.memory.length));
    } else if (CHIP_ERASES.has(c)) {
      this.memory.fill(0xff);
    }
    this.command = -1;
    this.address = -1;
  }

  /** The recorded phases grouped into CS transactions (select … deselect), without the markers. */
  transactions(): RecordedPhase[][] {
    const out: RecordedPhase[][] = [];
    let current: RecordedPhase[] | undefined;
    for (const p of this.phases) {
      if (p.type === 'select') current = [];
      else if (p.type === 'deselect') {
        if (current !== undefined) out.push(current);
        current = undefined;
      } else current?.push(p);
    }
    return out;
  }

  clearRecord(): void {
    this.phases.length = 0;
  }
}
