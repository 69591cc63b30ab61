import { findFlashPartByJedecId, ImxflashError, parseSfdp, sfdpToFlashPart, type FlashPart, type SfdpInfo } from '@imxflash/core';
import { TransferBatch } from '../adi/transfer-batch.js';
import type { FlexspiHost } from './flexspi-host.js';
import { NOR_SEQ } from './nor-lut.js';

/** JEDEC ID (0x9F, 3 bytes) through an IP command; the LUT must hold the identification sequences. */
export async function readJedecId(host: FlexspiHost): Promise<[number, number, number]> {
  const rx = await host.command({ seq: NOR_SEQ.READ_ID, address: 0, rxBytes: 3 }, 'reading the JEDEC ID', 'FLASH_READ_FAILED');
  return [rx[0]!, rx[1]!, rx[2]!];
}

/** `bytes` of SFDP from `address`, in FIFO-sized IP commands (0x5A, 8 dummy clocks). */
export async function readSfdp(host: FlexspiHost, address: number, bytes: number): Promise<Uint8Array> {
  const out = new Uint8Array(bytes);
  const batch = new TransferBatch('reading SFDP');
  const parts: { at: number; result: ReturnType<FlexspiHost['addCommand']> }[] = [];
  for (let at = 0; at < bytes; at += 128) {
    parts.push({ at, result: host.addCommand(batch, { seq: NOR_SEQ.READ_SFDP, address: address + at, rxBytes: Math.min(128, bytes - at) }) });
  }
  await host.ap.run(batch);
  for (const p of parts) {
    await host.check(p.result, 'reading SFDP', 'FLASH_READ_FAILED', address + p.at);
    out.set(p.result.rx, p.at);
  }
  return out;
}

/** What identification found. */
export interface FlashIdentity {
  readonly part: FlashPart;
  readonly jedecId: [number, number, number];
  /** Where `part` came from: the database by JEDEC ID, the part's SFDP tables, or the user's --flash. */
  readonly source: 'database' | 'sfdp' | 'user';
  /** The decoded SFDP tables, when the part has readable ones. */
  readonly sfdp?: SfdpInfo;
  /** Disagreements between SFDP and the part used (e.g. its size), for a notice. */
  readonly warnings: readonly string[];
}

/** SFDP header and basic table (256 bytes), or undefined when the part has none we can parse. */
async function trySfdp(host: FlexspiHost): Promise<SfdpInfo | undefined> {
  try {
    return parseSfdp(await readSfdp(host, 0, 256));
  } catch (e) {
    if (e instanceof ImxflashError && e.code.startsWith('SFDP_')) return undefined;
    throw e;
  }
}

/**
 * Which part answers (research/cmsisdap.md §3.5): JEDEC ID and SFDP are read; the ID is looked
 * up in the database, and failing that the part is built from its SFDP tables. With `expected`
 * (the user's --flash) the ID must agree when the database knows it. SFDP that disagrees with
 * the database (another size) becomes a warning. FLASH_PART_UNKNOWN when neither works.
 */
export async function identifyFlash(host: FlexspiHost, expected?: FlashPart): Promise<FlashIdentity> {
  const jedecId = await readJedecId(host);
  const idText = jedecId.map((b) => b.toString(16).padStart(2, '0')).join(' ');
  const known = findFlashPartByJedecId(jedecId);
  const allSame = jedecId.every((b) => b === jedecId[0]);
  const sfdp = allSame ? undefined : await trySfdp(host);
  const warnings = (part: FlashPart): string[] =>
    sfdp !== undefined && sfdp.basic.sizeBytes !== part.sizeBytes
      ? [`SFDP reports ${sfdp.basic.sizeBytes} bytes, ${part.name} has ${part.sizeBytes}; using ${part.name}`]
      : [];
  const found = (part: FlashPart, source: FlashIdentity['source']): FlashIdentity => ({ part, jedecId, source, ...(sfdp !== undefined ? { sfdp } : {}), warnings: warnings(part) });
  if (expected !== undefined) {
    if (expected.jedecId !== null && known !== undefined && expected.jedecId.some((b, i) => b !== jedecId[i])) {
      throw new ImxflashError('FLASH_PART_UNKNOWN', `the flash answers JEDEC ID ${idText} (${known.name}), not ${expected.name}`, {
        hint: `Pass --flash ${known.id}, or leave --flash out to use what the flash reports.`,
        details: { jedecId, expected: expected.id, found: known.id },
      });
    }
    return found(expected, 'user');
  }
  if (known !== undefined) return found(known, 'database');
  if (sfdp !== undefined) return found(sfdpToFlashPart(sfdp, jedecId), 'sfdp');
  throw new ImxflashError('FLASH_PART_UNKNOWN', `no flash part with JEDEC ID ${idText} in the database, and no usable SFDP`, {
    hint: allSame ? 'The flash does not answer: check the board (flash powered, boot pins) or pass --flash.' : 'Pass --flash with the part name (`imxflash flash-parts` lists them).',
    details: { jedecId },
  });
}
