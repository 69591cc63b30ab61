import { findFlashPartByJedecId, ImxflashError, parseSfdp, sfdpToFlashPart, type FlashPart } from '@imxflash/core';
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

/**
 * Which part answers (research/cmsisdap.md §3.5): the JEDEC ID against the database; failing
 * that, the part described by its SFDP tables. With `expected` (the user's --flash) the ID must
 * agree when the database knows it. FLASH_PART_UNKNOWN when neither works.
 */
export async function identifyFlash(host: FlexspiHost, expected?: FlashPart): Promise<{ part: FlashPart; jedecId: [number, number, number]; source: 'database' | 'sfdp' | 'user' }> {
  const jedecId = await readJedecId(host);
  const idText = jedecId.map((b) => b.toString(16).padStart(2, '0')).join(' ');
  const known = findFlashPartByJedecId(jedecId);
  if (expected !== undefined) {
    if (expected.jedecId !== null && known !== undefined && expected.jedecId.some((b, i) => b !== jedecId[i])) {
      throw new ImxflashError('FLASH_PART_UNKNOWN', `the flash answers JEDEC ID ${idText} (${known.name}), not ${expected.name}`, {
        hint: `Pass --flash ${known.id}, or leave --flash out to use what the flash reports.`,
        details: { jedecId, expected: expected.id, found: known.id },
      });
    }
    return { part: expected, jedecId, source: 'user' };
  }
  if (known !== undefined) return { part: known, jedecId, source: 'database' };
  const allSame = jedecId.every((b) => b === jedecId[0]);
  if (!allSame) {
    try {
      const header = await readSfdp(host, 0, 256);
      const info = parseSfdp(header);
      return { part: sfdpToFlashPart(info, jedecId), jedecId, source: 'sfdp' };
    } catch (e) {
      if (!(e instanceof ImxflashError) || !e.code.startsWith('SFDP_')) throw e;
    }
  }
  throw new ImxflashError('FLASH_PART_UNKNOWN', `no flash part with JEDEC ID ${idText} in the database, and no usable SFDP`, {
    hint: allSame ? 'The flash does not answer: check the board (flash powered, boot pins) or pass --flash.' : 'Pass --flash with the part name (`imxflash flash-parts` lists them).',
    details: { jedecId },
  });
}
