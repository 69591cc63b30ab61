// Public face of @imxflash/probe-cmsisdap: the CMSIS-DAP driver (SWD, Cortex-M7, FlexSPI from the host).

// Driver, session, options and DI registration (driver/).
export { CmsisDapDriver } from './driver/cmsis-dap-driver.js';
export { CmsisDapSession, type DapProbeDetails } from './driver/cmsis-dap-session.js';
export { CMSIS_DAP_OPTIONS, CMSIS_DAP_DEFAULTS, type CmsisDapOptions } from './driver/cmsis-dap-options.js';
export { registerCmsisDapDriver } from './driver/register-cmsis-dap-driver.js';

// Transports and discovery (transport/).
export type { DapTransport, TransportStats } from './transport/dap-transport.js';
export { HidDapTransport } from './transport/hid-dap-transport.js';
export { BulkDapTransport } from './transport/bulk-dap-transport.js';
export { discoverProbes, findV2Interface, isV1Candidate, type ProbeCandidate } from './transport/probe-discovery.js';
export { KNOWN_CMSIS_DAP_PROBES, FILTER_BY_USAGE_PAGE, CMSIS_DAP_USAGE_PAGE } from './transport/known-probes.js';

// DAP command codecs (dap/), one file per command.
export { DAP_CMD, DAP_OK, DAP_ERROR } from './dap/dap-command-id.js';
export { DapConnection } from './dap/dap-connection.js';
export { ACK, transferOutcome, type TransferOutcome } from './dap/transfer-ack.js';
export { DAP_INFO, DAP_CAPABILITY, encodeDapInfo, decodeDapInfo, infoString, infoPacketSize, infoPacketCount, infoCapabilities } from './dap/commands/dap-info.js';
export { encodeHostStatus, decodeHostStatus } from './dap/commands/host-status.js';
export { DAP_PORT, encodeConnect, decodeConnect } from './dap/commands/connect.js';
export { encodeDisconnect, decodeDisconnect } from './dap/commands/disconnect.js';
export { encodeSwjClock, decodeSwjClock } from './dap/commands/swj-clock.js';
export { encodeTransferConfigure, decodeTransferConfigure, type TransferConfig } from './dap/commands/transfer-configure.js';
export { encodeSwdConfigure, decodeSwdConfigure } from './dap/commands/swd-configure.js';
export { encodeSwjSequence, decodeSwjSequence, LINE_RESET, JTAG_TO_SWD } from './dap/commands/swj-sequence.js';
export { encodeTransfer, decodeTransfer, type TransferRequest, type TransferResult } from './dap/commands/transfer.js';
export { encodeTransferBlockRead, encodeTransferBlockWrite, decodeTransferBlock, blockWordsPerPacket } from './dap/commands/transfer-block.js';
export { ABORT, ABORT_CLEAR_STICKY, encodeWriteAbort, decodeWriteAbort } from './dap/commands/write-abort.js';
export { encodeResetTarget, decodeResetTarget } from './dap/commands/reset-target.js';
export { SWJ_PIN, encodeSwjPins, decodeSwjPins } from './dap/commands/swj-pins.js';

// ADIv5, Cortex-M7 and the i.MX RT FlexSPI over SWD (adi/, cortex-m/, imxrt/).
export { DebugPort, type DebugPortOptions } from './adi/debug-port.js';
export { MemAp } from './adi/mem-ap.js';
export { CortexM7 } from './cortex-m/cortex-m7.js';
export { runRamImage, type RamImageStart } from './cortex-m/run-ram-image.js';
export { FlexspiHost } from './imxrt/flexspi-host.js';
export { FlexspiNorFlash, type FlexspiNorFlashOptions } from './imxrt/flexspi-nor-flash.js';
export { identifyFlash, readJedecId, readSfdp, type FlashIdentity } from './imxrt/identify-flash.js';
