/** Device names the stand-in knows (research/jlink.md §3.3, §4.1), by family. */
export type SimJlinkFamily = 'rt101x' | 'rt102x' | 'rt104x' | 'rt105x' | 'rt106x' | 'rt117x';

const FAMILY_PATTERNS: readonly [RegExp, SimJlinkFamily][] = [
  [/^MC?IMXRT105[12]/i, 'rt105x'],
  [/^MC?IMXRT106[0-4A-Z]/i, 'rt106x'],
  [/^MIMXRT10(11|15)/i, 'rt101x'],
  [/^MIMXRT102[0-9]/i, 'rt102x'],
  [/^MIMXRT104[12]/i, 'rt104x'],
  [/^MIMXRT11[67]\d/i, 'rt117x'],
];

/** The family of a device name (built-in names and their aliases); undefined for names J-Link would not know. */
export function familyOfDevice(name: string): SimJlinkFamily | undefined {
  if (!/^[A-Za-z0-9_]+$/.test(name)) return undefined;
  return FAMILY_PATTERNS.find(([re]) => re.test(name))?.[1];
}

/** The family the stand-in's board belongs to, from the sim chip id. */
export function familyOfChip(chipId: string): SimJlinkFamily | undefined {
  const m: Record<string, SimJlinkFamily> = {
    rt1010: 'rt101x', rt1015: 'rt101x', rt1020: 'rt102x', rt1024: 'rt102x', rt1040: 'rt104x', rt1050: 'rt105x', rt1060: 'rt106x', rt1064: 'rt106x', rt1170: 'rt117x',
  };
  return m[chipId];
}

/** A parsed `-device` value: name and the V7.70d loader suffix. */
export interface DeviceArgument {
  readonly name: string;
  readonly bankAddress?: number;
  readonly loader?: string;
}

export function parseDeviceArgument(text: string): DeviceArgument {
  const q = text.indexOf('?');
  if (q < 0) return { name: text };
  const params = new Map<string, string>();
  for (const part of text.slice(q + 1).split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).toLowerCase(), part.slice(eq + 1));
  }
  const bank = params.get('bankaddr');
  const loader = params.get('loader');
  return {
    name: text.slice(0, q),
    ...(bank !== undefined ? { bankAddress: Number.parseInt(bank, 16) } : {}),
    ...(loader !== undefined ? { loader } : {}),
  };
}
