/**
 * Every stable error code imxflash can produce, in one place (STYLE R7). Codes are part of the
 * public contract: scripts match on them, so a code is never renamed once released.
 *
 * The `category` decides the CLI exit code: `input` → 1 (the user's file, flag or config),
 * `device` → 2 (probe, transport, flash), `verify` → 3, `internal` → 4 (a bug).
 */
export const ERROR_CODES = {
  // Firmware files
  FILE_NOT_FOUND: 'input',
  FILE_UNREADABLE: 'input',
  FILE_FORMAT_UNKNOWN: 'input',
  HEX_BAD_CHECKSUM: 'input',
  HEX_BAD_RECORD: 'input',
  HEX_UNKNOWN_RECORD_TYPE: 'input',
  HEX_ADDRESS_OVERFLOW: 'input',
  SREC_BAD_CHECKSUM: 'input',
  SREC_BAD_RECORD: 'input',
  SREC_UNKNOWN_RECORD_TYPE: 'input',
  SREC_ADDRESS_OVERFLOW: 'input',
  ELF_BAD_HEADER: 'input',
  ELF_UNSUPPORTED: 'input',
  ELF_TRUNCATED: 'input',
  ELF_NO_LOADABLE_SEGMENTS: 'input',
  BIN_ADDRESS_OVERFLOW: 'input',
  IMAGE_OVERLAP: 'input',
  IMAGE_EMPTY: 'input',
  IMAGE_RANGE_INVALID: 'input',
  // Databases and option values
  CHIP_UNKNOWN: 'input',
  FLASH_PART_UNKNOWN: 'input',
  SFDP_BAD_SIGNATURE: 'input',
  SFDP_TRUNCATED: 'input',
  SFDP_NO_BASIC_TABLE: 'input',
  SFDP_UNSUPPORTED: 'input',
  // Boot-image codecs and builder
  FCB_BAD_SIZE: 'input',
  FCB_BAD_TAG: 'input',
  FCB_BAD_VALUE: 'input',
  FCB_UNSUPPORTED_PART: 'input',
  LUT_BAD_SEQUENCE: 'input',
  IVT_BAD_HEADER: 'input',
  IVT_TRUNCATED: 'input',
  BOOT_DATA_TRUNCATED: 'input',
  DCD_BAD_HEADER: 'input',
  DCD_BAD_COMMAND: 'input',
  DCD_TOO_LARGE: 'input',
  BOOT_LAYOUT_UNSUPPORTED: 'input',
  BOOT_APP_TOO_CLOSE_TO_REGION_START: 'input',
  BOOT_APP_OVERLAPS_HEADER: 'input',
  BOOT_APP_IN_ROM_RESERVED_RAM: 'input',
  BOOT_APP_OUTSIDE_MEMORY: 'input',
  BOOT_APP_TOO_LARGE: 'input',
  BOOT_NO_VECTOR_TABLE: 'input',
  BOOT_MODE_MISMATCH: 'input',
  BOOT_AS_IS_INVALID: 'input',
  // CLI and configuration
  CONFIG_BAD_OPTION: 'input',
  CONFIG_BAD_ADDRESS: 'input',
  CONFIG_BAD_FILE: 'input',
  OUTPUT_WRITE_FAILED: 'input',
  // Probes, transports and flashing
  PROBE_NOT_FOUND: 'device',
  PROBE_AMBIGUOUS: 'device',
  PROBE_BUSY: 'device',
  PROBE_PERMISSION_DENIED: 'device',
  NATIVE_MODULE_MISSING: 'device',
  CAPABILITY_UNAVAILABLE: 'device',
  SELECTOR_INVALID: 'input',
  TRANSPORT_TIMEOUT: 'device',
  TRANSPORT_DISCONNECTED: 'device',
  FLASH_TIMEOUT: 'device',
  FLASH_OUT_OF_RANGE: 'input',
  FLASH_ERASE_UNALIGNED: 'input',
  FLASH_ERASE_FAILED: 'device',
  FLASH_PROGRAM_FAILED: 'device',
  FLASH_READ_FAILED: 'device',
  FLASH_NOT_BOOTABLE: 'input',
  FLASH_ABORTED: 'device',
  FLASH_VERIFY_MISMATCH: 'verify',
  // Virtual board
  SIM_STATE_INVALID: 'input',
  SIM_STATE_MISMATCH: 'input',
  // SEGGER J-Link (probe-jlink): installations, version policy, command files, JLinkExe output
  JLINK_NOT_INSTALLED: 'device',
  JLINK_VERSION_UNKNOWN: 'device',
  JLINK_VERSION_INVALID: 'input',
  JLINK_VERSION_UNSUPPORTED: 'device',
  JLINK_KNOWN_ISSUE: 'device',
  JLINK_BAD_PATH: 'input',
  JLINK_LOADER_MISSING: 'device',
  JLINK_NO_PROBE: 'device',
  JLINK_CONNECT_FAILED: 'device',
  JLINK_FLASH_PREPARE_FAILED: 'device',
  JLINK_WRITE_FAILED: 'device',
  JLINK_ERASE_FAILED: 'device',
  JLINK_VERIFY_FAILED: 'verify',
  JLINK_READ_FAILED: 'device',
  JLINK_COMMAND_FILE_FAILED: 'device',
  JLINK_UNKNOWN_COMMAND: 'internal',
  JLINK_TIMEOUT: 'device',
  JLINK_FAILED: 'device',
  // Anything that escaped as a non-ImxflashError is wrapped with this at the CLI boundary.
  INTERNAL: 'internal',
} as const satisfies Record<string, ErrorCategory>;

export type ErrorCategory = 'input' | 'device' | 'verify' | 'internal';
export type ErrorCode = keyof typeof ERROR_CODES;

export function categoryOf(code: ErrorCode): ErrorCategory {
  return ERROR_CODES[code];
}
