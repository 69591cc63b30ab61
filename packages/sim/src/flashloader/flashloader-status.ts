/** The MCU-bootloader status codes the flashloader model answers with (research/spsdk.md §2.5). */
export const FL_STATUS = {
  SUCCESS: 0,
  FAIL: 1,
  OUT_OF_RANGE: 3,
  INVALID_ARGUMENT: 4,
  UNKNOWN_COMMAND: 10000,
  ABORT_DATA_PHASE: 10002,
  MEMORY_RANGE_INVALID: 10200,
  MEMORY_READ_FAILED: 10201,
  MEMORY_WRITE_FAILED: 10202,
  MEMORY_CUMULATIVE_WRITE: 10203,
  MEMORY_NOT_CONFIGURED: 10205,
  MEMORY_ALIGNMENT_ERROR: 10206,
  UNKNOWN_PROPERTY: 10300,
  READ_ONLY_PROPERTY: 10301,
  FLEXSPI_SEQUENCE_TIMEOUT: 7000,
  NOR_PROGRAM_FAIL: 20100,
  NOR_ERASE_SECTOR_FAIL: 20101,
  NOR_ERASE_ALL_FAIL: 20102,
  NOR_WAIT_TIMEOUT: 20103,
  NOR_WRITE_ALIGNMENT: 20105,
  NOR_COMMAND_FAILURE: 20106,
  NOR_SFDP_NOT_FOUND: 20107,
  NOR_FLASH_NOT_FOUND: 20109,
} as const;

/** A status the model's memory layer returns instead of throwing. */
export class FlashloaderStatus extends Error {
  constructor(readonly status: number, why: string) {
    super(`status ${status}: ${why}`);
  }
}
