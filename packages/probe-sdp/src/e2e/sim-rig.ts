import 'reflect-metadata';
import { CLOCK, HID_BINDING, PROBE_DRIVER, SERIAL_BINDING, type ProbeSelector } from '@imxflash/core';
import {
  attachSimSerialDownloader, attachSimSerialDownloaderUart, buildSimFlashloaderImage, createSimBoard, VirtualHidBinding, VirtualSerialBinding,
  type SimBoardOptions, type SimSerialDownloaderOptions,
} from '@imxflash/sim';
import { container as root } from 'tsyringe';
import { registerSdpDriver } from '../register.js';
import type { SdpOptions } from '../sdp-options.js';
import type { SdpSession } from '../sdp-session.js';

export type SimLink = 'hid' | 'uart';

/**
 * A board in serial-downloader mode with the sim's ROM on a virtual HID or UART, and the sdp
 * driver composed as the CLI does (bindings first, then registerSdpDriver) with the sim's
 * stand-in flashloader.
 */
export function sdpSimRig(link: SimLink, options: { sdp?: SdpOptions; sim?: SimSerialDownloaderOptions; board?: SimBoardOptions } = {}) {
  const board = createSimBoard({ boot: 'serial-downloader', ...options.board });
  const hid = new VirtualHidBinding(board.clock, board.faults.link);
  const serial = new VirtualSerialBinding(board.clock, board.faults.link);
  const sd = link === 'hid' ? attachSimSerialDownloader(board, hid, options.sim) : attachSimSerialDownloaderUart(board, serial, options.sim);
  const container = root.createChildContainer();
  container.register(CLOCK, { useValue: board.clock });
  container.register(HID_BINDING, { useValue: hid });
  container.register(SERIAL_BINDING, { useValue: serial });
  registerSdpDriver(container, {
    flashloader: buildSimFlashloaderImage(),
    ...(link === 'uart' ? { port: sd.path! } : {}),
    ...options.sdp,
  });
  const driver = container.resolveAll(PROBE_DRIVER)[0]!;
  const selector: ProbeSelector = { text: `sdp:${link}`, driver: 'sdp', link: link === 'hid' ? 'usb' : 'serial' };
  const open = async () => (await driver.open(selector, { clock: board.clock })) as SdpSession;
  return { board, hid, serial, sd, driver, container, open };
}
