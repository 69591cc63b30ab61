import type { DriverId } from './driver-id.js';

/**
 * One probe a driver saw (STYLE R5). Drivers list every probe they see, including ones this
 * process may not open, and say why in `access`, so `imxflash probes` explains instead of hiding.
 */
export interface ProbeInfo {
  readonly driver: DriverId;
  /** Unique within the driver's list and stable while the probe stays connected (serial, else path). */
  readonly id: string;
  readonly serial?: string;
  readonly vid?: number;
  readonly pid?: number;
  /** OS path (serial port, HID path) when the probe is reached through one. */
  readonly path?: string;
  /** How the driver talks to it; `sdp:usb` and `sdp:/dev/ttyUSB0` select on this. */
  readonly link?: 'usb' | 'serial';
  /** Human text: `MCU-Link CMSIS-DAP V3.128`, `J-Link V11 (V7.94e)`. */
  readonly description: string;
  readonly access: ProbeAccess;
  /** When access is not 'ok': what to do about it (udev rule, close the other program). */
  readonly accessHint?: string;
}

export type ProbeAccess = 'ok' | 'permission-denied' | 'in-use';
