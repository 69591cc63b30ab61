import { hex32, ImxflashError, type ByteProgress, type EraseRange, type FlashDevice, type FlashGeometry } from '@imxflash/core';
import type { JlinkOperation } from '../script/flash-script.js';

/** Runs a batch of operations in one JLinkExe process; read results by operation index. */
export type JlinkBatchRunner = (operations: readonly JlinkOperation[]) => Promise<ReadonlyMap<number, Uint8Array>>;

/**
 * The boot flash as J-Link reaches it: every call is one JLinkExe run (connect, halt, the work,
 * exit). Erases are kept until the next program, read or flush and then go in the same run
 * (each run costs a process start and a target connect); JLinkExe's loadbin then verifybin
 * programs and checks. Reads are savebin dumps ('expensive': a run each).
 */
export class JlinkFlashDevice implements FlashDevice {
  readonly readCost = 'expensive' as const;
  private pendingErases: EraseRange[] = [];

  constructor(
    readonly geometry: FlashGeometry,
    private readonly runBatch: JlinkBatchRunner,
  ) {}

  async read(address: number, bytes: number, onProgress?: ByteProgress): Promise<Uint8Array> {
    this.checkRange(address, bytes);
    const ops = [...this.takeErases(), { kind: 'read', address, bytes } as const];
    const results = await this.runBatch(ops);
    const data = results.get(ops.length - 1);
    if (data === undefined || data.length !== bytes) {
      throw new ImxflashError('JLINK_READ_FAILED', `J-Link read of ${bytes} bytes at ${hex32(address)} returned ${data?.length ?? 0} bytes`, {
        hint: 'Retry; if it repeats, read with --probe sdp or --probe cmsis-dap.',
        details: { address, bytes, got: data?.length ?? 0 },
      });
    }
    onProgress?.(bytes);
    return data;
  }

  async erase(ranges: readonly EraseRange[], onProgress?: ByteProgress): Promise<void> {
    const unit = this.geometry.eraseUnits[0]?.bytes ?? 4096;
    for (const r of ranges) {
      this.checkRange(r.address, r.bytes);
      if ((r.address - this.geometry.base) % unit !== 0 || r.bytes % unit !== 0) {
        throw new ImxflashError('FLASH_ERASE_UNALIGNED', `erase of ${r.bytes} bytes at ${hex32(r.address)} is not aligned to ${unit}-byte sectors`, {
          hint: 'This is a bug in the caller: erase ranges must be whole sectors.',
          details: { address: r.address, bytes: r.bytes, sectorBytes: unit },
        });
      }
    }
    this.pendingErases.push(...ranges.filter((r) => r.bytes > 0));
    // Reported as done: the erase runs with the next program or read (see class comment).
    onProgress?.(ranges.reduce((n, r) => n + r.bytes, 0));
  }

  async program(address: number, data: Uint8Array, onProgress?: ByteProgress): Promise<void> {
    this.checkRange(address, data.length);
    if (data.length === 0) return;
    await this.runBatch([...this.takeErases(), { kind: 'program', address, data }]);
    onProgress?.(data.length);
  }

  /** Runs erases still pending (call before disposing the session). */
  async flush(): Promise<void> {
    const ops = this.takeErases();
    if (ops.length > 0) await this.runBatch(ops);
  }

  private takeErases(): JlinkOperation[] {
    const ops = this.pendingErases.map((r) => ({ kind: 'erase', address: r.address, bytes: r.bytes }) as const);
    this.pendingErases = [];
    return ops;
  }

  private checkRange(address: number, bytes: number): void {
    const { base, sizeBytes } = this.geometry;
    if (!(Number.isInteger(address) && Number.isInteger(bytes) && bytes >= 0 && address >= base && address + bytes <= base + sizeBytes)) {
      throw new ImxflashError('FLASH_OUT_OF_RANGE', `${bytes} bytes at ${hex32(address)} lie outside the flash ${hex32(base)}–${hex32(base + sizeBytes - 1)}`, {
        hint: 'Check the address and length against the flash size (`imxflash flash-parts`).',
        details: { address, bytes, base, sizeBytes },
      });
    }
  }
}
