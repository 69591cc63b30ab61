/**
 * USB HID access, as core needs it (STYLE R2). The real implementation wraps node-hid in one
 * file of a driver package and loads it lazily (R3); the virtual board implements the same
 * contract. Reports travel whole: HID is report-oriented, so there is no partial read or write.
 */

export interface HidDeviceInfo {
  /** Opaque, platform-specific handle to pass to {@link HidBinding.open} (`/dev/hidraw3`, `\\?\hid#…`). */
  readonly path: string;
  readonly vid: number;
  readonly pid: number;
  readonly serial?: string;
  readonly manufacturer?: string;
  readonly product?: string;
  /** USB interface number, when the platform reports it (composite probes expose several). */
  readonly interfaceNumber?: number;
  /** HID usage page of the top-level collection, when known (0xFF00 = vendor defined). */
  readonly usagePage?: number;
}

export interface HidFilter {
  readonly vid?: number;
  readonly pid?: number;
}

export interface HidBinding {
  /**
   * Every HID device the OS shows that passes `filter`, including ones this process may not
   * open (opening then fails with PROBE_PERMISSION_DENIED or PROBE_BUSY). Never opens a device.
   * Rejects NATIVE_MODULE_MISSING when the platform library cannot be loaded.
   */
  list(filter?: HidFilter): Promise<HidDeviceInfo[]>;
  /**
   * Opens the device at `path` for exclusive use by the returned link. Rejects PROBE_NOT_FOUND
   * when it is gone, PROBE_PERMISSION_DENIED (udev rules, with a hint) or PROBE_BUSY.
   */
  open(path: string): Promise<HidLink>;
}

export interface HidLink extends AsyncDisposable {
  /**
   * Sends one output report. `report[0]` is the report id (0 when the device uses none); the
   * rest is the payload, padded by the caller to the report size the device declared.
   * Resolves once the OS accepted the whole report; rejects TRANSPORT_DISCONNECTED.
   */
  write(report: Uint8Array): Promise<void>;
  /**
   * Resolves with the next input report (≥ 1 byte; report id first when the device numbers its
   * reports), or rejects TRANSPORT_TIMEOUT after `timeoutMs` of Clock time, or
   * TRANSPORT_DISCONNECTED. Reports are never merged or split.
   */
  read(timeoutMs: number): Promise<Uint8Array>;
  /** Releases the device. Idempotent; pending reads reject TRANSPORT_DISCONNECTED. */
  close(): Promise<void>;
}
