/**
 * J-Link versions as the stand-in reads them (its own code, not the driver's: the sim must not
 * share a bug with what it checks). `V6.82d` → 6·10000 + 82·100 + 4; no letter = 0.
 */
export interface SimJlinkVersion {
  readonly text: string;
  readonly key: number;
}

export function simJlinkVersion(text: string): SimJlinkVersion {
  const m = /^(?:JLink_)?V?(\d)\.?(\d{2})([a-z]?)$/i.exec(text.trim());
  if (m === null) throw new RangeError(`not a J-Link version: ${text}`);
  const letter = (m[3] ?? '').toLowerCase();
  return {
    text: `V${m[1]}.${m[2]}${letter}`,
    key: Number(m[1]) * 10_000 + Number(m[2]) * 100 + (letter === '' ? 0 : letter.charCodeAt(0) - 96),
  };
}

/** True when `v` ≥ `from` (a version literal). */
export function atLeast(v: SimJlinkVersion, from: string): boolean {
  return v.key >= simJlinkVersion(from).key;
}

/** True when from ≤ v < before. */
export function within(v: SimJlinkVersion, from: string, before: string): boolean {
  return atLeast(v, from) && !atLeast(v, before);
}
