import { ImxflashError } from '@imxflash/core';
import { pathFor } from '../discovery/install-locations.js';
import type { JlinkHost } from '../discovery/jlink-host.js';
import type { JlinkInstallation } from '../discovery/jlink-installation.js';
import { formatJlinkVersion } from '../version/jlink-version.js';
import type { JlinkChipFamily } from '../known-issues/known-issue.js';
import { deviceWithLoader, jlinkLoaderName } from './device-name.js';
import type { DevicesXmlOverride } from './devices-xml.js';
import { scriptFeatures } from './script-features.js';

/** How the flash loader is chosen for one run. */
export type LoaderSelection =
  /** V7.70d+: the loader named in the device argument. */
  | { readonly mode: 'suffix'; readonly deviceArg: string }
  /** Before V7.70d on RT105x QSPI: a JLinkDevices.xml next to a settings file in the scratch folder. */
  | { readonly mode: 'xml'; readonly deviceArg: string; readonly xml: DevicesXmlOverride }
  /** The built-in default is already right (RT106x/RT102x/RT101x QSPI, RT105x HyperFlash). */
  | { readonly mode: 'stock'; readonly deviceArg: string };

export interface LoaderTarget {
  readonly device: string;
  readonly family: JlinkChipFamily | undefined;
  readonly flash: 'spi-nor' | 'hyperflash';
  readonly bankAddress: number;
  readonly bankBytes: number;
  readonly workRamAddress: number;
  readonly workRamBytes: number;
}

/**
 * Picks the loader mechanism for `installation` (research/jlink.md §0.1, §4.3): the
 * `?BankAddr=…&Loader=…` suffix from V7.70d; before that, the stock RT105x device uses the
 * HyperFlash loader, so for QSPI an override XML points at the install's
 * `Devices/NXP/iMXRT105x/NXP_iMXRT105x_QSPI.elf` (JLINK_LOADER_MISSING when the install has none:
 * 7.x copies were seen without it, §3.3). The user's own JLinkDevices.xml is never touched.
 */
export async function selectLoader(host: Pick<JlinkHost, 'isFile' | 'platform'>, installation: JlinkInstallation, t: LoaderTarget): Promise<LoaderSelection> {
  if (scriptFeatures(installation.version).loaderSuffix) {
    return { mode: 'suffix', deviceArg: deviceWithLoader(t.device, t.bankAddress, jlinkLoaderName(t.flash)) };
  }
  if (t.family !== 'rt105x' || t.flash !== 'spi-nor') return { mode: 'stock', deviceArg: t.device };
  const p = pathFor(host.platform);
  const loaderPath = p.join(installation.dir, 'Devices', 'NXP', 'iMXRT105x', 'NXP_iMXRT105x_QSPI.elf');
  if (!(await host.isFile(loaderPath))) {
    throw new ImxflashError('JLINK_LOADER_MISSING', `J-Link ${formatJlinkVersion(installation.version)} has no RT105x QSPI flash loader (${loaderPath})`, {
      hint: 'Before V7.70d imxflash selects the QSPI loader through that file. Install J-Link V7.70d or newer (it selects the loader by name), or flash with --probe sdp or --probe cmsis-dap.',
      details: { loaderPath, version: formatJlinkVersion(installation.version) },
    });
  }
  const pex = p.join(installation.dir, 'Devices', 'NXP', 'iMXRT105x', 'NXP_iMXRT105x.pex');
  const scriptPath = (await host.isFile(pex)) ? pex : undefined;
  return {
    mode: 'xml',
    deviceArg: t.device,
    xml: {
      device: t.device,
      core: 'JLINK_CORE_CORTEX_M7',
      workRamAddress: t.workRamAddress,
      workRamBytes: t.workRamBytes,
      bankName: 'QSPI Flash',
      bankAddress: t.bankAddress,
      bankBytes: t.bankBytes,
      loaderPath,
      ...(scriptPath !== undefined ? { scriptPath } : {}),
      platform: host.platform,
    },
  };
}
