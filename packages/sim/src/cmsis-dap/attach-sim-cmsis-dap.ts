import type { VirtualHidBinding, VirtualHidDevice } from '../bindings/virtual-hid-binding.js';
import type { VirtualUsbBinding, VirtualUsbDevice } from '../bindings/virtual-usb-binding.js';
import type { SimBoard } from '../board/create-sim-board.js';
import { bulkTiming, hidTiming } from '../time/link-timing.js';
import { CortexM7Debug } from './cortex-m7-debug.js';
import { DapProcessor, type DapProcessorStats } from './dap-processor.js';
import { DapTargetFaults } from './dap-target-faults.js';
import { SwdTarget } from './swd-target.js';

export interface SimCmsisDapOptions {
  /** v1: HID, full speed, 64-byte reports. v2: high-speed bulk, 512-byte packets. */
  version: 'v1' | 'v2';
  /** USB serial number (default `SIMDAP0001`). */
  serial?: string;
  /** DAP_PACKET_COUNT (default 4 for v1, 8 for v2: the ARM reference firmware's value). */
  packetCount?: number;
}

/** The NXP MCU-Link VID:PID (research/cmsisdap.md §1.6 known ids). */
export const SIM_CMSIS_DAP_USB_ID = { vid: 0x1fc9, pid: 0x0143 } as const;
/** Bulk endpoints of the v2 interface: OUT 1 (commands), IN 2 (responses). */
export const SIM_CMSIS_DAP_ENDPOINTS = { out: 1, in: 2 } as const;

/** The attached virtual probe: its path or id on the binding, fault knobs and counters. */
export interface SimCmsisDap {
  readonly version: 'v1' | 'v2';
  /** `sim-hid:N` (v1) or `sim-usb:N` (v2). */
  readonly handle: string;
  readonly packetSize: number;
  readonly packetCount: number;
  /** WAIT storms and forced FAULTs on AP accesses. */
  readonly faults: DapTargetFaults;
  readonly core: CortexM7Debug;
  readonly stats: DapProcessorStats;
  /** Current SWJ clock (DAP_SWJ_Clock). */
  readonly swjClockHz: number;
  /** Unplugs the probe. */
  detach(): void;
}

/**
 * Plugs a virtual CMSIS-DAP probe wired to `board` into the given binding: v1 as a HID device
 * (full-speed, 64-byte reports, usage page 0xFF00 like NXP's probes) on `bindings.hid`, v2 as a
 * bulk device (interface "CMSIS-DAP v2", class 0xFF, bulk OUT then bulk IN) on `bindings.usb`.
 * Behind it: an SWJ-DP, MEM-AP 0 onto `board.bus` and the Cortex-M7 debug registers; a system
 * reset (AIRCR.SYSRESETREQ or nRESET) resets the board's CCM, IOMUXC and FlexSPI.
 */
export function attachSimCmsisDap(
  board: SimBoard,
  bindings: { hid?: VirtualHidBinding; usb?: VirtualUsbBinding },
  options: SimCmsisDapOptions,
): SimCmsisDap {
  const serial = options.serial ?? 'SIMDAP0001';
  const v1 = options.version === 'v1';
  const packetSize = v1 ? 64 : 512;
  const packetCount = options.packetCount ?? (v1 ? 4 : 8);
  const resetPeripherals = () => {
    board.peripherals.ccm?.reset();
    board.peripherals.iomuxc?.reset();
    for (const controller of board.peripherals.flexspiInstances) controller.reset();
  };
  const romBase = board.chip.memory.find((r) => r.kind === 'rom')?.start ?? 0;
  const core = new CortexM7Debug(board.bus, { onSystemReset: resetPeripherals, resetVectorTable: romBase });
  const faults = new DapTargetFaults();
  const target = new SwdTarget(board.bus, core, faults);
  const product = v1 ? 'MCU-Link CMSIS-DAP (sim)' : 'MCU-Link CMSIS-DAP v2 (sim)';
  const processor = new DapProcessor(target, board.clock, {
    packetSize,
    packetCount,
    vendor: 'NXP (sim)',
    product,
    serial,
    protocolVersion: v1 ? '1.3.0' : '2.1.0',
    firmwareVersion: 'sim-1.0',
    onResetPin: (asserted) => {
      if (!asserted) core.systemReset(true);
    },
  });

  let detach: () => void;
  let handle: string;
  if (v1) {
    const hid = bindings.hid;
    if (hid === undefined) throw new RangeError('attachSimCmsisDap: version v1 needs bindings.hid');
    const device: VirtualHidDevice = {
      info: { ...SIM_CMSIS_DAP_USB_ID, serial, manufacturer: 'NXP (sim)', product, interfaceNumber: 0, usagePage: 0xff00 },
      timing: hidTiming('full'),
      // The probe buffers DAP_PACKET_COUNT commands and runs them back to back on its own timeline.
      queueDepth: packetCount,
      onOutputReport: (report, reply) => {
        // Byte 0 is the report id (CMSIS-DAP uses none: 0); the command follows, padded to the report size.
        const response = processor.process(report.subarray(1));
        if (response === undefined) return;
        const full = new Uint8Array(packetSize); // HID answers are always full reports
        full.set(response.subarray(0, packetSize));
        reply(full);
      },
    };
    handle = hid.attach(device);
    detach = () => hid.detach(handle);
  } else {
    const usb = bindings.usb;
    if (usb === undefined) throw new RangeError('attachSimCmsisDap: version v2 needs bindings.usb');
    const device: VirtualUsbDevice = {
      info: {
        ...SIM_CMSIS_DAP_USB_ID,
        serial,
        manufacturer: 'NXP (sim)',
        product,
        accessible: true,
        interfaces: [
          { interfaceNumber: 0, interfaceClass: 0x02, interfaceSubclass: 0x02, interfaceProtocol: 0x01, name: 'MCU-Link VCom Port', endpoints: [{ endpointNumber: 3, direction: 'in', type: 'interrupt', packetSize: 16 }] },
          {
            interfaceNumber: 1, interfaceClass: 0xff, interfaceSubclass: 0, interfaceProtocol: 0, name: 'MCU-Link CMSIS-DAP V3.128',
            endpoints: [
              { endpointNumber: SIM_CMSIS_DAP_ENDPOINTS.out, direction: 'out', type: 'bulk', packetSize: 512 },
              { endpointNumber: SIM_CMSIS_DAP_ENDPOINTS.in, direction: 'in', type: 'bulk', packetSize: 512 },
            ],
          },
        ],
      },
      timing: bulkTiming(),
      queueDepth: packetCount,
      onTransferOut: (endpoint, data, reply) => {
        if (endpoint !== SIM_CMSIS_DAP_ENDPOINTS.out || data.length === 0) return; // a ZLP ends a transfer, carries no command
        const response = processor.process(data);
        if (response !== undefined) reply(SIM_CMSIS_DAP_ENDPOINTS.in, response);
      },
    };
    handle = usb.attach(device);
    detach = () => usb.detach(handle);
  }

  return {
    version: options.version,
    handle,
    packetSize,
    packetCount,
    faults,
    core,
    stats: processor.stats,
    get swjClockHz() {
      return processor.swjClockHz;
    },
    detach,
  };
}
