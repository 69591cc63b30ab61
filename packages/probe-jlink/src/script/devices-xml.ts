import { checkJlinkPath } from './check-path.js';

export interface DevicesXmlOverride {
  /** The same name as the built-in device, so this entry replaces its flash bank (research/jlink.md §3.1). */
  readonly device: string;
  readonly core: 'JLINK_CORE_CORTEX_M7' | 'JLINK_CORE_CORTEX_M33';
  readonly workRamAddress: number;
  readonly workRamBytes: number;
  readonly bankName: string;
  readonly bankAddress: number;
  readonly bankBytes: number;
  /** Absolute path of the loader inside the installation (checked to exist by the caller). */
  readonly loaderPath: string;
  /** Absolute path of the device script the stock entry names, when the installation has it. */
  readonly scriptPath?: string;
  readonly platform: string;
}

const hex8 = (n: number) => `0x${n.toString(16).toUpperCase().padStart(8, '0')}`;

/**
 * A JLinkDevices.xml that points the device's bank at 0x60000000 to the QSPI loader, for
 * Commanders before V7.70d (no `?Loader=` suffix, research/jlink.md §3.1, §3.3, §4.3). LF line
 * ends; attribute values are paths that checkJlinkPath already kept free of `"<>&`.
 * UNVERIFIED: absolute paths in `Loader=` (the stock file uses install-relative ones).
 */
export function devicesXml(o: DevicesXmlOverride): string {
  const loader = checkJlinkPath(o.loaderPath, o.platform, 'flash loader');
  const script = o.scriptPath === undefined ? '' : ` JLinkScriptFile="${checkJlinkPath(o.scriptPath, o.platform, 'device script')}"`;
  return [
    '<DataBase>',
    '  <Device>',
    `    <ChipInfo Vendor="NXP" Name="${o.device}" WorkRAMAddr="${hex8(o.workRamAddress)}" WorkRAMSize="${hex8(o.workRamBytes)}" Core="${o.core}"${script} />`,
    `    <FlashBankInfo Name="${o.bankName}" BaseAddr="${hex8(o.bankAddress)}" MaxSize="${hex8(o.bankBytes)}" Loader="${loader}" LoaderType="FLASH_ALGO_TYPE_OPEN" AlwaysPresent="1" />`,
    '  </Device>',
    '</DataBase>',
    '',
  ].join('\n');
}
