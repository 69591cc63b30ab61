import 'reflect-metadata';
import { parseProbeSelector } from '@imxflash/core';
import { attachSimCmsisDap, createSimBoard, VirtualHidBinding, VirtualUsbBinding, type SimBoardOptions } from '@imxflash/sim';
import { CmsisDapDriver } from '../driver/cmsis-dap-driver.js';
import type { CmsisDapOptions } from '../driver/cmsis-dap-options.js';
import type { CmsisDapSession } from '../driver/cmsis-dap-session.js';

/** A sim board with a virtual CMSIS-DAP probe of `version` plugged in, and the driver over the virtual bindings. */
export function simRig(version: 'v1' | 'v2', options: CmsisDapOptions = {}, boardOptions: SimBoardOptions = {}) {
  const board = createSimBoard(boardOptions);
  const hid = new VirtualHidBinding(board.clock, board.faults.link);
  const usb = new VirtualUsbBinding(board.clock, board.faults.link);
  const probe = attachSimCmsisDap(board, { hid, usb }, { version });
  const driver = new CmsisDapDriver(board.clock, usb, hid, options);
  const open = async () => (await driver.open(parseProbeSelector('cmsis-dap'), { clock: board.clock })) as CmsisDapSession;
  return { board, hid, usb, probe, driver, open };
}
