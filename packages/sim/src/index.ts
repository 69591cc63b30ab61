// Public face of @imxflash/sim, the virtual i.MX RT board.

// Time: the virtual clock and the link-timing table (time/).
export { VirtualClock } from './time/virtual-clock.js';
export * from './time/link-timing.js';
// The wires between the FlexSPI controller model and a flash chip model (flash-bus/).
export type { Pads, SendPhase, SerialFlashDevice } from './flash-bus/serial-flash-device.js';

// NOR chip models (SPI NOR, HyperFlash) behind the FlexSPI wires.
export * from './nor/index.js';

// Memory bus, the board's memory map and the peripherals the flash tools touch (bus/, peripherals/).
export { BusFault, type Bus, type BusDevice } from './bus/bus.js';
export { MemoryBus } from './bus/memory-bus.js';
export { RamDevice } from './bus/ram-device.js';
export { RomDevice } from './bus/rom-device.js';
export {
  buildBoardMemoryMap, syntheticRomContent, SYNTHETIC_ROM_MARKER, SYNTHETIC_ROM_MARKER_OFFSET,
  type BoardMemory, type BoardMemoryOptions,
} from './bus/board-memory-map.js';
export { mapBoardPeripherals, type BoardPeripherals, type BoardPeripheralsOptions } from './bus/board-peripherals.js';
export { RegisterFile } from './peripherals/register-file.js';
export { Ccm, CCM_REG, CCGR_RESET, RT10XX_CCM_BASE, type CcmOptions } from './peripherals/ccm.js';
export { Iomuxc, RT10XX_IOMUXC_BASE, SW_MUX_CTL_RESET, type IomuxcOptions } from './peripherals/iomuxc.js';
export { Src, encodeSbmr2, type BootConfig, type BootModePins } from './peripherals/src.js';
export { Ocotp, OCOTP_SHADOW_START, OCOTP_SHADOW_END, type FuseMap } from './peripherals/ocotp.js';

// FlexSPI controller model: registers, LUT engine, IP FIFOs, AHB window (flexspi/).
export { FlexspiController, DEFAULT_SERIAL_CLOCK_MHZ, type FlexspiControllerOptions } from './flexspi/flexspi-controller.js';
export { FlexspiAhbWindow } from './flexspi/flexspi-ahb-window.js';
export * as flexspiRegisters from './flexspi/flexspi-registers.js';
export type { FlashPort } from './flexspi/flexspi-registers.js';
export * as flexspiLut from './flexspi/lut-decoder.js';
// Test utilities: raw-register IP commands (research/imxrt.md §1.5), a scripted fake flash, a rig.
export { ipCommand, writeLut, bringUpFlexspi, type IpCommandRequest, type IpCommandResult } from './flexspi/testing/raw-flexspi.js';
export { ScriptedFlashDevice, type RecordedPhase, type ScriptedFlashOptions } from './flexspi/testing/scripted-flash-device.js';
export { createFlexspiRig, type FlexspiRig, type FlexspiRigOptions } from './flexspi/testing/flexspi-rig.js';
export { qspiTestLut, QSPI_SEQ } from './flexspi/testing/qspi-test-lut.js';

// The virtual board: factory, fault plan, state file (board/, faults/, state/).
export {
  createSimBoard, type SimBoard, type SimBoardOptions, type SimBoardPeripherals, type SimFlash, type SimMemory,
} from './board/create-sim-board.js';
export { RawNorHost, RAW_NOR_SEQ, rawNorLut, type RawNorHostOptions, type RawNorHostStats } from './board/testing/raw-nor-host.js';
export { createFaultPlan, type FaultPlan } from './faults/fault-plan.js';
export { LinkFaults, type LinkDecision, type LinkDirection, type LinkFaultEvent, type LinkFaultScope } from './faults/link-faults.js';
export { SeededRandom } from './faults/seeded-random.js';
export { SIM_BOARD_STATE_VERSION, checkBoardStateFor, type SimBoardState, type SimBootConfig } from './state/sim-board-state.js';
export { decodeBoardState, encodeBoardState, STATE_FILE_CHUNK_BYTES, STATE_FILE_MAGIC } from './state/board-state-codec.js';
export {
  defaultSimStatePath, loadBoardState, saveBoardState, tryLoadBoardState, type ExpectedBoard,
} from './state/board-state-file.js';

// Virtual bindings: what node-hid and usb would show with the board plugged in (bindings/).
export { VirtualHidBinding, type VirtualHidDevice } from './bindings/virtual-hid-binding.js';
export { VirtualUsbBinding, type VirtualUsbDevice } from './bindings/virtual-usb-binding.js';

// Virtual CMSIS-DAP probe: DAP commands, SWD DP/MEM-AP onto the board bus, Cortex-M7 debug registers (cmsis-dap/).
export {
  attachSimCmsisDap, SIM_CMSIS_DAP_ENDPOINTS, SIM_CMSIS_DAP_USB_ID, type SimCmsisDap, type SimCmsisDapOptions,
} from './cmsis-dap/attach-sim-cmsis-dap.js';
export { DapProcessor, type DapProcessorOptions, type DapProcessorStats } from './cmsis-dap/dap-processor.js';
export { SwdTarget, SWD_ACK, CTRL_STAT, RT1050_DPIDR, RT1050_AHB_AP_IDR, TAR_WRAP_BYTES, type SwdResult } from './cmsis-dap/swd-target.js';
export { CortexM7Debug, SCS, DHCSR, CORTEX_M7_CPUID, type CortexM7DebugOptions } from './cmsis-dap/cortex-m7-debug.js';
export { DapTargetFaults } from './cmsis-dap/dap-target-faults.js';

// Boot ROM model: FlexSPI NOR boot per research/imxrt.md §5, and its verdict (boot-rom/).
export { runBootRom, type RunBootRomOptions } from './boot-rom/run-boot-rom.js';
export {
  formatVerdict, hexAddress, hexValue, BOOT_STAGE_LABEL,
  type BootStage, type BootVerdict, type BootedVerdict, type SerialDownloaderVerdict,
} from './boot-rom/boot-verdict.js';
export {
  decideBoot, bootDeviceName, BOOT_CFG_FUSE_OFFSET, FLASH_TYPE_LABEL,
  type BootDecision, type FlashType, type FlexspiNorBootConfig, type SerialDownloaderDecision,
} from './boot-rom/boot-config.js';

// ROM serial downloader (SDP) and the NXP flashloader (blhost) models, over virtual HID and UART
// (serial-downloader/, flashloader/, bindings/virtual-serial-binding.ts).
export { VirtualSerialBinding, type VirtualUartDevice } from './bindings/virtual-serial-binding.js';
export {
  attachSimSerialDownloader, attachSimSerialDownloaderUart, createSimSerialDownloaderUart,
  type SimSerialDownloader, type SimSerialDownloaderOptions, type SimSerialMode,
} from './serial-downloader/attach-sim-serial-downloader.js';
export { SdpRomModel, SIM_SDP_FAILURE, type JumpTarget, type SdpRomOutput } from './serial-downloader/sdp-rom-model.js';
export { FlashloaderModel, type FlashloaderOutput } from './flashloader/flashloader-model.js';
export { FLASHLOADER_HID_MAX_PACKET } from './flashloader/flashloader-hid-device.js';
export { FLASHLOADER_UART_MAX_PACKET } from './flashloader/flashloader-uart.js';
export {
  buildSimFlashloaderImage, hasSimFlashloaderMarker, SIM_FLASHLOADER_BYTES, SIM_FLASHLOADER_DEFAULT_LOAD_ADDRESS, SIM_FLASHLOADER_ENTRY_OFFSET,
  SIM_FLASHLOADER_IVT_OFFSET, SIM_FLASHLOADER_MARKER, SIM_FLASHLOADER_VERSION, type SimFlashloaderImageOptions,
} from './flashloader/sim-flashloader-image.js';

// J-Link: the JLinkExe stand-in (jlink/), in-process ProcessRunner, fake install layouts, process entry.
export { runJlinkStandIn, type JlinkStandInOptions, type StandInFiles, type StandInResult } from './jlink/jlink-stand-in.js';
export { jlinkBehaviour, type JlinkBehaviour } from './jlink/jlink-behaviour.js';
export { JLINK_MODEL, JlinkFlashModel } from './jlink/jlink-flash-model.js';
export { simJlinkProcessRunner, type SimJlinkRun, type SimJlinkRunnerOptions } from './jlink/sim-jlink-process-runner.js';
export {
  createSimJlinkInstallations, SIM_JLINK_MARKER, type SimJlinkInstallation, type SimJlinkInstallOptions, type SimJlinkMarker,
} from './jlink/sim-jlink-installations.js';
export { jlinkStandInMain } from './jlink/stand-in-main.js';
