import { ImxflashError, type ErrorCode } from '@imxflash/core';

/**
 * MCU-bootloader status codes (research/spsdk.md §2.5, SPSDK error_codes.py) → a readable name,
 * the imxflash error code and a hint. Pain points from research §6 shape the hints.
 */
export interface StatusInfo {
  readonly name: string;
  readonly code: ErrorCode;
  readonly hint: string;
}

export const STATUS_SUCCESS = 0;
export const STATUS_NO_RESPONSE = 10004;

const RETRY = 'Reset the board into serial-downloader mode and run the command again.';
const MEMORY_HINT = 'Check that the address range lies in the configured flash (0x60000000 + size) or in RAM the flashloader allows.';
const NOR_HINT = 'The NOR did not accept the operation: check the option word / FCB for this part, the flash supply and write-protection bits.';

const TABLE: Readonly<Record<number, readonly [string, ErrorCode, string]>> = {
  1: ['Fail', 'BLHOST_COMMAND_FAILED', RETRY],
  2: ['ReadOnly', 'BLHOST_COMMAND_FAILED', 'That property or memory is read-only.'],
  3: ['OutOfRange', 'BLHOST_MEMORY_RANGE_INVALID', MEMORY_HINT],
  4: ['InvalidArgument', 'BLHOST_COMMAND_FAILED', 'A command parameter was rejected; check addresses, lengths and the memory id.'],
  5: ['Timeout', 'BLHOST_COMMAND_FAILED', RETRY],
  10000: ['UnknownCommand', 'BLHOST_COMMAND_FAILED', 'This flashloader build does not know the command; use a newer ivt_flashloader.bin.'],
  10001: ['SecurityViolation', 'BLHOST_SECURITY_VIOLATION', 'The part is secured (HAB closed or flash security enabled); unsigned operations are refused.'],
  10002: ['AbortDataPhase', 'BLHOST_DATA_ABORTED', 'The flashloader aborted the data transfer; run the command again.'],
  10003: ['PingError', 'BLHOST_NO_RESPONSE', 'The flashloader did not answer a ping: check the port and baud rate.'],
  10004: ['NoResponse', 'BLHOST_NO_RESPONSE', 'Nothing answered. The boot ROM speaks SDP, not blhost: load the flashloader first (--flashloader), and check the port.'],
  10005: ['NoResponseExpected', 'BLHOST_COMMAND_FAILED', RETRY],
  10006: ['UnsupportedCommand', 'BLHOST_COMMAND_FAILED', 'This flashloader build does not support the command.'],
  10200: ['MemoryRangeInvalid', 'BLHOST_MEMORY_RANGE_INVALID', MEMORY_HINT],
  10201: ['MemoryReadFailed', 'BLHOST_MEMORY_FAILED', NOR_HINT],
  10202: ['MemoryWriteFailed', 'BLHOST_MEMORY_FAILED', NOR_HINT],
  10203: ['MemoryCumulativeWrite', 'BLHOST_MEMORY_CUMULATIVE_WRITE', 'The target area is not erased (also for 0xF000000F over a non-blank FCB area): erase it first.'],
  10204: ['AppOverlapWithExecuteOnly', 'BLHOST_MEMORY_RANGE_INVALID', MEMORY_HINT],
  10205: ['MemoryNotConfigured', 'BLHOST_MEMORY_NOT_CONFIGURED', 'Configure the memory first (configure-memory 9 with the option word); a reset loses the configuration.'],
  10206: ['MemoryAlignmentError', 'BLHOST_MEMORY_ALIGNMENT', 'Align the address and length to the sector (erase) or page (write) size.'],
  10207: ['MemoryVerifyFailed', 'BLHOST_MEMORY_FAILED', NOR_HINT],
  10208: ['MemoryWriteProtected', 'BLHOST_MEMORY_FAILED', 'The flash is write-protected (BP bits); clear the protection.'],
  10209: ['AddressError', 'BLHOST_MEMORY_RANGE_INVALID', MEMORY_HINT],
  10210: ['BlankCheckFailed', 'BLHOST_MEMORY_FAILED', NOR_HINT],
  10300: ['UnknownProperty', 'BLHOST_PROPERTY_ERROR', 'This flashloader build does not know that property.'],
  10301: ['ReadOnlyProperty', 'BLHOST_PROPERTY_ERROR', 'That property cannot be set.'],
  10302: ['InvalidPropertyValue', 'BLHOST_PROPERTY_ERROR', 'The value is out of range for that property.'],
  6000: ['FlexSPI SequenceExecutionTimeout', 'BLHOST_FLEXSPI_FAILED', NOR_HINT],
  6001: ['FlexSPI InvalidSequence', 'BLHOST_FLEXSPI_FAILED', NOR_HINT],
  6002: ['FlexSPI DeviceTimeout', 'BLHOST_FLEXSPI_FAILED', NOR_HINT],
  7000: ['FlexSPI SequenceExecutionTimeout', 'BLHOST_FLEXSPI_FAILED', NOR_HINT],
  7001: ['FlexSPI InvalidSequence', 'BLHOST_FLEXSPI_FAILED', NOR_HINT],
  7002: ['FlexSPI DeviceTimeout', 'BLHOST_FLEXSPI_FAILED', NOR_HINT],
  20100: ['FlexSPINOR ProgramFail', 'BLHOST_NOR_FAILED', NOR_HINT],
  20101: ['FlexSPINOR EraseSectorFail', 'BLHOST_NOR_FAILED', NOR_HINT],
  20102: ['FlexSPINOR EraseAllFail', 'BLHOST_NOR_FAILED', NOR_HINT],
  20103: ['FlexSPINOR WaitTimeout', 'BLHOST_NOR_FAILED', 'The flash stayed busy too long; check the supply and the part.'],
  20104: ['FlexSPINOR PageSizeOverMax', 'BLHOST_NOR_FAILED', NOR_HINT],
  20105: ['FlexSPINOR WriteAlignmentError', 'BLHOST_MEMORY_ALIGNMENT', 'Writes must start at a page boundary of the flash.'],
  20106: ['FlexSPINOR CommandFailure', 'BLHOST_NOR_FAILED', NOR_HINT],
  20107: ['FlexSPINOR SFDP NotFound', 'BLHOST_SFDP_NOT_FOUND',
    'The flashloader read no SFDP table: wrong FlexSPI instance/pins, wrong option word, or a part without SFDP (give a full FCB instead).'],
  20108: ['FlexSPINOR UnsupportedSFDPVersion', 'BLHOST_SFDP_NOT_FOUND', 'The part\'s SFDP version is not supported: configure with a full FCB.'],
  20109: ['FlexSPINOR FlashNotFound', 'BLHOST_FLASH_NOT_FOUND', 'No flash answered on FlexSPI: check the board, the option word and the pins.'],
  20110: ['FlexSPINOR DTRRead DummyProbeFailed', 'BLHOST_NOR_FAILED', NOR_HINT],
};

/** Name, code and hint of `status`; unknown statuses map to BLHOST_UNKNOWN_STATUS (with a family name when known). */
export function statusInfo(status: number): StatusInfo {
  const row = TABLE[status];
  if (row !== undefined) return { name: row[0], code: row[1], hint: row[2] };
  return { name: familyName(status), code: 'BLHOST_UNKNOWN_STATUS', hint: RETRY };
}

function familyName(status: number): string {
  if (status >= 10100 && status < 10200) return `ROM-loader (SB) error ${status}`;
  if (status >= 20000 && status < 20100) return `FlexSPI NAND error ${status}`;
  if (status >= 21100 && status < 21200) return `SEMC NOR error ${status}`;
  if (status >= 21200 && status < 21300) return `SEMC NAND error ${status}`;
  if (status >= 22000 && status < 22100) return `SPIFI NOR error ${status}`;
  return `status ${status}`;
}

/** Throws the coded error for a non-zero status of `command`; returns for success. */
export function checkStatus(status: number, command: string, details: Record<string, unknown> = {}): void {
  if (status === STATUS_SUCCESS) return;
  throw statusError(status, command, details);
}

export function statusError(status: number, command: string, details: Record<string, unknown> = {}): ImxflashError {
  const info = statusInfo(status);
  return new ImxflashError(info.code, `${command} failed: ${info.name} (${status})`, { hint: info.hint, details: { ...details, status, statusName: info.name } });
}
