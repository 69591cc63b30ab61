/**
 * Serial ports (UART, USB CDC), as core needs them (STYLE R2). The real implementation wraps
 * serialport in one file and loads it lazily (R3); the virtual board implements the same contract.
 */

export interface SerialPortInfo {
  /** What {@link SerialBinding.open} takes: `/dev/ttyUSB0`, `COM3`. */
  readonly path: string;
  /** USB IDs when the port is a USB adapter or CDC device. */
  readonly vid?: number;
  readonly pid?: number;
  readonly serial?: string;
  readonly manufacturer?: string;
}

export interface SerialBinding {
  /** Every serial port the OS shows. Never opens one. Rejects NATIVE_MODULE_MISSING. */
  list(): Promise<SerialPortInfo[]>;
  /**
   * Opens `path` at `baudRate`, 8N1, no flow control, with input discarded up to the open.
   * Rejects PROBE_NOT_FOUND, PROBE_PERMISSION_DENIED (dialout group, with a hint) or PROBE_BUSY.
   */
  open(path: string, baudRate: number): Promise<SerialLink>;
}

export interface SerialLink extends AsyncDisposable {
  /** Resolves when every byte was handed to the OS; rejects TRANSPORT_DISCONNECTED. */
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Resolves with 1 to `maxBytes` bytes as soon as any have arrived (buffered bytes first), or
   * rejects TRANSPORT_TIMEOUT when none arrived within `timeoutMs` of Clock time, or
   * TRANSPORT_DISCONNECTED.
   */
  read(maxBytes: number, timeoutMs: number): Promise<Uint8Array>;
  /** Changes the line speed; bytes already written are sent at the old speed first. */
  setBaudRate(baudRate: number): Promise<void>;
  /** Closes the port. Idempotent; pending reads reject TRANSPORT_DISCONNECTED. */
  close(): Promise<void>;
}
