import type { ErrorCode } from '@imxflash/core';

/**
 * Output lines that mean a command failed, with the likely cause and the fix (research/jlink.md
 * §2.1 printf formats, §2.3 transcripts T-1…T-23, §6 pain points). Order does not matter: the
 * first matching LINE of the output decides the error.
 */
export interface FailurePattern {
  readonly id: string;
  readonly re: RegExp;
  readonly code: ErrorCode;
  readonly message: string;
  readonly cause: string;
  readonly fix: string;
}

const ALT = 'or flash without J-Link: --probe sdp (the ROM serial downloader, BOOT_MODE = 01) or --probe cmsis-dap';

export const FAILURE_PATTERNS: readonly FailurePattern[] = [
  {
    id: 'no-probe',
    re: /^Connecting to J-Link via [^.]*\.\.\.FAILED|^Cannot connect to J-Link/,
    code: 'JLINK_NO_PROBE',
    message: 'JLinkExe found no J-Link',
    cause: 'No J-Link is connected, another program holds it, or (Linux) the udev rule 99-jlink.rules is missing.',
    fix: `Connect the J-Link, close other debuggers, run \`imxflash probes\`; ${ALT}.`,
  },
  {
    id: 'command-file-unreadable',
    re: /^Could not open J-Link Command File|^Failed to read J-Link Command File/,
    code: 'JLINK_COMMAND_FILE_FAILED',
    message: 'JLinkExe could not read the command file imxflash wrote',
    cause: 'The scratch folder is not readable by JLinkExe (permissions, antivirus, a sandbox).',
    fix: 'Set TMPDIR (TEMP on Windows) to a plain local folder and retry.',
  },
  {
    id: 'data-file-unreadable',
    re: /^Failed to open file\.|^File is of unknown \/ (?:un)?supported format\./,
    code: 'JLINK_COMMAND_FILE_FAILED',
    message: 'JLinkExe could not read a data file imxflash wrote',
    cause: 'The scratch folder is not readable by JLinkExe, or the file name was rejected.',
    fix: 'Set TMPDIR (TEMP on Windows) to a plain local folder and retry.',
  },
  {
    id: 'bad-option',
    re: /^Unknown command line option (\S+)\.|^Missing command line parameter after command|^ERROR while parsing value for/,
    code: 'JLINK_UNKNOWN_COMMAND',
    message: 'JLinkExe refused a command-line option imxflash passed',
    cause: 'This J-Link version does not know an option imxflash assumed it has (an imxflash bug in its version table).',
    fix: 'Report it with `imxflash doctor` output; meanwhile pin another J-Link version (--jlink-version).',
  },
  {
    id: 'unknown-command',
    re: /^Unknown command\. '\?' for help\./,
    code: 'JLINK_UNKNOWN_COMMAND',
    message: 'JLinkExe refused a command of the command file',
    cause: 'This J-Link version does not know a command imxflash generated for it (an imxflash bug in its version table).',
    fix: 'Report it with `imxflash doctor` output; meanwhile pin another J-Link version (--jlink-version).',
  },
  {
    id: 'voltage-low',
    re: /^Target voltage too low/,
    code: 'JLINK_CONNECT_FAILED',
    message: 'the J-Link sees no target power (VTref too low)',
    cause: 'The board is unpowered or VTref is not wired to the J-Link.',
    fix: 'Power the board and check the debug cable.',
  },
  {
    id: 'no-core',
    re: /Could not find core in Coresight setup/,
    code: 'JLINK_CONNECT_FAILED',
    message: 'the J-Link reached the debug port but found no core',
    cause: 'The running application disabled debug, put the core into a low-power mode, or locked up; or the device name is wrong.',
    fix: `Set BOOT_MODE to serial downloader (01), power-cycle and retry (the ROM keeps the core debuggable); ${ALT}.`,
  },
  {
    id: 'cannot-connect',
    re: /^Cannot connect to target\.|^No device found on SWD\./,
    code: 'JLINK_CONNECT_FAILED',
    message: 'JLinkExe could not connect to the target',
    cause: 'No target power, SWD wiring, a too-high SWD speed, or an application that disables the debug pins.',
    fix: `Check power and the SWD cable, lower --speed (e.g. 1000), set BOOT_MODE to serial downloader (01) and retry; ${ALT}.`,
  },
  {
    id: 'core-does-not-stop',
    re: /Timeout while preparing target, core does not stop/,
    code: 'JLINK_FLASH_PREPARE_FAILED',
    message: 'the J-Link flash loader could not start (core does not stop)',
    cause: 'The HyperFlash loader ran on a QSPI board (RT106x default on V7.70d–V7.82c) or the core is held by the application.',
    fix: `Use J-Link V7.82d or newer (imxflash names the QSPI loader from V7.70d), or set BOOT_MODE to serial downloader (01); ${ALT}.`,
  },
  {
    id: 'prepare-failed',
    re: /Failed to prepare RAMCode using RAM|Failed to prepare for programming|^Error while determining flash info/,
    code: 'JLINK_FLASH_PREPARE_FAILED',
    message: 'the J-Link flash loader could not be prepared in target RAM',
    cause:
      'The application reconfigured FlexRAM (less DTCM/OCRAM than the loader expects), the clocks are in a state the loader cannot handle, or a J-Link regression (RT106x with V7.50–V7.54b).',
    fix: `Set BOOT_MODE to serial downloader (01), power-cycle and retry; try another J-Link version; ${ALT}.`,
  },
  {
    id: 'write-failed',
    re: /^Writing target memory failed\.|^Error while programming flash: Programming failed\./,
    code: 'JLINK_WRITE_FAILED',
    message: 'JLinkExe reports "Writing target memory failed."',
    cause:
      'The flash loader could not program the QSPI flash: a known loader bug (RT105x QSPI on V6.82–V6.84b), the HyperFlash loader on a QSPI board, or a flash the loader does not support.',
    fix: `Use J-Link V6.86 or newer (imxflash --jlink-policy auto picks one), ${ALT}.`,
  },
  {
    id: 'verify-failed',
    re: /^ERROR: Verify failed\.|^Verify failed @ address 0x[0-9A-Fa-f]+|^Error while programming flash: (?:Verify failed\.|Comparing flash contens? failed\.)/,
    code: 'JLINK_VERIFY_FAILED',
    message: 'the flash does not hold what was written (J-Link verify failed)',
    cause: 'Programming did not take (worn or protected sectors, a wrong loader) or the data was changed by a reset in between.',
    fix: `Erase the range and flash again; if it repeats, ${ALT}.`,
  },
  {
    id: 'erase-failed',
    re: /^ERROR: Erase returned with error code (-?\d+)/,
    code: 'JLINK_ERASE_FAILED',
    message: 'the J-Link flash loader failed to erase',
    cause: 'The loader does not support this flash, or the flash is write-protected (status-register block protection).',
    fix: `Try another J-Link version; ${ALT}.`,
  },
  {
    id: 'memory-read-failed',
    // What the sim's stand-in prints for a failed mem/mem32; the real wording is UNVERIFIED.
    re: /^Could not read memory\./,
    code: 'JLINK_READ_FAILED',
    message: 'JLinkExe could not read target memory (mem32)',
    cause: 'The address faulted on the target bus: a peripheral whose clock is off, or no memory there.',
    fix: `Reset the board and retry; ${ALT}.`,
  },
  {
    id: 'unspecified',
    re: /^Unspecified error (-?\d+)|^Could not start CPU core\.|^Writing failed\.|^Reading failed\./,
    code: 'JLINK_FAILED',
    message: 'JLinkExe reports an error',
    cause: 'The J-Link DLL gave no detail.',
    fix: `Run \`imxflash doctor\`, then retry with another J-Link version; ${ALT}.`,
  },
];
