import type { FileSystem, ProcessRunner } from '@imxflash/core';
import { runCommander } from '../runner/run-commander.js';
import { serializeCommandFile } from '../script/command-file.js';
import { parseJlinkBanner } from '../version/banner.js';
import { compareJlinkVersions, jv, versionFromFolderName, versionInRange, type JlinkVersion } from '../version/jlink-version.js';
import { commanderExeName, isInstallFolderName, pathDirectories, pathFor, seggerRootFolders } from './install-locations.js';
import type { JlinkHost } from './jlink-host.js';
import type { JlinkInstallation } from './jlink-installation.js';

export interface DiscoveryDeps {
  readonly host: JlinkHost;
  readonly fs: FileSystem;
  readonly runner: ProcessRunner;
}

export interface DiscoverOptions {
  /** Install folders or Commander paths the user gave (config, --jlink-path); searched first. */
  readonly configuredPaths?: readonly string[];
  /** More folders holding JLink_Vxxx installs side by side, searched like the OS's SEGGER folder. */
  readonly searchFolders?: readonly string[];
  /** Per banner probe (default 15 s). */
  readonly timeoutMs?: number;
}

export interface DiscoveryResult {
  /** Newest first. */
  readonly installations: readonly JlinkInstallation[];
  /** Candidates that were not usable, and why (for `doctor`). */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
}

interface Candidate {
  readonly dir: string;
  readonly exe: string;
  readonly foundBy: JlinkInstallation['foundBy'];
}

/**
 * Every J-Link installation on the host (research/jlink.md §5): the configured paths, the
 * versioned folders side by side under the OS's SEGGER folder, and the Commander on PATH
 * (symlinks resolved, so `/usr/bin/JLinkExe` counts once with the folder it points into). The
 * version comes from the banner of a command file holding only `exit` (§5.2 method A); a
 * Commander without a banner (the JDK's `jlink.exe` on Windows PATH, §5.1) is skipped.
 */
export async function discoverJlinkInstallations(deps: DiscoveryDeps, options: DiscoverOptions = {}): Promise<DiscoveryResult> {
  const { host } = deps;
  const p = pathFor(host.platform);
  const exeName = commanderExeName(host.platform);
  const skipped: { path: string; reason: string }[] = [];
  const candidates: Candidate[] = [];

  for (const given of options.configuredPaths ?? []) {
    const isExe = p.basename(given).toLowerCase() === exeName.toLowerCase() && (await host.isFile(given));
    const dir = isExe ? p.dirname(given) : given;
    candidates.push({ dir, exe: isExe ? given : p.join(dir, exeName), foundBy: 'configured' });
  }
  for (const root of [...(options.searchFolders ?? []), ...seggerRootFolders(host.platform, host.env)]) {
    const names = [...(await host.listDir(root))].filter(isInstallFolderName).sort();
    for (const name of names) candidates.push({ dir: p.join(root, name), exe: p.join(root, name, exeName), foundBy: 'default-folder' });
  }
  for (const dir of pathDirectories(host.platform, host.env)) {
    candidates.push({ dir, exe: p.join(dir, exeName), foundBy: 'path' });
  }

  const seen = new Set<string>();
  const installations: JlinkInstallation[] = [];
  for (const c of candidates) {
    if (!(await host.isFile(c.exe))) {
      if (c.foundBy !== 'path') skipped.push({ path: c.exe, reason: `no ${exeName} there` });
      continue;
    }
    const real = await host.realPath(c.exe);
    const key = host.platform === 'win32' ? real.toLowerCase() : real;
    if (seen.has(key)) continue;
    seen.add(key);
    const dir = p.dirname(real);
    const folderVersion = versionFromFolderName(p.basename(dir)) ?? versionFromFolderName(p.basename(c.dir));
    const banner = await readBannerVersion(deps, real, folderVersion, options.timeoutMs ?? 15_000).catch((e: unknown) => {
      skipped.push({ path: real, reason: `running it failed: ${(e as Error).message}` });
      return undefined;
    });
    const version = banner ?? folderVersion;
    if (version === undefined) {
      if (!skipped.some((s) => s.path === real)) skipped.push({ path: real, reason: 'no J-Link Commander banner (another program of the same name?)' });
      continue;
    }
    installations.push({ dir, exe: real, version, versionSource: banner !== undefined ? 'banner' : 'folder-name', foundBy: c.foundBy });
  }
  installations.sort((a, b) => compareJlinkVersions(b.version, a.version));
  return { installations, skipped };
}

/**
 * The Commander's own version: a command file with only `exit`, stdout read whatever the exit
 * code (research/jlink.md §5.2 method A). `-NoGui 1` only when the folder says ≥ V6.80 (older
 * Commanders refuse the option, §0.4).
 */
export async function readBannerVersion(
  deps: Omit<DiscoveryDeps, 'host'> & { readonly host: Pick<JlinkHost, 'platform'> },
  exe: string,
  folderVersion: JlinkVersion | undefined,
  timeoutMs: number,
): Promise<JlinkVersion | undefined> {
  const platform = deps.host.platform;
  const noGui = folderVersion !== undefined && versionInRange(folderVersion, jv('6.80'), undefined);
  const result = await runCommander(deps, {
    exe,
    platform,
    timeoutMs,
    prepare: (dir) => ({
      files: [{ name: 'version.jlink', content: serializeCommandFile(['exit']) }],
      args: [...(noGui ? ['-NoGui', '1'] : []), '-CommandFile', pathFor(platform).join(dir, 'version.jlink')],
    }),
  });
  return parseJlinkBanner(result.stdout)?.version;
}
