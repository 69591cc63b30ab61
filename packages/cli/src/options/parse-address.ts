import { ImxflashError } from '@imxflash/core';

/** A 32-bit address or size from the command line: `0x60000000`, `1610612736`, `64K`, `8M`. */
export function parseAddress(text: string, option: string): number {
  const t = text.trim();
  let n = Number.NaN;
  if (/^0x[0-9a-f]{1,8}$/i.test(t)) n = Number.parseInt(t.slice(2), 16);
  else if (/^\d+$/.test(t)) n = Number(t);
  else {
    const m = /^(\d+)\s*([kKmM])i?[bB]?$/.exec(t);
    if (m) n = Number(m[1]) * (m[2]!.toLowerCase() === 'k' ? 1024 : 1024 * 1024);
  }
  if (!(n >= 0 && n <= 0xffff_ffff)) {
    throw new ImxflashError('CONFIG_BAD_ADDRESS', `${option}: '${text}' is not a 32-bit address or size`, {
      hint: 'Write it in hex (0x60000000), decimal, or with a K/M suffix (64K).',
      details: { option, value: text },
    });
  }
  return n;
}

/** One of a fixed set of words, with the set named in the error. */
export function parseChoice<T extends string>(text: string, option: string, choices: readonly T[]): T {
  const t = text.trim().toLowerCase() as T;
  if (!choices.includes(t)) {
    throw new ImxflashError('CONFIG_BAD_OPTION', `${option}: '${text}' is not one of ${choices.join(', ')}`, {
      hint: `Use one of: ${choices.join(', ')}.`,
      details: { option, value: text },
    });
  }
  return t;
}

/** A positive number of MHz. */
export function parseMhz(text: string, option: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || n > 1000) {
    throw new ImxflashError('CONFIG_BAD_OPTION', `${option}: '${text}' is not a frequency in MHz`, { hint: 'For example 100 or 133.' });
  }
  return n;
}
