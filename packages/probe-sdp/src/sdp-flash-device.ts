import { ImxflashError, protectedRangesFor, type ByteProgress, type EraseRange, type FlashDevice, type FlashGeometry, type FlashPart } from '@imxflash/core';
import type { BlhostClient } from './blhost/blhost-client.js';

/** Bytes per erase-region command: progress granularity (each command is one round trip). */
const ERASE_CHUNK_BYTES = 256 * 1024;
/** Bytes per write-memory command when no smaller operation is asked for. */
const WRITE_CHUNK_BYTES = 256 * 1024;
/** Datasheet-less fallbacks for timeouts (ms): per 4 KiB erased, per page programmed. */
const FALLBACK_ERASE_MS_PER_4K = 400;
const FALLBACK_PAGE_MS = 3;

/**
 * FlexSPI NOR behind NXP's flashloader (research/spsdk.md §2.4, §2.10): erase region, write
 * memory (page-aligned: an unaligned start is padded with 0xFF from its page start, which leaves
 * those bytes as they are), read memory. Timeouts scale with the work: the part's maximum erase
 * and program times when the part is known.
 */
export class SdpFlashDevice implements FlashDevice {
  /**
   * Over USB HID one read-memory command streams the data at the link's rate (high speed: 8 MiB
   * in about a second), so the planner may read touched sectors to skip unchanged and blank ones;
   * over a UART a read costs as much as the write it could save.
   */
  readonly readCost: 'cheap' | 'expensive';
  /** Present when the session read the status register in the ROM stage (see SdpSession). */
  readonly protectedRanges?: () => Promise<Array<{ address: number; bytes: number }>>;

  constructor(
    private readonly blhost: BlhostClient,
    readonly geometry: FlashGeometry,
    private readonly memoryId: number,
    private readonly part: FlashPart | undefined,
    link: 'usb' | 'serial' = 'serial',
    /** The status register as read before the flashloader ran; nothing the flashloader does changes BP bits. */
    status?: number,
  ) {
    this.readCost = link === 'usb' ? 'cheap' : 'expensive';
    if (status !== undefined) this.protectedRanges = async () => protectedRangesFor(part, geometry.base, status, geometry.sizeBytes);
  }

  async read(address: number, bytes: number, onProgress?: ByteProgress): Promise<Uint8Array> {
    this.checkRange(address, bytes, 'read');
    if (bytes === 0) return new Uint8Array(0);
    const out = await this.blhost.readMemory(address, bytes, this.memoryId, onProgress);
    onProgress?.(bytes);
    return out;
  }

  async erase(ranges: readonly EraseRange[], onProgress?: ByteProgress): Promise<void> {
    const sector = this.geometry.eraseUnits[0]!.bytes;
    for (const r of ranges) {
      this.checkRange(r.address, r.bytes, 'erase');
      if ((r.address - this.geometry.base) % sector !== 0 || r.bytes % sector !== 0 || r.bytes === 0) {
        throw new ImxflashError('FLASH_ERASE_UNALIGNED', `erase of ${r.bytes} bytes at 0x${r.address.toString(16)} is not a multiple of the ${sector}-byte sector`, {
          hint: 'Erase whole sectors: align the address and the length to the sector size.',
          details: { address: r.address, bytes: r.bytes, sectorBytes: sector },
        });
      }
    }
    let done = 0;
    for (const r of ranges) {
      for (let at = 0; at < r.bytes; at += ERASE_CHUNK_BYTES) {
        const n = Math.min(ERASE_CHUNK_BYTES, r.bytes - at);
        await this.blhost.eraseRegion(r.address + at, n, this.memoryId, this.eraseTimeoutMs(n));
        done += n;
        onProgress?.(done);
      }
    }
  }

  async program(address: number, data: Uint8Array, onProgress?: ByteProgress): Promise<void> {
    this.checkRange(address, data.length, 'program');
    if (data.length === 0) return;
    const page = this.geometry.pageBytes;
    const lead = (address - this.geometry.base) % page;
    const padded = lead === 0 ? data : concatFf(lead, data);
    const start = address - lead;
    for (let at = 0; at < padded.length; at += WRITE_CHUNK_BYTES) {
      const chunk = padded.subarray(at, Math.min(padded.length, at + WRITE_CHUNK_BYTES));
      await this.blhost.writeMemory(start + at, chunk, this.memoryId, this.programTimeoutMs(chunk.length), (d) =>
        onProgress?.(Math.max(0, Math.min(data.length, at + d - lead))),
      );
    }
    onProgress?.(data.length);
  }

  /** 2 s + the part's maximum erase time of `bytes` in sectors (a slow part still finishes). */
  private eraseTimeoutMs(bytes: number): number {
    const sector = this.geometry.eraseUnits[0]!.bytes;
    const perSector = this.part?.timing.eraseMs[sector]?.max ?? (FALLBACK_ERASE_MS_PER_4K * sector) / 4096;
    const block = this.geometry.eraseUnits.at(-1)!.bytes;
    const perBlock = this.part?.timing.eraseMs[block]?.max ?? perSector * (block / sector);
    return 2000 + Math.min((bytes / sector) * perSector, Math.ceil(bytes / block) * perBlock + perSector * 16);
  }

  /** 2 s + every page at the part's maximum program time, plus the flashloader's read-back. */
  private programTimeoutMs(bytes: number): number {
    const pages = Math.ceil(bytes / this.geometry.pageBytes);
    const pageMs = this.part !== undefined ? this.part.timing.pageProgramUs.max / 1000 : FALLBACK_PAGE_MS;
    return 2000 + pages * pageMs * 1.5;
  }

  private checkRange(address: number, bytes: number, what: string): void {
    const g = this.geometry;
    if (!(Number.isInteger(address) && Number.isInteger(bytes) && bytes >= 0 && address >= g.base && address + bytes <= g.base + g.sizeBytes)) {
      throw new ImxflashError('FLASH_OUT_OF_RANGE', `${what} of ${bytes} bytes at 0x${(address >>> 0).toString(16)} is outside the flash (0x${g.base.toString(16)}, ${g.sizeBytes} bytes)`, {
        hint: 'Check the image addresses against the flash size (`imxflash image inspect`).',
        details: { address, bytes, base: g.base, sizeBytes: g.sizeBytes },
      });
    }
  }
}

function concatFf(lead: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(lead + data.length).fill(0xff, 0, lead);
  out.set(data, lead);
  return out;
}
