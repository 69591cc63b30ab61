import { jv, versionInRange, type JlinkVersion } from '../version/jlink-version.js';

/** What a Commander version accepts, as the command files use it (research/jlink.md §0, §1). */
export interface ScriptFeatures {
  /** `-NoGui 1` exists (V6.80+, §0.4). */
  readonly noGui: boolean;
  /** `-device <name>?BankAddr=…&Loader=…` selects the flash loader (V7.70d+, §4.3). */
  readonly loaderSuffix: boolean;
  /** `erase <SAddr>, <EAddr>` is safe (a bad parameter meant chip erase before V7.54b; no range in 6.80d, §1.2). */
  readonly eraseRange: boolean;
  /** loadbin/erase reset the target implicitly unless given `noreset` (V7.70+, §1.2). */
  readonly implicitReset: boolean;
}

export function scriptFeatures(version: JlinkVersion): ScriptFeatures {
  const since = (v: string) => versionInRange(version, jv(v), undefined);
  return { noGui: since('6.80'), loaderSuffix: since('7.70d'), eraseRange: since('7.54b'), implicitReset: since('7.70') };
}
