import {
  FILE_SYSTEM, ImxflashError, type Chip, type FlashPart, pickProbe, PROCESS_RUNNER, type FileSystem, type ProbeDriver, type ProbeInfo, type ProbeSelector, type ProbeSession,
  type ProcessRunner, type SessionContext,
} from '@imxflash/core';
import { inject, injectable } from 'tsyringe';
import { discoverJlinkInstallations, type DiscoveryResult } from '../discovery/discover-installations.js';
import type { JlinkHost } from '../discovery/jlink-host.js';
import { listJlinkEmulators } from '../discovery/list-emulators.js';
import { formatJlinkVersion } from '../version/jlink-version.js';
import { jlinkFamilyOf } from '../known-issues/chip-family.js';
import { describeIssueVersions, matchKnownIssues } from '../known-issues/match-known-issues.js';
import { JLINK_HOST, JLINK_OPTIONS, type JlinkDriverOptions } from './jlink-options.js';
import { JlinkSession } from './jlink-session.js';

/**
 * SEGGER J-Link through JLinkExe (DESIGN §2): finds the installations, lists the J-Links the
 * newest one sees, and opens sessions whose flash is driven by generated command files.
 * Never links SEGGER's DLL.
 */
@injectable()
export class JlinkDriver implements ProbeDriver {
  readonly name = 'jlink' as const;
  private discovery: Promise<DiscoveryResult> | undefined;

  constructor(
    @inject(PROCESS_RUNNER) private readonly runner: ProcessRunner,
    @inject(FILE_SYSTEM) private readonly fs: FileSystem,
    @inject(JLINK_HOST) private readonly host: JlinkHost,
    @inject(JLINK_OPTIONS) private readonly options: JlinkDriverOptions,
  ) {}

  /** Every installation found (newest first) and the candidates skipped; discovered once per driver. */
  discover(): Promise<DiscoveryResult> {
    this.discovery ??= discoverJlinkInstallations(
      { host: this.host, fs: this.fs, runner: this.runner },
      {
        ...(this.options.installPath !== undefined ? { configuredPaths: [this.options.installPath] } : {}),
        ...(this.options.searchFolders !== undefined ? { searchFolders: this.options.searchFolders } : {}),
      },
    );
    return this.discovery;
  }

  /**
   * The installations with the known issues that apply to `target` (all chips when absent), for
   * `imxflash probes` and `doctor`: `{ path, version, knownIssues: [{ id, summary }] }`.
   */
  async installations(target?: { readonly chip?: Pick<Chip, 'id'>; readonly part?: Pick<FlashPart, 'interface'> }): Promise<
    { path: string; exe: string; version: string; versionSource: string; foundBy: string; knownIssues: { id: string; summary: string; severity: string }[] }[]
  > {
    const { installations } = await this.discover();
    const family = target?.chip !== undefined ? jlinkFamilyOf(target.chip) : undefined;
    return installations.map((i) => ({
      path: i.dir,
      exe: i.exe,
      version: formatJlinkVersion(i.version),
      versionSource: i.versionSource,
      foundBy: i.foundBy,
      knownIssues: matchKnownIssues(i.version, { ...(family !== undefined ? { family } : {}), ...(target?.part !== undefined ? { flash: target.part.interface } : {}) })
        .filter((k) => k.severity !== 'scripting')
        .map((k) => ({ id: k.id, summary: `${k.id} (${describeIssueVersions(k.versions)}): ${k.symptom}`, severity: k.severity })),
    }));
  }

  async list(): Promise<ProbeInfo[]> {
    const { installations } = await this.discover();
    const newest = installations[0];
    if (newest === undefined) return [];
    try {
      const emulators = await listJlinkEmulators({ fs: this.fs, runner: this.runner }, newest, this.host.platform);
      return emulators.map((e) => ({
        driver: 'jlink',
        id: e.serial,
        serial: e.serial,
        link: 'usb',
        description: `${e.product ?? 'J-Link'} (J-Link software ${formatJlinkVersion(newest.version)})`,
        access: 'ok',
      }));
    } catch (e) {
      // A Commander that hangs or cannot start means no probe list, not a failure of `probes`.
      if (e instanceof ImxflashError) return [];
      throw e;
    }
  }

  async open(selector: ProbeSelector, context: SessionContext): Promise<ProbeSession> {
    const { installations } = await this.discover();
    if (installations.length === 0) {
      throw new ImxflashError('JLINK_NOT_INSTALLED', 'no J-Link software installation found', {
        hint: 'Install the J-Link Software Pack from segger.com, or give its folder with --jlink-path. Or flash without J-Link: --probe sdp or --probe cmsis-dap.',
      });
    }
    const info = pickProbe(await this.list(), { ...selector, driver: 'jlink' });
    return new JlinkSession(info, installations, { fs: this.fs, runner: this.runner, host: this.host }, this.options, context);
  }
}
