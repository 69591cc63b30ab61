import type { KnownIssue } from '../known-issue.js';

/** RT1166/RT1176: research/jlink.md §4 (release notes V7.86e, V7.94d). */
export const rt117xIssues = [
  {
    id: 'rt117x-flexspi-7-86',
    versions: { from: '7.86', before: '7.86e' },
    families: ['rt117x'],
    flash: 'any',
    severity: 'breaks-flashing',
    symptom: 'FlexSPI flash programming fails.',
    cause: 'Regression introduced in V7.86, fixed in V7.86e.',
    workaround: 'Use J-Link V7.94d or newer.',
    sources: ['J-Link release notes V7.86e: "NXP iMXRT117x: FlexSPI Flash programming did not work. Introduced with V7.86. Fixed."'],
  },
  {
    id: 'rt117x-flash-7-88l',
    versions: { from: '7.88l', before: '7.94d', through: '7.94c' },
    families: ['rt117x'],
    flash: 'any',
    severity: 'breaks-flashing',
    symptom: 'Flash programming fails.',
    cause: 'Regression introduced in V7.88l, fixed in V7.94d.',
    workaround: 'Use J-Link V7.94d or newer (or V7.88k and older).',
    sources: ['J-Link release notes V7.94d (2024-01-11): "NXP iMXRT1170: Flash programming did not work. Introduced with V7.88l. Fixed."'],
  },
] as const satisfies readonly KnownIssue[];
