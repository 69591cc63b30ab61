import { pathFor } from './install-locations.js';
import type { JlinkInstallation } from './jlink-installation.js';
import { parseEmulatorList, type JlinkEmulator } from '../output/emulator-list.js';
import { runCommander, type CommanderDeps } from '../runner/run-commander.js';
import { serializeCommandFile } from '../script/command-file.js';
import { jv, versionInRange } from '../version/jlink-version.js';

/** The J-Links connected to this host, as `installation`'s Commander sees them (`ShowEmuList`, then exit). */
export async function listJlinkEmulators(
  deps: CommanderDeps,
  installation: JlinkInstallation,
  platform: string,
  timeoutMs = 15_000,
): Promise<JlinkEmulator[]> {
  const noGui = versionInRange(installation.version, jv('6.80'), undefined);
  const result = await runCommander(deps, {
    exe: installation.exe,
    platform,
    timeoutMs,
    prepare: (dir) => ({
      files: [{ name: 'list.jlink', content: serializeCommandFile(['ShowEmuList', 'exit']) }],
      args: [...(noGui ? ['-NoGui', '1'] : []), '-CommandFile', pathFor(platform).join(dir, 'list.jlink')],
    }),
  });
  return parseEmulatorList(result.stdout);
}
