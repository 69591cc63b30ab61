import { createSimBoard, RawNorHost } from '@imxflash/sim';
import { SeededRandom } from '@imxflash/sim';

/** How the pass clears the flash before programming it. */
export type SimEraseMode = 'blocks' | 'chip';

export interface SimFlexspiPassOptions {
  readonly erase: SimEraseMode;
  /** Bytes to erase and program from offset 0 (default: the whole part). A multiple of 64 KiB. */
  readonly sizeBytes?: number;
  /** IP FIFO watermark of the host (default 128 B: the whole RT10xx FIFO, one push per half page). */
  readonly watermarkBytes?: number;
}

export interface SimFlexspiPassResult {
  readonly erase: SimEraseMode;
  readonly sizeBytes: number;
  readonly pages: number;
  /** Wall time of erase + program + status polls, performance.now(). */
  readonly wallMs: number;
  readonly eraseWallMs: number;
  /** Modelled hardware time on the board's virtual clock: FlexSPI serial time + flash busy time. */
  readonly modelledMs: number;
  readonly ipCommands: number;
  readonly statusPolls: number;
  /** The flash holds exactly the image (and 0xFF beyond it). */
  readonly verified: boolean;
}

const BLOCK_BYTES = 64 * 1024;

/**
 * One pass of the sim benchmark: a fresh `createSimBoard()` (RT1052 + IS25WP064A model), brought
 * up and driven through raw FlexSPI register writes by RawNorHost (research/imxrt.md §1.5):
 * erase (64 KiB blocks or chip erase), then every 256-byte page programmed (WREN, PP, status
 * polls until WIP clears). Seeded image, so every run writes the same bytes. The flash content
 * is checked afterwards, outside the timed part.
 */
export function runSimFlexspiPass(options: SimFlexspiPassOptions): SimFlexspiPassResult {
  const board = createSimBoard();
  const sizeBytes = options.sizeBytes ?? board.part.sizeBytes;
  if (sizeBytes % BLOCK_BYTES !== 0 || sizeBytes > board.part.sizeBytes) throw new RangeError(`size ${sizeBytes} is not whole 64 KiB blocks of the part`);
  const pageBytes = board.part.pageBytes;
  const image = new Uint8Array(sizeBytes);
  new SeededRandom(0x51a1).fill(image);
  // Power-on content that is not blank, so a skipped erase would show in the verify.
  board.flash.array.load(0, new Uint8Array(sizeBytes));

  const host = new RawNorHost(board, { watermarkBytes: options.watermarkBytes ?? 128, pagePollMs: 0.05, erasePollMs: 1 });
  host.bringUp();
  const modelledStart = board.clock.now();

  const t0 = performance.now();
  if (options.erase === 'chip') host.chipErase();
  else for (let a = 0; a < sizeBytes; a += BLOCK_BYTES) host.eraseBlock(a);
  const t1 = performance.now();
  for (let a = 0; a < sizeBytes; a += pageBytes) host.programPage(a, image.subarray(a, a + pageBytes));
  const t2 = performance.now();

  const contents = board.flash.peek(0, board.part.sizeBytes);
  const verified = Buffer.compare(contents.subarray(0, sizeBytes), image) === 0 && contents.subarray(sizeBytes).every((b) => b === 0xff);
  return {
    erase: options.erase,
    sizeBytes,
    pages: sizeBytes / pageBytes,
    wallMs: t2 - t0,
    eraseWallMs: t1 - t0,
    modelledMs: board.clock.now() - modelledStart,
    ipCommands: host.stats.ipCommands,
    statusPolls: host.stats.statusPolls,
    verified,
  };
}
