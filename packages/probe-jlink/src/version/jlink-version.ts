import { ImxflashError } from '@imxflash/core';

/**
 * A J-Link software version: `V6.82d` = major 6, minor 82, letter 'd'. A release without a letter
 * (`V6.86`) comes before its first letter release (`V6.86a`); the letter is the patch level
 * (research/jlink.md §5.2: nrf-jlink-js maps a=1; the Linux SONAME `libjlinkarm.so.6.62.4` = 6.62d).
 */
export interface JlinkVersion {
  readonly major: number;
  readonly minor: number;
  /** '' for the plain release, else one lower-case letter. */
  readonly letter: string;
}

const VERSION_RE = /^v?(\d{1,2})\.(\d{1,2})([a-z]?)$/i;
/** Folder form without the dot: `JLink_V682d` → 6.82d, `JLink_V794e`, `JLink_V7100`?? (3-digit minor never occurs). */
const FOLDER_RE = /^(?:jlink_)?v?(\d)(\d{2})([a-z]?)$/i;

/** Parses `V6.82d`, `6.82d`, `7.94`, `v7.70D`; throws JLINK_VERSION_INVALID with the accepted forms. */
export function parseJlinkVersion(text: string): JlinkVersion {
  const v = tryParseJlinkVersion(text);
  if (v === undefined) {
    throw new ImxflashError('JLINK_VERSION_INVALID', `'${text}' is not a J-Link version`, {
      hint: 'Write it as SEGGER does: V7.94e, 6.82d or 7.70 (major.minor, optional patch letter).',
      details: { text },
    });
  }
  return v;
}

/** As {@link parseJlinkVersion}, undefined instead of throwing. */
export function tryParseJlinkVersion(text: string): JlinkVersion | undefined {
  const m = VERSION_RE.exec(text.trim());
  if (m === null) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), letter: (m[3] ?? '').toLowerCase() };
}

/** The version in an install folder name (`JLink_V682d`, `JLink_V794`); undefined for `JLink`. */
export function versionFromFolderName(name: string): JlinkVersion | undefined {
  const m = FOLDER_RE.exec(name);
  if (m === null) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), letter: (m[3] ?? '').toLowerCase() };
}

/** Sortable number: major·10000 + minor·100 + letter index (a = 1). */
export function versionKey(v: JlinkVersion): number {
  const letter = v.letter === '' ? 0 : v.letter.charCodeAt(0) - 96;
  return v.major * 10_000 + v.minor * 100 + letter;
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareJlinkVersions(a: JlinkVersion, b: JlinkVersion): number {
  return versionKey(a) - versionKey(b);
}

/** `V6.82d` (SEGGER's spelling: two-digit minor). */
export function formatJlinkVersion(v: JlinkVersion): string {
  return `V${v.major}.${String(v.minor).padStart(2, '0')}${v.letter}`;
}

/** Folder spelling: `JLink_V682d`. */
export function jlinkFolderName(v: JlinkVersion): string {
  return `JLink_V${v.major}${String(v.minor).padStart(2, '0')}${v.letter}`;
}

/** True when `v` lies in [from, to], both inclusive; an open end is unbounded. */
export function versionInRange(v: JlinkVersion, from: JlinkVersion | undefined, to: JlinkVersion | undefined): boolean {
  const k = versionKey(v);
  return (from === undefined || k >= versionKey(from)) && (to === undefined || k <= versionKey(to));
}

/** Shorthand for literals in tables: `jv('6.82d')`; throws on a typo (a bug, not user input). */
export function jv(text: string): JlinkVersion {
  return parseJlinkVersion(text);
}
