import { jv, versionInRange, type JlinkVersion } from '../version/jlink-version.js';
import type { JlinkChipFamily, KnownIssue, KnownIssueVersions } from './known-issue.js';
import { KNOWN_JLINK_ISSUES } from './known-issues.js';

/** What a flash run targets; absent fields match every entry (e.g. for `doctor` without a chip). */
export interface KnownIssueContext {
  readonly family?: JlinkChipFamily;
  readonly flash?: 'spi-nor' | 'hyperflash';
}

/** True when `version` lies in the entry's range: [from, before) or [from, through]. */
export function issueAffectsVersion(versions: KnownIssueVersions, version: JlinkVersion): boolean {
  const from = versions.from === undefined ? undefined : jv(versions.from);
  if (versions.before !== undefined) {
    return versionInRange(version, from, undefined) && !versionInRange(version, jv(versions.before), undefined);
  }
  return versionInRange(version, from, versions.through === undefined ? undefined : jv(versions.through));
}

/** Every entry of `db` that applies to `version` for `context`. */
export function matchKnownIssues(
  version: JlinkVersion,
  context: KnownIssueContext = {},
  db: readonly KnownIssue[] = KNOWN_JLINK_ISSUES,
): KnownIssue[] {
  return db.filter(
    (issue) =>
      issueAffectsVersion(issue.versions, version) &&
      (issue.families === 'all' || context.family === undefined || issue.families.includes(context.family)) &&
      (issue.flash === 'any' || context.flash === undefined || issue.flash === context.flash),
  );
}

/** The entries that make flashing fail and that the driver's command files do not avoid. */
export function blockingIssues(issues: readonly KnownIssue[]): KnownIssue[] {
  return issues.filter((i) => i.severity === 'breaks-flashing' && i.avoidedBy === undefined);
}

/** `V6.82 to V6.84b (fixed in V6.86)`, for messages and the printed database. */
export function describeIssueVersions(v: KnownIssueVersions): string {
  const fixed = v.before !== undefined ? ` (fixed in V${v.before})` : '';
  if (v.from === undefined) {
    if (v.before !== undefined) return `before V${v.before}`;
    return v.through !== undefined ? `up to V${v.through}` : 'all versions';
  }
  if (v.through !== undefined) return `V${v.from} to V${v.through}${fixed}`;
  return v.before !== undefined ? `V${v.from} and later${fixed}` : `V${v.from} and later`;
}
