import { ImxflashError } from '../errors/imxflash-error.js';
import { crc32 } from '../flash/crc32.js';
import type { ByteProgress, EraseRange, FlashDevice, FlashGeometry } from '../probe/flash-device.js';
import type { Clock } from '../time/clock.js';
import { hex32 } from '../util/hex.js';

export interface MemoryFlashOptions {
  /** Default 0x60000000. */
  readonly base?: number;
  /** Default 1 MiB. */
  readonly sizeBytes?: number;
  /** Default 256. */
  readonly pageBytes?: number;
  /** Erase unit sizes, smallest first. Default 4 KiB, 32 KiB, 64 KiB. */
  readonly eraseUnitBytes?: readonly number[];
  /** Initial contents (copied; shorter arrays leave the rest erased). Default: all 0xFF. */
  readonly initial?: Uint8Array;
  /** Default 'cheap'. */
  readonly readCost?: 'cheap' | 'expensive';
  /** Offer `checksum` (CRC-32). Default false. */
  readonly checksum?: boolean;
  /** Modelled time: each operation sleeps on this clock for what a QSPI NOR would take. */
  readonly timing?: {
    readonly clock: Clock;
    /** Default 200 µs (0.2 ms). */
    readonly pageProgramMs?: number;
    /** Per KiB erased. Default 12 ms (≈ 45 ms per 4 KiB sector … 750 ms per 64 KiB block, roughly). */
    readonly eraseMsPerKiB?: number;
    /** Default 1 ms per 16 KiB (a fast link). */
    readonly readMsPerKiB?: number;
  };
}

export type FlashOperation =
  | { readonly op: 'read' | 'checksum'; readonly address: number; readonly bytes: number }
  | { readonly op: 'erase'; readonly address: number; readonly bytes: number }
  | { readonly op: 'program'; readonly address: number; readonly bytes: number };

/**
 * A FlashDevice over a Uint8Array that behaves like NOR (STYLE R15): erase sets 0xFF and must be
 * unit-aligned, program ANDs bits (programming over data leaves the AND, which verify catches),
 * out-of-range access fails by code. Keeps an operation log so tests can inspect what reached
 * the flash; assert contents (`peek`), not call counts. Build a fresh one per test.
 */
export class MemoryFlashDevice implements FlashDevice {
  readonly geometry: FlashGeometry;
  readonly readCost: 'cheap' | 'expensive';
  readonly checksum?: (address: number, bytes: number) => Promise<number>;
  /** Every operation that reached the device, in order. */
  readonly operations: FlashOperation[] = [];
  private readonly memory: Uint8Array;

  constructor(private readonly options: MemoryFlashOptions = {}) {
    const sizeBytes = options.sizeBytes ?? 1 << 20;
    this.geometry = {
      base: options.base ?? 0x6000_0000,
      sizeBytes,
      pageBytes: options.pageBytes ?? 256,
      eraseUnits: (options.eraseUnitBytes ?? [4096, 32768, 65536]).map((bytes) => ({ bytes })),
    };
    this.readCost = options.readCost ?? 'cheap';
    this.memory = new Uint8Array(sizeBytes).fill(0xff);
    if (options.initial) this.memory.set(options.initial.subarray(0, sizeBytes));
    if (options.checksum) {
      this.checksum = async (address, bytes) => {
        const at = this.offset(address, bytes, 'checksum');
        this.operations.push({ op: 'checksum', address, bytes });
        return crc32(this.memory.subarray(at, at + bytes));
      };
    }
  }

  /** The flash's bytes at absolute `address`, without an operation (a copy). */
  peek(address: number, bytes: number): Uint8Array {
    const at = this.offset(address, bytes, 'peek');
    return this.memory.slice(at, at + bytes);
  }

  /** Sets bytes directly, as if a previous tool had written them (test set-up). */
  poke(address: number, data: Uint8Array): void {
    this.memory.set(data, this.offset(address, data.length, 'poke'));
  }

  async read(address: number, bytes: number, onProgress?: ByteProgress): Promise<Uint8Array> {
    const at = this.offset(address, bytes, 'read');
    this.operations.push({ op: 'read', address, bytes });
    await this.spend(((this.options.timing?.readMsPerKiB ?? 1 / 16) * bytes) / 1024);
    onProgress?.(bytes);
    return this.memory.slice(at, at + bytes);
  }

  async erase(ranges: readonly EraseRange[], onProgress?: ByteProgress): Promise<void> {
    const sector = this.geometry.eraseUnits[0]!.bytes;
    // Check every range before erasing any: a refused request changes nothing.
    for (const r of ranges) {
      this.offset(r.address, r.bytes, 'erase');
      if ((r.address - this.geometry.base) % sector !== 0 || r.bytes % sector !== 0 || r.bytes === 0) {
        throw new ImxflashError('FLASH_ERASE_UNALIGNED', `erase of ${r.bytes} bytes at ${hex32(r.address)} is not a whole number of ${sector}-byte sectors`, {
          hint: `Erase addresses and lengths must be multiples of ${sector} bytes.`,
          details: { address: r.address, bytes: r.bytes, sectorBytes: sector },
        });
      }
    }
    let done = 0;
    for (const r of ranges) {
      const at = r.address - this.geometry.base;
      this.operations.push({ op: 'erase', address: r.address, bytes: r.bytes });
      await this.spend(((this.options.timing?.eraseMsPerKiB ?? 12) * r.bytes) / 1024);
      this.memory.fill(0xff, at, at + r.bytes);
      done += r.bytes;
      onProgress?.(done);
    }
  }

  async program(address: number, data: Uint8Array, onProgress?: ByteProgress): Promise<void> {
    const at = this.offset(address, data.length, 'program');
    this.operations.push({ op: 'program', address, bytes: data.length });
    const page = this.geometry.pageBytes;
    let i = 0;
    while (i < data.length) {
      // One page-program command at a time, as the device splits at page boundaries.
      const end = Math.min(data.length, i + page - ((at + i) % page));
      await this.spend(this.options.timing?.pageProgramMs ?? 0.2);
      for (let j = i; j < end; j++) this.memory[at + j] = this.memory[at + j]! & data[j]!;
      i = end;
      onProgress?.(i);
    }
  }

  private async spend(ms: number): Promise<void> {
    if (this.options.timing) await this.options.timing.clock.sleep(ms);
  }

  /** Offset of `address` in the array, after checking [address, +bytes) lies inside the flash. */
  private offset(address: number, bytes: number, what: string): number {
    const { base, sizeBytes } = this.geometry;
    if (!Number.isInteger(address) || !Number.isInteger(bytes) || bytes < 0 || address < base || address + bytes > base + sizeBytes) {
      throw new ImxflashError(
        'FLASH_OUT_OF_RANGE',
        `${what} of ${bytes} bytes at ${hex32(address)} is outside the flash ${hex32(base)}–${hex32(base + sizeBytes - 1)}`,
        { hint: 'Check the address and length against the flash size.', details: { address, bytes } },
      );
    }
    return address - base;
  }
}
