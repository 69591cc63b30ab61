import type { FlashPart } from '../db/flash-part.js';

/**
 * Status-register bits that protect blocks of the array, per vendor (research/imxrt.md §2.3):
 * ISSI and Macronix BP0–3 at b5:2; Winbond and GigaDevice BP0–2 at b4:2 (b5 TB only says which
 * end). Adesto AT25SF follows Winbond's layout (UNVERIFIED). Winbond's SR2.CMP, which inverts the
 * protected area, is not read. Without a part, only BP0–2 at b4:2, which every vendor here shares.
 */
export function blockProtectMask(part: FlashPart | undefined): number {
  switch (part?.vendor) {
    case 'ISSI':
    case 'Macronix':
      return 0x3c;
    default:
      return 0x1c;
  }
}

/**
 * The protected range for a status register value. imxflash does not decode each part's
 * protection table: any BP bit counts as protecting the whole array, so a write is refused rather
 * than sent to a part that would ignore it. `arrayBytes` is the part's size unless the caller knows
 * it otherwise (the flashloader reports it when no part was named).
 */
export function protectedRangesFor(part: FlashPart | undefined, base: number, status: number, arrayBytes = part?.sizeBytes ?? 0): Array<{ address: number; bytes: number }> {
  return (status & blockProtectMask(part)) === 0 || arrayBytes === 0 ? [] : [{ address: base, bytes: arrayBytes }];
}
