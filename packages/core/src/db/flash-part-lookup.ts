import { ImxflashError } from '../errors/imxflash-error.js';
import type { FlashPart } from './flash-part.js';
import { FLASH_PARTS } from './flash-parts/index.js';

/** `IS25WP064A-JBLE` → `is25wp064ajble`: case and punctuation carry no meaning in part numbers. */
function normalizePartName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The part for a command-line name: its id (`is25wp064a`, `w25q64jv-im`), in any case, or an
 * ordering code that starts with it (`IS25WP064AJBLE` → is25wp064a, by the longest matching id).
 * Throws FLASH_PART_UNKNOWN otherwise.
 */
export function findFlashPart(name: string): FlashPart {
  const key = normalizePartName(name);
  let best: { length: number; part: FlashPart } | undefined;
  for (const part of FLASH_PARTS) {
    const id = normalizePartName(part.id);
    if (id === key) return part;
    if (key.length > 0 && key.startsWith(id) && id.length > (best?.length ?? 0)) best = { length: id.length, part };
  }
  if (best) return best.part;
  throw new ImxflashError('FLASH_PART_UNKNOWN', `unknown flash part '${name}'`, {
    hint: `Known parts: ${FLASH_PARTS.map((p) => p.id).join(', ')}. Another SPI NOR part can be described from its SFDP table.`,
    details: { name },
  });
}

/** The part answering these 0x9F bytes (manufacturer, type, capacity), if the database has it. */
export function findFlashPartByJedecId(id: readonly number[]): FlashPart | undefined {
  if (id.length < 3) return undefined;
  return FLASH_PARTS.find((p) => p.jedecId !== null && p.jedecId.every((b, i) => b === id[i]));
}

/** Every known flash part, in database order. */
export function listFlashParts(): readonly FlashPart[] {
  return FLASH_PARTS;
}
