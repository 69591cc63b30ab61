import type { KnownIssue } from '../known-issue.js';

/** RT1061/1062/1064: research/jlink.md §4, §6 pain points 5–8. */
export const rt106xIssues = [
  {
    id: 'rt106x-default-loader-hyperflash',
    versions: { from: '7.70d', before: '7.82d' },
    families: ['rt106x'],
    flash: 'spi-nor',
    severity: 'breaks-flashing',
    symptom: '"ERROR: Timeout while preparing target, core does not stop." when flashing QSPI.',
    cause: 'The default flash loader of MIMXRT1061/1062 was mistakenly HyperFlash instead of QSPI (V7.70d to V7.82c).',
    workaround: 'Select the loader with `-device MIMXRT1062xxx6A?BankAddr=0x60000000&Loader=QSPI`, or use V7.82d or newer, or V7.70c.',
    avoidedBy: 'imxflash always names the loader with ?BankAddr=…&Loader=QSPI from V7.70d on.',
    sources: [
      'J-Link release notes V7.82d (2022-11-23): "… MIMXRT1062xxx6A …: Default loader was mistakenly set to HyperFlash, not QSPI. Introduced with V7.70d. Fixed."',
      'https://github.com/zephyrproject-rtos/zephyr/issues/50327',
    ],
  },
  {
    id: 'rt106x-prepare-ramcode',
    versions: { from: '7.50', through: '7.54b' },
    families: ['rt106x'],
    flash: 'spi-nor',
    severity: 'breaks-flashing',
    symptom: '"****** Error: Failed to prepare RAMCode using RAM" then "Error while determining flash info (Bank @ 0x60000000)".',
    cause: 'Reported with the J-Link versions MCUXpresso IDE 11.4.0/11.4.1 bundled (V7.50, V7.54b); reverting to V6.98s fixed it.',
    workaround: 'Use J-Link V6.98s, or a release newer than V7.54b.',
    sources: [
      'https://community.nxp.com/t5/MCUXpresso-IDE/Updating-from-MCUXpresso-IDE-v11-3-1-5262-to-v11-4-0-6237-breaks/td-p/1341993',
      'https://community.nxp.com/ (thread 1309234: macOS, V7.50 does not flash RT1062, V6.88c works)',
    ],
    unverified: 'No release note names the fix; the range is the two versions users reported.',
  },
] as const satisfies readonly KnownIssue[];
