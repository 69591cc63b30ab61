import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { jlinkBehaviour } from './jlink-behaviour.js';
import { simJlinkVersion } from './sim-jlink-version.js';

/** What the stand-in executable of a fake installation reads from its folder. */
export interface SimJlinkMarker {
  readonly version: string;
  /** Board state file the executable loads and saves (shared with `imxflash --sim`). */
  readonly boardStatePath?: string;
  readonly chip?: string;
  readonly flash?: string;
  readonly probeSerial?: string;
}

export const SIM_JLINK_MARKER = 'imxflash-sim-jlink.json';

export interface SimJlinkInstallOptions {
  readonly boardStatePath?: string;
  readonly chip?: string;
  readonly flash?: string;
  readonly probeSerial?: string;
  /**
   * URL or absolute path of a JavaScript module exporting `jlinkStandInMain` (the compiled
   * stand-in-main.js, or a bundle of it). When given, each JLinkExe is a node script that runs
   * it, so the real child_process runner can start it (POSIX hosts). Without it the JLinkExe
   * files are placeholders for simJlinkProcessRunner, which runs the stand-in in-process.
   */
  readonly standInModule?: string;
}

export interface SimJlinkInstallation {
  readonly version: string;
  readonly dir: string;
  readonly exe: string;
}

/**
 * Lays out J-Link installations under `root` as SEGGER's installer does (research/jlink.md §5.1,
 * §3.3): `JLink_V682d/JLinkExe`, the stock `JLinkDevices.xml` (RT105x devices on the HyperFlash
 * loader), `Devices/NXP/iMXRT105x/NXP_iMXRT105x_HyperFlash.elf`, and up to V6.x also
 * `NXP_iMXRT105x_QSPI.elf` and `NXP_iMXRT105x.pex`; `Devices/NXP/iMXRT106x/NXP_iMXRT106x_QSPI.elf`.
 * The loader files are placeholders (the stand-in models the loaders; it runs no ARM code).
 */
export async function createSimJlinkInstallations(
  root: string,
  versions: readonly string[],
  options: SimJlinkInstallOptions = {},
): Promise<SimJlinkInstallation[]> {
  const made: SimJlinkInstallation[] = [];
  for (const text of versions) {
    const v = simJlinkVersion(text);
    const folder = `JLink_${v.text.replace('.', '')}`;
    const dir = path.join(root, folder);
    const devices = path.join(dir, 'Devices', 'NXP');
    await mkdir(path.join(devices, 'iMXRT105x'), { recursive: true });
    await mkdir(path.join(devices, 'iMXRT106x'), { recursive: true });
    const b = jlinkBehaviour(v);
    const placeholder = (name: string) => `imxflash sim placeholder for ${name} (${v.text}); the stand-in models this loader\n`;
    await writeFile(path.join(devices, 'iMXRT105x', 'NXP_iMXRT105x_HyperFlash.elf'), placeholder('NXP_iMXRT105x_HyperFlash.elf'));
    if (b.shipsRt105xQspiLoader) {
      await writeFile(path.join(devices, 'iMXRT105x', 'NXP_iMXRT105x_QSPI.elf'), placeholder('NXP_iMXRT105x_QSPI.elf'));
      await writeFile(path.join(devices, 'iMXRT105x', 'NXP_iMXRT105x.pex'), placeholder('NXP_iMXRT105x.pex'));
    }
    await writeFile(path.join(devices, 'iMXRT106x', 'NXP_iMXRT106x_QSPI.elf'), placeholder('NXP_iMXRT106x_QSPI.elf'));
    await writeFile(path.join(dir, 'JLinkDevices.xml'), stockDevicesXml(b.shipsRt105xQspiLoader));
    const marker: SimJlinkMarker = {
      version: v.text,
      ...(options.boardStatePath !== undefined ? { boardStatePath: path.resolve(options.boardStatePath) } : {}),
      ...(options.chip !== undefined ? { chip: options.chip } : {}),
      ...(options.flash !== undefined ? { flash: options.flash } : {}),
      ...(options.probeSerial !== undefined ? { probeSerial: options.probeSerial } : {}),
    };
    await writeFile(path.join(dir, SIM_JLINK_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
    const exe = path.join(dir, 'JLinkExe');
    await writeFile(exe, commanderScript(v.text, options.standInModule));
    await chmod(exe, 0o755);
    made.push({ version: v.text, dir, exe });
  }
  return made;
}

function commanderScript(version: string, module: string | undefined): string {
  if (module === undefined) {
    return `#!/bin/sh\necho "imxflash sim: J-Link Commander ${version} stand-in; run it through simJlinkProcessRunner" >&2\nexit 127\n`;
  }
  const url = module.startsWith('file:') ? module : new URL(`file://${path.resolve(module)}`).href;
  return [
    '#!/usr/bin/env node',
    `// imxflash sim: J-Link Commander ${version} stand-in (packages/sim/src/jlink).`,
    `const { jlinkStandInMain } = await import(${JSON.stringify(url)});`,
    'process.exitCode = await jlinkStandInMain(process.argv.slice(2), new URL(import.meta.url));',
    '',
  ].join('\n');
}

/** The RT105x part of the stock V6.80d JLinkDevices.xml (research/jlink.md §3.3), HyperFlash bank. */
function stockDevicesXml(withPex: boolean): string {
  const names: [string, string][] = [
    ['MCIMXRT1052', ''],
    ['MIMXRT1052xxxxA', 'MIMXRT1052xxx5A; MIMXRT1052CVL5A; MIMXRT1052xxx6A; MIMXRT1052DVL6A'],
    ['MIMXRT1052xxxxB', 'MIMXRT1052xxx5B; MIMXRT1052CVL5B; MIMXRT1052xxx6B; MIMXRT1052DVL6B'],
  ];
  const script = withPex ? ' JLinkScriptFile="Devices/NXP/iMXRT105x/NXP_iMXRT105x.pex"' : '';
  const devices = names.map(
    ([name, aliases]) =>
      `  <Device>\n    <ChipInfo Vendor="NXP" Name="${name}"${aliases === '' ? '' : ` Aliases="${aliases}"`} WorkRAMAddr="0x20000000" WorkRAMSize="0x00080000" Core="JLINK_CORE_CORTEX_M7"${script} />\n` +
      `    <FlashBankInfo Name="HyperFlash" BaseAddr="0x60000000" MaxSize="0x04000000" Loader="Devices/NXP/iMXRT105x/NXP_iMXRT105x_HyperFlash.elf" LoaderType="FLASH_ALGO_TYPE_OPEN" AlwaysPresent="1" />\n  </Device>`,
  );
  return `<DataBase>\n${devices.join('\n')}\n</DataBase>\n`;
}
