import { ImxflashError } from '../errors/imxflash-error.js';
import type { Chip } from './chip.js';
import { CHIPS } from './chips/index.js';

/**
 * `i.MX RT1052`, `MIMXRT1052`, `imxrt1052`, `RT1052` → `rt1052`: case and punctuation dropped, and
 * the `MIMX`/`IMX` prefix too, so every spelling NXP and the tools use meets one key.
 */
function normalizeChipName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '').replace(/^m?imx/, '');
}

let index: ReadonlyMap<string, Chip> | undefined;

function chipIndex(): ReadonlyMap<string, Chip> {
  if (!index) {
    const map = new Map<string, Chip>();
    for (const chip of CHIPS) for (const n of [chip.id, ...chip.aliases]) map.set(normalizeChipName(n), chip);
    index = map;
  }
  return index;
}

/**
 * The chip for a command-line name: its id, an alias, or an NXP part number with its package
 * suffix (`MIMXRT1052DVL6B`, `MIMXRT1176DVMAA`). Throws CHIP_UNKNOWN otherwise.
 */
export function findChip(name: string): Chip {
  const key = normalizeChipName(name);
  const chips = chipIndex();
  const exact = chips.get(key);
  if (exact) return exact;
  // Longest known name that prefixes the input and is followed by a package suffix (a letter),
  // so `rt1052dvl6b` finds rt1052 while `rt10521` finds nothing.
  let best: { length: number; chip: Chip } | undefined;
  for (const [known, chip] of chips) {
    if (key.startsWith(known) && /^[a-z]/.test(key.slice(known.length)) && known.length > (best?.length ?? 0)) {
      best = { length: known.length, chip };
    }
  }
  if (best) return best.chip;
  throw new ImxflashError('CHIP_UNKNOWN', `unknown chip '${name}'`, {
    hint: `Known chips: ${CHIPS.map((c) => c.id).join(', ')} (part numbers such as MIMXRT1052 work too).`,
    details: { name },
  });
}

/** Every known chip, in database order. */
export function listChips(): readonly Chip[] {
  return CHIPS;
}
