import { ImxflashError, type HidBinding, type HidDeviceInfo, type ProbeInfo, type UsbBinding, type UsbDeviceInfo, type UsbInterfaceInfo } from '@imxflash/core';
import { BulkDapTransport } from './bulk-dap-transport.js';
import type { DapTransport } from './dap-transport.js';
import { HidDapTransport } from './hid-dap-transport.js';
import { CMSIS_DAP_USAGE_PAGE, FILTER_BY_USAGE_PAGE, knownProbe, namesCmsisDap } from './known-probes.js';

/** A probe found on the bus, with how to open it. */
export interface ProbeCandidate {
  readonly info: ProbeInfo;
  readonly version: 'v1' | 'v2';
  open(): Promise<DapTransport>;
}

const UDEV_HINT =
  'Allow access to the probe: install a udev rule for its VID:PID (SUBSYSTEM=="usb" for v2, KERNEL=="hidraw*" for v1), add yourself to the group it names, and replug.';

/**
 * CMSIS-DAP v2 interface test (research/cmsisdap.md §1.6, pyOCD `_match_cmsis_dap_v2_interface`):
 * the interface string contains "CMSIS-DAP", class 0xFF subclass 0, and its endpoints start
 * with bulk OUT then bulk IN (an optional third bulk IN carries SWO).
 */
export function findV2Interface(device: UsbDeviceInfo): UsbInterfaceInfo | undefined {
  // An unreadable interface string (no permission for string descriptors) passes for a known VID:PID.
  const known = knownProbe(device.vid, device.pid) !== undefined;
  return device.interfaces.find((i) => {
    if (!(namesCmsisDap(i.name) || (i.name === undefined && known)) || i.interfaceClass !== 0xff || i.interfaceSubclass !== 0) return false;
    const [out, inn] = i.endpoints;
    return out?.direction === 'out' && out.type === 'bulk' && inn?.direction === 'in' && inn.type === 'bulk';
  });
}

/** v1 test: product names CMSIS-DAP or the VID:PID is known; NXP probes keep only usage page 0xFF00. */
export function isV1Candidate(device: HidDeviceInfo): boolean {
  if (!namesCmsisDap(device.product) && !namesCmsisDap(device.path) && knownProbe(device.vid, device.pid) === undefined) return false;
  const filtered = FILTER_BY_USAGE_PAGE.some((p) => p.vid === device.vid && p.pid === device.pid);
  return !filtered || device.usagePage === undefined || device.usagePage === CMSIS_DAP_USAGE_PAGE;
}

/**
 * Every CMSIS-DAP probe the bindings show. A probe offering both versions is listed once, as v2
 * unless `preferV1`. A binding whose native module is missing counts as "no probes" (not an
 * error: `imxflash probes` must work without libusb).
 */
export async function discoverProbes(bindings: { usb?: UsbBinding | undefined; hid?: HidBinding | undefined }, options: { preferV1?: boolean } = {}): Promise<ProbeCandidate[]> {
  const [usbDevices, hidDevices] = await Promise.all([listOrEmpty(() => bindings.usb?.list()), listOrEmpty(() => bindings.hid?.list())]);
  const v2: ProbeCandidate[] = [];
  for (const device of usbDevices) {
    const iface = findV2Interface(device);
    const known = knownProbe(device.vid, device.pid);
    if (iface === undefined && !(device.accessible === false && (known !== undefined || namesCmsisDap(device.product)))) continue;
    const usb = bindings.usb!;
    const serial = device.serial;
    v2.push({
      version: 'v2',
      info: {
        driver: 'cmsis-dap',
        id: serial ?? device.id,
        ...(serial !== undefined ? { serial } : {}),
        vid: device.vid,
        pid: device.pid,
        link: 'usb',
        description: `${iface?.name ?? device.product ?? known?.name ?? 'CMSIS-DAP'} (v2 bulk)`,
        access: device.accessible ? 'ok' : 'permission-denied',
        ...(device.accessible ? {} : { accessHint: UDEV_HINT }),
      },
      open: async () => {
        const link = await usb.open(device.id);
        try {
          const found = findV2Interface(link.info) ?? iface;
          if (found === undefined) throw new ImxflashError('PROBE_NOT_FOUND', `${device.id} has no CMSIS-DAP v2 interface`, { hint: 'Replug the probe and list probes again.' });
          await link.claimInterface(found.interfaceNumber);
          const [out, inn] = found.endpoints;
          return new BulkDapTransport(link, out!.endpointNumber, inn!.endpointNumber, out!.packetSize, inn!.packetSize);
        } catch (e) {
          await link.close();
          throw e;
        }
      },
    });
  }
  const v1: ProbeCandidate[] = [];
  for (const device of hidDevices) {
    if (!isV1Candidate(device)) continue;
    const hid = bindings.hid!;
    v1.push({
      version: 'v1',
      info: {
        driver: 'cmsis-dap',
        id: device.serial ?? device.path,
        ...(device.serial !== undefined ? { serial: device.serial } : {}),
        vid: device.vid,
        pid: device.pid,
        path: device.path,
        link: 'usb',
        description: `${device.product ?? knownProbe(device.vid, device.pid)?.name ?? 'CMSIS-DAP'} (v1 HID)`,
        access: 'ok',
      },
      // Full-speed HID report size; DAP_Info 0xFF confirms or corrects it after open.
      open: async () => new HidDapTransport(await hid.open(device.path), 64),
    });
  }
  const first = options.preferV1 === true ? v1 : v2;
  const second = options.preferV1 === true ? v2 : v1;
  const key = (c: ProbeCandidate) => `${c.info.vid}:${c.info.pid}:${c.info.serial ?? c.info.id}`;
  const seen = new Set(first.map(key));
  return [...first, ...second.filter((c) => !seen.has(key(c)))];
}

async function listOrEmpty<T>(list: () => Promise<T[]> | undefined): Promise<T[]> {
  try {
    return (await list()) ?? [];
  } catch (e) {
    if (e instanceof ImxflashError && e.code === 'NATIVE_MODULE_MISSING') return [];
    throw e;
  }
}
