import type { Capabilities } from './capabilities.js';
import type { FlashDevice } from './flash-device.js';
import type { ProbeInfo } from './probe-info.js';
import type { TargetSpec } from './target-spec.js';

/** `system`: the chip resets and runs what is in flash; `boot`: reset into the boot ROM's serial downloader where the driver can. */
export type ResetKind = 'system' | 'boot';

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
}
