import type { KnownIssue } from '../known-issue.js';

/** RT1051/RT1052: research/jlink.md §0.2, §4 (release-note table), §6 pain points 1–2. */
export const rt105xIssues = [
  {
    id: 'rt105x-no-flash-support',
    versions: { before: '6.32' },
    families: ['rt105x'],
    flash: 'any',
    severity: 'breaks-flashing',
    symptom: 'The device has no flash bank: downloads to 0x60000000 fail or write nothing.',
    cause: 'QSPI and HyperFlash programming for iMXRT1051/1052 was added in V6.32 (V6.31d beta).',
    workaround: 'Install J-Link V6.86 or newer.',
    sources: [
      'J-Link release notes V6.32 (2018-04-20): "NXP iMXRT1051 / iMXRT1052: Added HyperFlash flash programming support. / Added QSPI flash programming support."',
      'https://kb.segger.com/i.MXRT1050 ("Min. J-Link software version V6.31d (beta) or V6.32 (release)")',
    ],
  },
  {
    id: 'rt105x-qspi-4byte-loader',
    versions: { from: '6.82', before: '6.86', through: '6.84b' },
    families: ['rt105x'],
    flash: 'spi-nor',
    severity: 'breaks-flashing',
    symptom: 'Downloading to QSPI flash ends with "Writing target memory failed."',
    cause:
      'V6.82 reworked the RT105x QSPI flash loader (4-byte address mode); V6.86 fixed "Under specific circumstances the flash was not memory-mapped after the initialization procedure".',
    workaround: 'Use J-Link V6.86 or newer (or V6.80d and older, e.g. V6.62a as NXP advised), or flash over the ROM serial downloader (--probe sdp) or a CMSIS-DAP probe (--probe cmsis-dap).',
    sources: [
      'J-Link release notes V6.82 (2020-07-20): "Added 4byte address mode for QSPI-Flash programming with iMXRT105x series devices."',
      'J-Link release notes V6.86 (2020-09-24): "NXP i.MX RT105x series: QSPI flash-programming: Under specific circumstances the flash was not memory-mapped after the initialization procedure. Fixed."',
      'https://community.nxp.com/t5/i-MX-RT-Crossover-MCUs/QSPI-Flash-Programming-Problem/m-p/1038960 (RT1052 + IS25WP064A, V6.82d)',
    ],
    unverified: 'That the V6.86 fix is what cures the V6.82d failure is inferred from the release notes and NXP\'s "use V6.62a" advice.',
  },
  {
    id: 'rt105x-erase-after-app-ran',
    versions: { from: '6.32', before: '6.40b' },
    families: ['rt105x'],
    flash: 'spi-nor',
    severity: 'degraded',
    symptom: 'Programming works, but erasing fails once the flashed application has run.',
    cause: 'Clock settings were not restored by the iMXRT105x QSPI/HyperFlash loaders (fixed V6.40b).',
    workaround: 'Use J-Link V6.40b or newer, or reset into the serial downloader (BOOT_MODE = 01) before flashing.',
    sources: [
      'https://forum.segger.com/index.php/Thread/5826 (RT1052 EVKB QSPI, V6.32h/6.40)',
      'J-Link release notes V6.40b (2019-01-22): "Fixed clock restore settings within programming algorithms for iMXRT105x and iMXRT106x QSPI-FLASH and HyperFLASH series devices."',
    ],
    unverified: 'The link between the forum report and the V6.40b fix is inferred.',
  },
  {
    id: 'rt105x-rt106x-ram-size',
    versions: { from: '7.70d', before: '7.82a' },
    families: ['rt105x', 'rt106x'],
    flash: 'any',
    severity: 'degraded',
    symptom: 'Flash loader RAM use may exceed what the chip has; downloads can fail after the app reconfigured FlexRAM.',
    cause: 'The RT1050/RT1060 RAM size was "defined as too large" from V7.70d to V7.82.',
    workaround: 'Use J-Link V7.82a or newer.',
    sources: ['J-Link release notes V7.82a (2022-10-30): "NXP i.MXRT1050 devices: RAM size was defined as too large. Introduced in 7.70d. Fixed."'],
  },
] as const satisfies readonly KnownIssue[];
