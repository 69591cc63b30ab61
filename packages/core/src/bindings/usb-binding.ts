/**
 * Raw USB access for bulk endpoints (CMSIS-DAP v2), shaped like a subset of WebUSB so a real
 * implementation can wrap the `usb` package's WebUSB layer or libusb directly (STYLE R2, R3).
 */

export interface UsbEndpointInfo {
  /** Endpoint number without the direction bit (1–15). */
  readonly endpointNumber: number;
  readonly direction: 'in' | 'out';
  readonly type: 'bulk' | 'interrupt' | 'isochronous';
  readonly packetSize: number;
}

export interface UsbInterfaceInfo {
  readonly interfaceNumber: number;
  readonly interfaceClass: number;
  readonly interfaceSubclass: number;
  readonly interfaceProtocol: number;
  /** The interface string descriptor (CMSIS-DAP v2 interfaces contain "CMSIS-DAP"), if readable. */
  readonly name?: string;
  readonly endpoints: readonly UsbEndpointInfo[];
}

export interface UsbDeviceInfo {
  /** Stable for as long as the device stays plugged in (bus and port path); pass it to {@link UsbBinding.open}. */
  readonly id: string;
  readonly vid: number;
  readonly pid: number;
  readonly serial?: string;
  readonly manufacturer?: string;
  readonly product?: string;
  /** Interfaces of the active configuration. Empty when descriptors could not be read. */
  readonly interfaces: readonly UsbInterfaceInfo[];
  /** False when the OS denies access (string descriptors are then usually missing). */
  readonly accessible: boolean;
}

export interface UsbBinding {
  /**
   * Every USB device the OS shows, with the descriptors it could read. Never claims an
   * interface. Rejects NATIVE_MODULE_MISSING when libusb cannot be loaded.
   */
  list(): Promise<UsbDeviceInfo[]>;
  /** Opens the device with `id` from {@link list}; rejects PROBE_NOT_FOUND, PROBE_PERMISSION_DENIED or PROBE_BUSY. */
  open(id: string): Promise<UsbLink>;
}

export interface UsbLink extends AsyncDisposable {
  readonly info: UsbDeviceInfo;
  /** Claims the interface for this process (detaching a kernel driver where needed); rejects PROBE_BUSY when another process holds it. */
  claimInterface(interfaceNumber: number): Promise<void>;
  /**
   * Writes `data` to OUT endpoint `endpointNumber` (a zero-length packet ends a transfer that is
   * a multiple of the packet size, where the protocol needs one: the caller decides).
   * Resolves when every byte was accepted; rejects TRANSPORT_DISCONNECTED or TRANSPORT_TIMEOUT.
   */
  transferOut(endpointNumber: number, data: Uint8Array, timeoutMs: number): Promise<void>;
  /**
   * Reads one transfer of up to `length` bytes from IN endpoint `endpointNumber`: resolves with
   * what the device sent (possibly 0 bytes for a zero-length packet), or rejects
   * TRANSPORT_TIMEOUT after `timeoutMs` of Clock time, or TRANSPORT_DISCONNECTED.
   */
  transferIn(endpointNumber: number, length: number, timeoutMs: number): Promise<Uint8Array>;
  /** Releases claimed interfaces and closes the device. Idempotent. */
  close(): Promise<void>;
}
