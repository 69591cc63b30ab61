// Public face of @imxflash/core.
export { ERROR_CODES, categoryOf, type ErrorCategory, type ErrorCode } from './errors/error-codes.js';
export { ImxflashError, isImxflashError, type ImxflashErrorOptions } from './errors/imxflash-error.js';
export { hex, hex32, hexBytes } from './util/hex.js';
export { MemoryImage, MemoryImageBuilder, type Segment } from './image/memory-image.js';
export { CompositeOrigin, RecordOrigin, namedOrigin, type SegmentOrigin } from './image/segment-origin.js';
// Firmware files (Intel HEX, S-record, ELF, raw binary) ↔ MemoryImage.
export { readIntelHex } from './firmware/intel-hex-reader.js';
export { writeIntelHex, type IntelHexWriteOptions } from './firmware/intel-hex-writer.js';
export { readSrec } from './firmware/srec-reader.js';
export { writeSrec, type SrecWriteOptions } from './firmware/srec-writer.js';
export { readElf } from './firmware/elf-reader.js';
export { MAX_BINARY_BYTES, readBinary, writeBinary, type BinaryWriteOptions } from './firmware/binary.js';
export {
  detectFirmwareFormat, parseFirmware, serializeFirmware,
  type FirmwareFormat, type OutputFirmwareFormat, type ParseFirmwareOptions, type SerializeFirmwareOptions,
} from './firmware/firmware-format.js';
export { loadFirmwareFile } from './firmware/load-firmware-file.js';

// Chip and flash-part databases, SFDP (db/, sfdp/)
export type { AddressRange, Chip, FlexspiBringUp, FlexspiInstance, MemoryRegion, UsbId } from './db/chip.js';
export type { EraseUnit, FlashPart, FlashQuirk, FlashTiming, QuadEnable, QuadRead, SpiNorOpcodes, TypMax } from './db/flash-part.js';
export { CHIPS } from './db/chips/index.js';
export { findChip, listChips } from './db/chip-lookup.js';
export { FLASH_PARTS } from './db/flash-parts/index.js';
export { findFlashPart, findFlashPartByJedecId, listFlashParts } from './db/flash-part-lookup.js';
export { parseSfdp, SFDP_BASIC_TABLE_ID, SFDP_SIGNATURE } from './sfdp/parse-sfdp.js';
export type { SfdpBasicTable, SfdpEraseType, SfdpFastRead, SfdpInfo, SfdpParameterHeader, SfdpReadPads } from './sfdp/sfdp-info.js';
export { sfdpToFlashPart, type SfdpToFlashPartOptions } from './sfdp/sfdp-to-flash-part.js';
export { encodeSfdp } from './sfdp/encode-sfdp.js';

// Boot-image codecs: LUT, FCB and its builder, IVT, boot data, DCD (boot/)
export { toDecodeResult, type DecodeResult } from './boot/decode-result.js';
export {
  LUT_OP, LUT_DDR_OFFSET, LUT_INSTRUCTIONS_PER_SEQUENCE, LUT_WORDS_PER_SEQUENCE,
  encodeLutInstruction, decodeLutInstruction, encodeLutSequence, decodeLutSequence, lutSequenceWords, lutOpName, formatLutInstruction,
  type LutInstruction, type LutOpName, type LutPads,
} from './boot/lut.js';
export {
  FCB_SIZE, FCB_TAG, FCB_VERSION, FCB_MISC, FCB_DEVICE_TYPE, READ_SAMPLE_CLK_SRC, DEVICE_MODE_TYPE, SERIAL_NOR_TYPE, LUT_SEQ, NOR_CMD_INDEX,
  LOOKUP_TABLE_WORDS, LUT_CUSTOM_SEQ_COUNT, NO_SEQ, blankFcb, encodeFcb, decodeFcb, tryDecodeFcb,
  type Fcb, type FcbSeqRef,
} from './boot/fcb.js';
export { buildFcb, serialClkFreqFor, QUAD_ENABLE_LUT_SEQ, CONFIG_CMD_LUT_SEQS, type FcbOptions, type FcbConfigCmd } from './boot/fcb-builder.js';
export { IVT_SIZE, IVT_TAG, IVT_VERSION, IVT_VERSION_MIN, IVT_VERSION_MAX, encodeIvt, decodeIvt, tryDecodeIvt, type Ivt } from './boot/ivt.js';
export { BOOT_DATA_SIZE, BOOT_DATA_USED_BYTES, BOOT_DATA_PAD_WORD, encodeBootData, decodeBootData, tryDecodeBootData, type BootData } from './boot/boot-data.js';
export {
  DCD_TAG, DCD_VERSION, DCD_VERSION_ALT, DCD_HEADER_SIZE, DCD_MAX_SIZE, DCD_CMD, encodeDcd, decodeDcd, tryDecodeDcd, formatDcd, formatDcdCommand,
  type Dcd, type DcdCommand, type DcdWrite, type DcdWidth, type DcdWriteOp, type DcdCheckOp,
} from './boot/dcd.js';

// Boot images: mode, layout, builder, inspector (boot-image/)
export { BOOT_MODE_REQUESTS, type BootMode, type BootModeRequest } from './boot-image/boot-mode.js';
export { chooseBootMode, findInputHeaders, planBootLayout, BOOT_DATA_OFFSET_FROM_IVT, DCD_OFFSET_FROM_IVT, type BootLayout } from './boot-image/boot-layout.js';
export { buildBootImage, type BootImage, type BuildBootImageOptions } from './boot-image/build-boot-image.js';
export { inspectBootImage, type FcbReport, type InspectOptions, type InspectReport, type LutSequenceReport, type RomPlan } from './boot-image/inspect-boot-image.js';
export type { Finding } from './boot-image/finding.js';
export { bootFlashBase, regionAt } from './boot-image/memory-map.js';
export { systemClock, type Clock } from './time/clock.js';

// Bindings (hardware contracts), DI tokens, probes, progress, flash planning and orchestration
export type { HidBinding, HidDeviceInfo, HidFilter, HidLink } from './bindings/hid-binding.js';
export type { UsbBinding, UsbDeviceInfo, UsbEndpointInfo, UsbInterfaceInfo, UsbLink } from './bindings/usb-binding.js';
export type { SerialBinding, SerialLink, SerialPortInfo } from './bindings/serial-binding.js';
export type { ProcessResult, ProcessRunner, ProcessRunOptions } from './bindings/process-runner.js';
export type { FileSystem } from './bindings/file-system.js';
export { CLOCK, FILE_SYSTEM, HID_BINDING, PROBE_DRIVER, PROCESS_RUNNER, SERIAL_BINDING, USB_BINDING } from './di/tokens.js';
export { DRIVER_IDS, isDriverId, type DriverId } from './probe/driver-id.js';
export type { ProbeAccess, ProbeInfo } from './probe/probe-info.js';
export { matchesSelector, parseProbeSelector, selectorFor, type ProbeSelector } from './probe/probe-selector.js';
export { pickProbe } from './probe/pick-probe.js';
export { requireCapability, type Capabilities, type Capability } from './probe/capabilities.js';
export type { ByteProgress, EraseRange, FlashDevice, FlashEraseUnit, FlashGeometry, ProgramOutcome } from './probe/flash-device.js';
export type { TargetSpec } from './probe/target-spec.js';
export type { SessionContext } from './probe/session-context.js';
export type { ProbeSession, RamImageStarted, ResetKind } from './probe/probe-session.js';
export type { ProbeDriver } from './probe/probe-driver.js';
export type { FlashPhase, ProgressEvent, ProgressListener } from './progress/progress-event.js';
export { PhaseReporter, type PhaseReporterOptions } from './progress/progress-reporter.js';
export type { FlashPlan, FlashPlanTotals, FlashRange, ProgramRun } from './flash/flash-plan.js';
export { AUTO_CHIP_ERASE_FRACTION, checkImageFits, chipEraseIsFaster, mergeRanges, planFlash, type CurrentContents, type EraseStrategy, type PlanOptions } from './flash/flash-planner.js';
export { withEraseTiming } from './flash/erase-timing.js';
export { preservedBytesOf, type PreservedBytes } from './flash/preserved-bytes.js';
export { checkFlashMatches } from './flash/flash-mismatch.js';
export { FlashContents } from './flash/flash-contents.js';
export { crc32 } from './flash/crc32.js';
export { blockProtectMask, protectedRangesFor } from './flash/block-protect.js';
export { refuseProtectedWrites } from './flash/refuse-protected.js';
export * as flexspiRegisters from './flexspi/flexspi-registers.js';
export type { RegisterAccess, RegisterStep } from './flexspi/register-access.js';
export { readNorStatusOverRegisters } from './flexspi/read-status-over-registers.js';
export { DEFAULT_OPERATION_BYTES, flash, type FlashOptions, type FlashResult, type VerifyMethod } from './flash/flash-orchestrator.js';
