import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ImxflashError, MemoryImage, preservedBytesOf, serializeFirmware } from '@imxflash/core';

/**
 * When a failed flash leaves the user's data beside the image unconfirmed (core's
 * `details.preserved`, see preservedBytesOf), the CLI saves those old bytes as an Intel HEX file
 * in the working directory and names it in the error, so nothing is lost even when the link died
 * before core could write them back. Returns `e` unchanged when nothing is at risk. A recovery
 * file that cannot be written is said in the hint. `label` tells gang boards' files apart.
 */
export function saveRecoveryFile(e: unknown, cwd: string, now: Date = new Date(), label?: string): unknown {
  const preserved = preservedBytesOf(e);
  if (!(e instanceof ImxflashError) || preserved.length === 0) return e;
  const image = MemoryImage.from(preserved.map((p) => ({ address: p.address, data: p.data })));
  const name = `imxflash-recovery-${now.toISOString().replace(/[:.]/g, '-')}${label !== undefined ? `-${label}` : ''}.hex`;
  const path = resolve(cwd, name);
  let saved: string;
  try {
    writeFileSync(path, serializeFirmware(image, 'ihex'));
    saved = `Saved to ${path}: after the image flashes again, run \`imxflash flash --raw ${name}\` to put them back.`;
  } catch (cause) {
    saved = `Could not save them to ${path} (${(cause as Error).message}); rerun in a writable directory before anything else touches the flash.`;
  }
  const details: Record<string, unknown> = { ...e.details, recoveryFile: path };
  Object.defineProperty(details, 'preserved', { value: preserved, enumerable: false });
  return new ImxflashError(e.code, e.message, { hint: `${e.hint ?? ''} ${saved}`.trim(), details, cause: e.cause ?? e });
}
