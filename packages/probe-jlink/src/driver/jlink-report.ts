import type { FileSystem, ProcessRunner } from '@imxflash/core';
import { discoverJlinkInstallations, type DiscoverOptions } from '../discovery/discover-installations.js';
import type { JlinkHost } from '../discovery/jlink-host.js';
import type { JlinkInstallation } from '../discovery/jlink-installation.js';
import type { KnownIssue } from '../known-issues/known-issue.js';
import { KNOWN_JLINK_ISSUES } from '../known-issues/known-issues.js';
import { describeIssueVersions, matchKnownIssues } from '../known-issues/match-known-issues.js';
import { formatJlinkVersion } from '../version/jlink-version.js';

/** One installation with the known issues of its version, for `imxflash doctor` / `probes`. */
export interface JlinkInstallationReport {
  readonly version: string;
  readonly dir: string;
  readonly exe: string;
  readonly versionSource: JlinkInstallation['versionSource'];
  readonly foundBy: JlinkInstallation['foundBy'];
  /** Issues that break flashing for some i.MX RT family (id and families). */
  readonly chipIssues: readonly { readonly id: string; readonly families: readonly string[] | 'all'; readonly symptom: string }[];
}

/** Installations (newest first) with their known chip issues, and what was skipped. */
export async function reportJlinkInstallations(
  deps: { readonly host: JlinkHost; readonly fs: FileSystem; readonly runner: ProcessRunner },
  options: DiscoverOptions = {},
): Promise<{ readonly installations: readonly JlinkInstallationReport[]; readonly skipped: readonly { path: string; reason: string }[] }> {
  const { installations, skipped } = await discoverJlinkInstallations(deps, options);
  return {
    installations: installations.map((i) => ({
      version: formatJlinkVersion(i.version),
      dir: i.dir,
      exe: i.exe,
      versionSource: i.versionSource,
      foundBy: i.foundBy,
      chipIssues: matchKnownIssues(i.version)
        .filter((k) => k.severity !== 'scripting')
        .map((k) => ({ id: k.id, families: k.families, symptom: k.symptom })),
    })),
    skipped,
  };
}

/** The known-issue database as printable rows (the CLI renders them; libraries never print). */
export function knownIssueRows(db: readonly KnownIssue[] = KNOWN_JLINK_ISSUES): {
  id: string; versions: string; families: string; flash: string; severity: string; symptom: string; cause: string; workaround: string; avoidedBy: string; sources: readonly string[];
}[] {
  return db.map((k) => ({
    id: k.id,
    versions: describeIssueVersions(k.versions),
    families: k.families === 'all' ? 'all' : k.families.join(', '),
    flash: k.flash,
    severity: k.severity,
    symptom: k.symptom,
    cause: k.cause,
    workaround: k.workaround,
    avoidedBy: k.avoidedBy ?? '',
    sources: k.sources,
  }));
}
