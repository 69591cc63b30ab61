// Public face of @imxflash/probe-sdp: the ROM serial downloader (SDP) and NXP flashloader (blhost) driver.

// Driver, session, flash device, options, registration.
export { SdpDriver } from './sdp-driver.js';
export { SdpSession, FLASHLOADER_USB, type SdpBootInfo, type SdpSessionDeps, type SdpStage } from './sdp-session.js';
export { SdpFlashDevice } from './sdp-flash-device.js';
export { SDP_OPTIONS, type SdpOptions } from './sdp-options.js';
export { registerSdpDriver } from './register.js';
export { placeFlashloader, type FlashloaderPlacement } from './flashloader/flashloader-file.js';

// SDP: 16-byte command packets, replies, HID reports, client (sdp/).
export {
  SDP_COMMAND, SDP_COMMAND_BYTES, encodeSdpCommand, decodeSdpCommand, sdpCommandName, readRegister, writeRegister, writeFile, errorStatus, dcdWrite,
  skipDcdHeader, jumpAddress, type SdpCommand, type SdpCommandType, type SdpRegisterFormat,
} from './sdp/sdp-command.js';
export { HAB_STATUS, SDP_COMPLETE, decodeHabStatus, sdpStatusName, expectCompletion, type HabState } from './sdp/sdp-response.js';
export { SDP_REPORT, SDP_REPORT_BYTES, commandReport, dataReports, parseInputReport } from './sdp/sdp-hid-reports.js';
export { SdpClient, type SdpClientOptions } from './sdp/sdp-client.js';

// MCU bootloader (blhost): framing, commands, status codes, properties, client (blhost/).
export { crc16Xmodem } from './blhost/crc16.js';
export {
  FRAME_START, FRAME_TYPE, encodeFrame, syncPacket, encodePingResponse, decodePingResponse, UartPacketParser, type PingResponse, type UartPacket,
} from './blhost/uart-framing.js';
export { BLHOST_REPORT, encodeHidReport, decodeHidReport } from './blhost/hid-framing.js';
export {
  BLHOST_COMMAND, BLHOST_RESPONSE, MEMORY_ID, encodePacket, decodePacket, decodeResponse, getProperty, setProperty, flashEraseAll, flashEraseRegion,
  readMemory, writeMemory, fillMemory, configureMemory, execute, reset, type BlhostPacket, type BlhostResponse,
} from './blhost/commands.js';
export { statusInfo, statusError, checkStatus, type StatusInfo } from './blhost/status-codes.js';
export { PROPERTY, DEFAULT_MAX_PACKET_SIZE, formatVersion, decodeExternalMemoryAttributes, type ExternalMemoryAttributes } from './blhost/properties.js';
export { BlhostClient, type BlhostClientOptions } from './blhost/blhost-client.js';

// Transports over core's bindings (transport/).
export type { SdpTransport } from './transport/sdp-transport.js';
export type { BlhostTransport } from './transport/blhost-transport.js';
export { SdpHidTransport } from './transport/sdp-hid-transport.js';
export { SdpUartTransport } from './transport/sdp-uart-transport.js';
export { BlhostHidTransport } from './transport/blhost-hid-transport.js';
export { BlhostUartTransport } from './transport/blhost-uart-transport.js';
export { SerialReader } from './transport/serial-reader.js';
