import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryImage, writeIntelHex, writeSrec } from '@imxflash/core';
import { SeededRandom } from '@imxflash/sim';

/** Where an XIP app is linked on i.MX RT10xx: flash base 0x6000_0000 + 0x2000 of boot headers. */
export const APP_BASE_ADDRESS = 0x6000_2000;
/** Initial stack pointer: top of the RT1052's 128 KiB DTCM. */
export const APP_INITIAL_SP = 0x2002_0000;
/** Reset handler: Thumb (bit 0 set), 0x400 bytes in, past a full vector table. */
export const APP_RESET_HANDLER = 0x6000_2401;
/** Smallest image that still holds the code the reset vector points at. */
export const MIN_APP_BYTES = 0x800;
export const DEFAULT_FIXTURE_SEED = 0x1b_5eed;

/**
 * The bytes of a synthetic XIP app of `sizeBytes`: a Cortex-M vector table head (initial SP,
 * reset handler) and pseudo-random bytes after it, the same for the same seed.
 */
export function generateAppBytes(sizeBytes: number, seed: number = DEFAULT_FIXTURE_SEED): Uint8Array {
  if (!Number.isInteger(sizeBytes) || sizeBytes < MIN_APP_BYTES) {
    throw new RangeError(`fixture size ${sizeBytes} bytes: use an integer of at least ${MIN_APP_BYTES} bytes`);
  }
  const bytes = new Uint8Array(sizeBytes);
  new SeededRandom(seed).fill(bytes);
  const head = new DataView(bytes.buffer, bytes.byteOffset, 8);
  head.setUint32(0, APP_INITIAL_SP, true);
  head.setUint32(4, APP_RESET_HANDLER, true);
  return bytes;
}

/** The app as linked: one segment at {@link APP_BASE_ADDRESS}, entry = the reset handler (as an ELF → HEX export carries it). */
export function generateAppImage(sizeBytes: number, seed: number = DEFAULT_FIXTURE_SEED): MemoryImage {
  return MemoryImage.from([{ address: APP_BASE_ADDRESS, data: generateAppBytes(sizeBytes, seed), origin: 'bench fixture' }], APP_RESET_HANDLER);
}

export interface FixtureFiles {
  readonly hexPath: string;
  readonly srecPath: string;
}

/** A fresh folder under the OS temp dir, `imxflash-bench-XXXXXX`. */
export function makeBenchDir(): string {
  return mkdtempSync(join(tmpdir(), 'imxflash-bench-'));
}

/** Writes `image` as `<baseName>.hex` (16-byte records, like objcopy) and `<baseName>.srec` into `dir`. */
export function writeFixtureFiles(image: MemoryImage, dir: string, baseName: string): FixtureFiles {
  const hexPath = join(dir, `${baseName}.hex`);
  const srecPath = join(dir, `${baseName}.srec`);
  writeFileSync(hexPath, writeIntelHex(image, { bytesPerRecord: 16 }));
  writeFileSync(srecPath, writeSrec(image, { bytesPerRecord: 16 }));
  return { hexPath, srecPath };
}
