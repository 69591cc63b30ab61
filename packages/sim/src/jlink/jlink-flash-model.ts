import { RawNorHost } from '../board/testing/raw-nor-host.js';
import type { SimBoard } from '../board/create-sim-board.js';
import { swdTiming } from '../time/link-timing.js';

/** Modelled J-Link costs that no spec gives; assumptions, kept in one place. */
export const JLINK_MODEL = {
  /** DLL start, USB connect to the J-Link, firmware check (assumed). */
  processStartMs: 250,
  /** SWD connect and core identification (assumed). */
  targetConnectMs: 40,
  /** Size of the flash loader (RAMCode) sent over SWD before the first flash operation (assumed). */
  loaderBytes: 16 * 1024,
  /** USB round trips per flash operation the DLL needs besides the data (assumed). */
  perOperationMs: 2,
  /** One Commander memory command (w4, mem32): a USB round trip to the J-Link besides the SWD transfer (assumed). */
  memoryCommandMs: 0.25,
} as const;

/** Times of one flash download, as the summary line reports them. */
export interface DownloadPhases {
  prepareMs: number;
  compareMs: number;
  eraseMs: number;
  programMs: number;
  verifyMs: number;
  restoreMs: number;
}

export interface DownloadResult {
  /** Bytes of whole sectors the download touched; 0 when the contents already matched. */
  readonly affectedBytes: number;
  /** Flash address of the first byte the read-back after programming found wrong (the download failed). */
  readonly verifyFailedAt?: number;
  readonly ranges: number;
  readonly phases: DownloadPhases;
}

/**
 * What SEGGER's QSPI flash loader does on the board, through the board's FlexSPI and NOR model
 * (register-level IP commands via RawNorHost, so NOR timing lands on the board clock): download
 * of the loader over SWD, then per touched sector compare → erase if any bit must go 0→1 →
 * program the pages that differ → read back and compare (SEGGER's "L1 verify", on by default for
 * downloads, kb.segger.com J-Link_flash_programming); bytes of a touched sector outside the file
 * are kept ("Restore"). The compare runs on the target against a checksum of the host's data, so
 * only sectors that differ move over SWD (UNVERIFIED: SEGGER documents the compare step and the
 * flash-algo CRC for verify, not how the compare gets the data). QE is set as the NXP/SEGGER QSPI
 * loaders do for ISSI parts (UNVERIFIED detail).
 */
export class JlinkFlashModel {
  readonly base: number;
  readonly sizeBytes: number;
  private readonly host: RawNorHost;
  private prepared = false;

  constructor(
    private readonly board: SimBoard,
    private readonly speedKhz: number,
  ) {
    this.host = new RawNorHost(board);
    this.base = this.host.ahbBase;
    this.sizeBytes = board.part.sizeBytes;
  }

  contains(address: number, bytes: number): boolean {
    return address >= this.base && address + bytes <= this.base + this.sizeBytes;
  }

  /** Time to move `bytes` over SWD at the J-Link speed. */
  swdMs(bytes: number): number {
    return swdTiming(this.speedKhz * 1000).transferMs(Math.ceil(bytes / 4));
  }

  private timed(fn: () => void): number {
    const t0 = this.board.clock.now();
    fn();
    return this.board.clock.now() - t0;
  }

  /** Loads the loader into RAM and initialises FlexSPI and the flash (once per Commander run). */
  prepare(): number {
    return this.timed(() => {
      if (this.prepared) return;
      this.board.clock.advance(this.swdMs(JLINK_MODEL.loaderBytes) + JLINK_MODEL.perOperationMs);
      this.host.bringUp();
      const qe = this.board.part.quadEnable;
      if (qe !== null && qe.register === 'sr1') {
        const sr = this.host.readStatus();
        if (((sr >> qe.bit) & 1) === 0) this.host.writeStatus(sr | (1 << qe.bit));
      }
      this.prepared = true;
    });
  }

  read(address: number, bytes: number): Uint8Array {
    const out = this.host.read(address - this.base, bytes);
    this.board.clock.advance(this.swdMs(bytes) + JLINK_MODEL.perOperationMs);
    return out;
  }

  download(address: number, data: Uint8Array): DownloadResult {
    const phases: DownloadPhases = { prepareMs: this.prepare(), compareMs: 0, eraseMs: 0, programMs: 0, verifyMs: 0, restoreMs: 0 };
    const sector = this.board.part.sectorBytes;
    const page = this.board.part.pageBytes;
    const offset = address - this.base;
    const first = Math.floor(offset / sector) * sector;
    const end = Math.ceil((offset + data.length) / sector) * sector;
    let affected = 0;
    let ranges = 0;
    let inRange = false;
    // Compare on the target: what each touched sector holds and must hold (bytes outside the file are kept).
    const sectors: { at: number; current: Uint8Array; wanted: Uint8Array; differs: boolean; needsErase: boolean; fileBytes: number }[] = [];
    phases.compareMs += this.timed(() => {
      for (let s = first; s < end; s += sector) {
        const current = this.host.read(s, sector);
        const wanted = current.slice();
        const from = Math.max(s, offset);
        const to = Math.min(s + sector, offset + data.length);
        wanted.set(data.subarray(from - offset, to - offset), from - s);
        const differs = !equal(current, wanted);
        sectors.push({ at: s, current, wanted, differs, needsErase: differs && current.some((b, k) => (b & wanted[k]!) !== wanted[k]), fileBytes: to - from });
      }
    });
    // Only the data of sectors that differ goes to the target (SWD), then the loader works from RAM.
    const toSend = sectors.reduce((n, x) => n + (x.differs ? x.fileBytes : 0), 0);
    phases.programMs += this.timed(() => this.board.clock.advance(this.swdMs(toSend)));
    // Erase: a whole 64 KiB block at once when most of its sectors need erasing (as SEGGER's
    // loaders use the largest unit that fits, UNVERIFIED detail), else sector by sector.
    const block = this.board.part.blockBytes;
    const erasedAt = new Set<number>();
    phases.eraseMs += this.timed(() => {
      for (let b = Math.ceil(first / block) * block; b + block <= end; b += block) {
        const inBlock = sectors.filter((x) => x.at >= b && x.at < b + block);
        if (inBlock.filter((x) => x.needsErase).length * 2 > inBlock.length) {
          this.host.eraseBlock(b);
          for (const x of inBlock) erasedAt.add(x.at);
        }
      }
      for (const x of sectors) {
        if (x.needsErase && !erasedAt.has(x.at)) {
          this.host.eraseSector(x.at);
          erasedAt.add(x.at);
        }
      }
    });
    for (const x of sectors) {
      const erased = erasedAt.has(x.at);
      if (!x.differs && !erased) {
        inRange = false;
        continue;
      }
      affected += sector;
      if (!inRange) ranges++;
      inRange = true;
      const base = erased ? new Uint8Array(sector).fill(0xff) : x.current;
      phases.programMs += this.timed(() => {
        for (let p = 0; p < sector; p += page) {
          const chunk = x.wanted.subarray(p, p + page);
          if (equal(chunk, base.subarray(p, p + page))) continue;
          this.host.programPage(x.at + p, chunk);
        }
      });
      let wrongAt = -1;
      phases.verifyMs += this.timed(() => {
        const back = this.host.read(x.at, sector);
        wrongAt = back.findIndex((b, k) => b !== x.wanted[k]);
      });
      if (wrongAt >= 0) {
        this.host.flushAhb();
        return { affectedBytes: affected, ranges, phases, verifyFailedAt: this.base + x.at + wrongAt };
      }
    }
    phases.restoreMs += this.timed(() => {
      this.host.flushAhb();
      this.board.clock.advance(JLINK_MODEL.perOperationMs);
    });
    return { affectedBytes: affected, ranges, phases };
  }

  /** Erases every sector that [start, endInclusive] touches; returns the modelled time. */
  eraseRange(start: number, endInclusive: number): number {
    return this.prepare() + this.timed(() => {
      const sector = this.board.part.sectorBytes;
      const block = this.board.part.blockBytes;
      const from = Math.floor((start - this.base) / sector) * sector;
      const to = endInclusive - this.base;
      // Whole aligned blocks with the block erase, the rest sector by sector.
      for (let s = from; s <= to; ) {
        if (s % block === 0 && s + block - 1 <= to) {
          this.host.eraseBlock(s);
          s += block;
        } else {
          this.host.eraseSector(s);
          s += sector;
        }
      }
      this.host.flushAhb();
    });
  }

  chipErase(): number {
    return this.prepare() + this.timed(() => {
      this.host.chipErase();
      this.host.flushAhb();
    });
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
