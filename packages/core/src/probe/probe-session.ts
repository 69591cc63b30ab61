import type { Capabilities } from './capabilities.js';
import type { FlashDevice } from './flash-device.js';
import type { ProbeInfo } from './probe-info.js';
import type { TargetSpec } from './target-spec.js';

/** `system`: the chip resets and runs what is in flash; `boot`: reset into the boot ROM's serial downloader where the driver can. */
export type ResetKind = 'system' | 'boot';

/** What a started RAM image reports, where the session can tell (a debugger reads the core; the ROM's JUMP says nothing). */
export interface RamImageStarted {
  /** The IVT entry the image was started through. */
  readonly entry?: number;
  readonly sp?: number;
  readonly pc?: number;
  /** The vector table the core uses now (VTOR), when known. */
  readonly vectorTable?: number | undefined;
}

/** An open connection to one probe (and the target behind it). Dispose it to release the probe. */
export interface ProbeSession extends AsyncDisposable {
  readonly info: ProbeInfo;
  readonly capabilities: Capabilities;
  /**
   * Brings up the boot FlexSPI and its flash (clocks and pads, a flashloader, a J-Link device
   * profile: whatever the driver needs) and resolves with the flash. Rejects FLASH_PART_UNKNOWN
   * when `target.part` is absent and the part cannot be identified.
   */
  attachFlash(target: TargetSpec): Promise<FlashDevice>;
  /** Resets the target; rejects CAPABILITY_UNAVAILABLE when the session lacks 'reset'. */
  reset(kind: ResetKind): Promise<void>;
  /**
   * Present exactly when the session declares 'run-ram-image': loads `image` (a RAM boot image,
   * header + app as the ROM would copy it) at `loadAddress` and starts it through its IVT at
   * `ivtAddress` (default `loadAddress`), without writing flash. Whether `loadAddress` may be
   * left out is the driver's (the SDP ROM finds the IVT in the image; SWD needs it:
   * CONFIG_BAD_ADDRESS). Resolves with what the session can tell of the start (a debugger reads
   * SP/PC), or nothing.
   */
  runRamImage?(image: Uint8Array, loadAddress?: number, ivtAddress?: number): Promise<RamImageStarted | void>;
}
