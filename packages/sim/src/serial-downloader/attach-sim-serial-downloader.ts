import type { VirtualHidBinding } from '../bindings/virtual-hid-binding.js';
import type { VirtualSerialBinding, VirtualUartDevice } from '../bindings/virtual-serial-binding.js';
import type { SimBoard } from '../board/create-sim-board.js';
import { createFlashloaderHidDevice } from '../flashloader/flashloader-hid-device.js';
import { cannotExecute, type FlashloaderModel } from '../flashloader/flashloader-model.js';
import { FlashloaderUart } from '../flashloader/flashloader-uart.js';
import { hasSimFlashloaderMarker } from '../flashloader/sim-flashloader-image.js';
import { runBootRom } from '../boot-rom/run-boot-rom.js';
import type { BootVerdict } from '../boot-rom/boot-verdict.js';
import { createSdpRomHidDevice } from './sdp-rom-hid-device.js';
import type { JumpTarget } from './sdp-rom-model.js';
import { SdpRomUart } from './sdp-rom-uart.js';

export interface SimSerialDownloaderOptions {
  /** After a jump to the sim flashloader, whether it comes up (default true; false models "never re-enumerates"). */
  flashloaderStarts?: boolean;
  /** Modelled time from the jump until the flashloader answers (USB enumeration; default 200 ms, UNVERIFIED). */
  startMs?: number;
  /** The flashloader refuses writes over non-erased bytes with 10203 (default true; see FlashloaderModelOptions). */
  cumulativeWriteCheck?: boolean;
}

/** What runs on the board's serial link: the ROM's SDP, the flashloader's blhost, or the booted flash (nothing answers). */
export type SimSerialMode = 'rom' | 'flashloader' | 'booted' | 'silent';

export interface SimSerialDownloader {
  readonly mode: SimSerialMode;
  /** HID: path of the device now attached (ROM or flashloader); UART: the port. */
  readonly path: string | undefined;
  /** The flashloader model while it runs. */
  readonly flashloader: FlashloaderModel | undefined;
  /** Jumps and resets seen, for tests. */
  readonly history: readonly ('jump' | 'reset')[];
  /** What the boot ROM model decided after the last reset or power cycle (undefined before one). */
  readonly bootVerdict: BootVerdict | undefined;
  /** Unplugs whatever is attached. */
  detach(): void;
  /**
   * Unplug and replug a USB-powered board: the link's device goes, the board resets (the flash
   * keeps its contents), and the boot ROM comes back per the boot pins, on a new path.
   */
  powerCycle(): void;
}

/**
 * Puts the board's boot ROM serial downloader on `hid` (the board is in serial-downloader mode:
 * BOOT_MODE 01, or a failed internal boot). The ROM enumerates with the chip's ROM USB ID; a
 * JUMP_ADDRESS to an IVT whose entry holds the sim flashloader marker (sim-flashloader-image.ts)
 * detaches it and attaches the flashloader (the chip's flashloader USB ID, 0x15A2:0x0073), as the
 * real board re-enumerates. Any other jump target: SIM_CANNOT_EXECUTE (the sim runs no ARM code).
 * The flashloader's Reset detaches it and the boot ROM model runs (runBootRom): when it falls back
 * to the serial downloader (BOOT_MODE 01, or no bootable image) the ROM device comes back, else
 * the board has booted from flash and nothing answers (`bootVerdict` says which and why).
 */
export function attachSimSerialDownloader(board: SimBoard, hid: VirtualHidBinding, options: SimSerialDownloaderOptions = {}): SimSerialDownloader {
  const history: ('jump' | 'reset')[] = [];
  let mode: SimSerialMode = 'rom';
  let path: string | undefined;
  let flashloader: FlashloaderModel | undefined;
  let bootVerdict: BootVerdict | undefined;

  const attachRom = (): void => {
    mode = 'rom';
    flashloader = undefined;
    path = hid.attach(createSdpRomHidDevice(board, board.chip.romUsb[0]!, onJump));
  };
  const onJump = (target: JumpTarget): void => {
    if (!hasSimFlashloaderMarker(board.bus, target.entry)) throw cannotExecute(target.entry);
    history.push('jump');
    if (path !== undefined) hid.detach(path);
    path = undefined;
    board.clock.advance(options.startMs ?? 200);
    if (options.flashloaderStarts === false) {
      mode = 'silent';
      return;
    }
    mode = 'flashloader';
    const device = createFlashloaderHidDevice(board, board.chip.flashloaderUsb, onReset, options.cumulativeWriteCheck ?? true);
    flashloader = device.model;
    path = hid.attach(device);
  };
  const onReset = (): void => {
    history.push('reset');
    if (path !== undefined) hid.detach(path);
    path = undefined;
    flashloader = undefined;
    resetBoard(board);
    bootVerdict = runBootRom(board);
    if (bootVerdict.verdict === 'serial-downloader') attachRom();
    else mode = 'booted';
  };

  attachRom();
  return {
    get mode() { return mode; },
    get path() { return path; },
    get flashloader() { return flashloader; },
    get bootVerdict() { return bootVerdict; },
    history,
    detach: () => {
      if (path !== undefined) hid.detach(path);
      path = undefined;
      mode = 'silent';
    },
    powerCycle: () => {
      if (path !== undefined) hid.detach(path);
      path = undefined;
      powerOn(board);
      bootVerdict = runBootRom(board);
      if (bootVerdict.verdict === 'serial-downloader') attachRom();
      else mode = 'booted';
    },
  };
}

/**
 * The board's serial-downloader UART as a byte-stream device (ROM SDP, then the flashloader's
 * blhost after a jump to the sim flashloader). Wire it to a {@link VirtualSerialBinding} with
 * {@link attachSimSerialDownloaderUart}, or to a pseudo-terminal for tests of the real serialport.
 */
export function createSimSerialDownloaderUart(board: SimBoard, options: SimSerialDownloaderOptions = {}): VirtualUartDevice & SimSerialDownloader {
  const history: ('jump' | 'reset')[] = [];
  let mode: SimSerialMode = 'rom';
  let rom: SdpRomUart | undefined;
  let loader: FlashloaderUart | undefined;
  let bootVerdict: BootVerdict | undefined;
  /** After a reset: the boot ROM model decides whether the serial downloader comes back. */
  const boot = (): void => {
    bootVerdict = runBootRom(board);
    if (bootVerdict.verdict === 'serial-downloader') {
      mode = 'rom';
      rom = new SdpRomUart(board, onJump);
    } else mode = 'booted';
  };
  const onJump = (target: JumpTarget): void => {
    if (!hasSimFlashloaderMarker(board.bus, target.entry)) throw cannotExecute(target.entry);
    history.push('jump');
    rom = undefined;
    board.clock.advance(options.startMs ?? 200);
    if (options.flashloaderStarts === false) {
      mode = 'silent';
      return;
    }
    mode = 'flashloader';
    loader = new FlashloaderUart(board, onReset, options.cumulativeWriteCheck ?? true);
  };
  const onReset = (): void => {
    history.push('reset');
    loader = undefined;
    resetBoard(board);
    boot();
  };
  rom = new SdpRomUart(board, onJump);
  return {
    get mode() { return mode; },
    path: undefined,
    get flashloader() { return loader?.model; },
    get bootVerdict() { return bootVerdict; },
    history,
    detach: () => {
      rom = undefined;
      loader = undefined;
      mode = 'silent';
    },
    powerCycle: () => {
      loader = undefined;
      powerOn(board);
      boot();
    },
    onBytes(bytes, transmit) {
      if (rom !== undefined) rom.onBytes(bytes, transmit);
      else if (loader !== undefined) loader.onBytes(bytes, transmit);
    },
  };
}

/** {@link createSimSerialDownloaderUart} wired to a virtual serial port; `path` is the port. */
export function attachSimSerialDownloaderUart(board: SimBoard, serial: VirtualSerialBinding, options: SimSerialDownloaderOptions = {}): SimSerialDownloader {
  const device = createSimSerialDownloaderUart(board, options);
  const path = serial.attach(device);
  return {
    get mode() { return device.mode; },
    path,
    get flashloader() { return device.flashloader; },
    get bootVerdict() { return device.bootVerdict; },
    history: device.history,
    detach: () => {
      device.detach();
      serial.detach(path);
    },
    powerCycle: () => {
      // The USB-serial adapter stays (it is powered by the host); the board behind it restarts.
      device.powerCycle();
    },
  };
}

/** Power off and on: a reset, plus the flash's volatile state (WEL, a running operation) lost. */
function powerOn(board: SimBoard): void {
  resetBoard(board);
  board.flash.powerCycle();
}

/** A warm reset as far as the flash tools see it: FlexSPI, CCM and IOMUXC back to reset values (the flash keeps power). */
function resetBoard(board: SimBoard): void {
  for (const controller of board.peripherals.flexspiInstances) controller.reset();
  board.peripherals.ccm?.reset();
  board.peripherals.iomuxc?.reset();
}
