import type { InjectionToken } from 'tsyringe';
import type { JlinkHost } from '../discovery/jlink-host.js';
import type { JlinkVersionPolicy } from '../version/version-policy.js';

/** How the J-Link driver picks and drives JLinkExe (config file `jlink` section, `--jlink-*` options). */
export interface JlinkDriverOptions {
  /** An install folder or a JLinkExe path to use (searched first, preferred like a version pin). */
  readonly installPath?: string;
  /** More folders holding JLink_Vxxx installs side by side (besides the OS's SEGGER folder). */
  readonly searchFolders?: readonly string[];
  /** A version to use, e.g. `7.94e` or `V6.62a` (must be installed). */
  readonly version?: string;
  /** What to do when the chosen version has a known issue for the target (default 'auto'). */
  readonly policy?: JlinkVersionPolicy;
  /** SWD speed in kHz (default 4000, PlatformIO's choice; research/jlink.md §1.1). */
  readonly speedKhz?: number;
  /** J-Link device name instead of the one derived from the chip (e.g. `MIMXRT1052xxxxA`). */
  readonly device?: string;
  /** Base timeout per JLinkExe run in ms (default 60 000); large transfers add time. */
  readonly timeoutMs?: number;
}

export const JLINK_OPTIONS: InjectionToken<JlinkDriverOptions> = Symbol('JlinkDriverOptions');
/** The host view discovery uses; registerJlinkDriver registers nodeJlinkHost() unless one is there. */
export const JLINK_HOST: InjectionToken<JlinkHost> = Symbol('JlinkHost');
