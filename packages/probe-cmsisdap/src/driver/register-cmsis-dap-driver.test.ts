import 'reflect-metadata';
import { CLOCK, HID_BINDING, PROBE_DRIVER, USB_BINDING } from '@imxflash/core';
import { attachSimCmsisDap, createSimBoard, VirtualHidBinding, VirtualUsbBinding } from '@imxflash/sim';
import { container as root } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { CMSIS_DAP_OPTIONS } from './cmsis-dap-options.js';
import { CmsisDapDriver } from './cmsis-dap-driver.js';
import { registerCmsisDapDriver } from './register-cmsis-dap-driver.js';

describe('registerCmsisDapDriver', () => {
  it('registers the driver under PROBE_DRIVER; it lists the sim probes through the injected bindings', async () => {
    const board = createSimBoard();
    const hid = new VirtualHidBinding(board.clock, board.faults.link);
    const usb = new VirtualUsbBinding(board.clock, board.faults.link);
    attachSimCmsisDap(board, { usb }, { version: 'v2', serial: 'V2PROBE' });
    attachSimCmsisDap(board, { hid }, { version: 'v1', serial: 'V1PROBE' });
    const container = root.createChildContainer();
    container.register(CLOCK, { useValue: board.clock });
    container.register(USB_BINDING, { useValue: usb });
    container.register(HID_BINDING, { useValue: hid });
    registerCmsisDapDriver(container, { swdClockHz: 2_000_000 });
    const drivers = container.resolveAll(PROBE_DRIVER);
    expect(drivers).toHaveLength(1);
    expect(drivers[0]).toBeInstanceOf(CmsisDapDriver);
    expect(drivers[0]!.name).toBe('cmsis-dap');
    expect(container.resolve(CMSIS_DAP_OPTIONS)).toEqual({ swdClockHz: 2_000_000 });
    const probes = await drivers[0]!.list();
    expect(probes.map((p) => [p.id, p.description])).toEqual([
      ['V2PROBE', 'MCU-Link CMSIS-DAP V3.128 (v2 bulk)'],
      ['V1PROBE', 'MCU-Link CMSIS-DAP (sim) (v1 HID)'],
    ]);
  });

  it('works without the optional bindings and options (no probes)', async () => {
    const container = root.createChildContainer();
    container.register(CLOCK, { useValue: createSimBoard().clock });
    registerCmsisDapDriver(container);
    expect(await container.resolveAll(PROBE_DRIVER)[0]!.list()).toEqual([]);
  });

  it('uses the SWJ clock from the options', async () => {
    const board = createSimBoard();
    const usb = new VirtualUsbBinding(board.clock, board.faults.link);
    const probe = attachSimCmsisDap(board, { usb }, { version: 'v2' });
    const driver = new CmsisDapDriver(board.clock, usb, undefined, { swdClockHz: 2_500_000 });
    await driver.open({ text: 'auto' }, { clock: board.clock });
    expect(probe.swjClockHz).toBe(2_500_000);
  });
});
