import { ImxflashError } from '@imxflash/core';
import type { JlinkInstallation } from '../discovery/jlink-installation.js';
import type { KnownIssue } from '../known-issues/known-issue.js';
import { blockingIssues, describeIssueVersions, matchKnownIssues, type KnownIssueContext } from '../known-issues/match-known-issues.js';
import { compareJlinkVersions, formatJlinkVersion, type JlinkVersion } from './jlink-version.js';

/**
 * What to do when the preferred installation has a known issue that breaks flashing:
 * `auto` takes the newest other installation without one, `strict` stops with the explanation,
 * `warn` goes ahead and says so.
 */
export type JlinkVersionPolicy = 'auto' | 'strict' | 'warn';

export const JLINK_VERSION_POLICIES: readonly JlinkVersionPolicy[] = ['auto', 'strict', 'warn'];

export interface VersionSelection {
  readonly installation: JlinkInstallation;
  /** Every known issue of the chosen installation for this target (including avoided ones). */
  readonly issues: readonly KnownIssue[];
  /** Things the user should know: a switch of version, a warning under `warn`, degraded behaviour. */
  readonly notices: readonly { readonly code: string; readonly text: string }[];
}

export interface SelectOptions {
  readonly policy: JlinkVersionPolicy;
  /** The version the user asked for (config or option); without it the newest is preferred. */
  readonly pin?: JlinkVersion;
  readonly context: KnownIssueContext;
  /** For messages: `RT1052 with QSPI flash`. */
  readonly targetText: string;
}

const FALLBACK_HINT = 'Or flash without J-Link: --probe sdp (ROM serial downloader over USB/UART) or --probe cmsis-dap.';

/**
 * Picks the installation to run for a target (research/jlink.md §4 "suggested pins"): the pinned
 * version (JLINK_NOT_INSTALLED when it is not installed) or the newest, then the policy.
 * Throws JLINK_NOT_INSTALLED when `installations` is empty, JLINK_KNOWN_ISSUE under `strict`
 * (or under `auto` when every installation is affected).
 */
export function selectJlinkInstallation(installations: readonly JlinkInstallation[], o: SelectOptions): VersionSelection {
  if (installations.length === 0) {
    throw new ImxflashError('JLINK_NOT_INSTALLED', 'no J-Link software installation found', {
      hint: `Install the J-Link Software Pack from segger.com (V6.86 or newer for RT105x QSPI), or give its folder with --jlink-path. ${FALLBACK_HINT}`,
    });
  }
  const newestFirst = [...installations].sort((a, b) => compareJlinkVersions(b.version, a.version));
  let preferred = newestFirst[0]!;
  if (o.pin !== undefined) {
    const pinned = newestFirst.find((i) => compareJlinkVersions(i.version, o.pin!) === 0);
    if (pinned === undefined) {
      throw new ImxflashError('JLINK_NOT_INSTALLED', `J-Link ${formatJlinkVersion(o.pin)} is not installed`, {
        hint: `Installed: ${newestFirst.map((i) => `${formatJlinkVersion(i.version)} (${i.dir})`).join(', ')}. Pin one of them, or give the folder with --jlink-path.`,
        details: { pin: formatJlinkVersion(o.pin), installed: newestFirst.map((i) => formatJlinkVersion(i.version)) },
      });
    }
    preferred = pinned;
  }
  const issuesOf = (i: JlinkInstallation): KnownIssue[] => matchKnownIssues(i.version, o.context);
  const preferredIssues = issuesOf(preferred);
  const blocking = blockingIssues(preferredIssues);
  const notices: { code: string; text: string }[] = [];
  const degradedNotices = (issues: readonly KnownIssue[], install: JlinkInstallation) =>
    issues
      .filter((i) => i.severity === 'degraded')
      .map((i) => ({ code: `jlink-known-issue:${i.id}`, text: `J-Link ${formatJlinkVersion(install.version)}: ${i.symptom} ${i.workaround}` }));

  if (blocking.length === 0) {
    return { installation: preferred, issues: preferredIssues, notices: degradedNotices(preferredIssues, preferred) };
  }
  const name = formatJlinkVersion(preferred.version);
  const explanation = blocking.map((i) => explainIssue(i)).join(' ');
  const clean = newestFirst.filter((i) => i !== preferred && blockingIssues(issuesOf(i)).length === 0);

  if (o.policy === 'warn') {
    for (const issue of blocking) {
      notices.push({
        code: `jlink-known-issue:${issue.id}`,
        text: `J-Link ${name} has a known issue with ${o.targetText} (policy warn: going ahead): ${explainIssue(issue)}`,
      });
    }
    return { installation: preferred, issues: preferredIssues, notices: [...notices, ...degradedNotices(preferredIssues, preferred)] };
  }
  if (o.policy === 'auto' && clean[0] !== undefined) {
    const chosen = clean[0];
    const chosenIssues = issuesOf(chosen);
    notices.push({
      code: 'jlink-version-switched',
      text: `J-Link ${name} has a known issue with ${o.targetText} (${blocking.map((i) => i.id).join(', ')}); using ${formatJlinkVersion(chosen.version)} from ${chosen.dir} instead.`,
    });
    return { installation: chosen, issues: chosenIssues, notices: [...notices, ...degradedNotices(chosenIssues, chosen)] };
  }
  const others =
    clean.length > 0
      ? `Installed versions without this issue: ${clean.map((i) => formatJlinkVersion(i.version)).join(', ')} (pin one, or use --jlink-policy auto).`
      : `No installed version avoids it (installed: ${newestFirst.map((i) => formatJlinkVersion(i.version)).join(', ')}).`;
  throw new ImxflashError(
    'JLINK_KNOWN_ISSUE',
    `J-Link ${name} cannot flash ${o.targetText}: ${blocking.map((i) => i.symptom).join(' ')}`,
    {
      hint: `${explanation} ${others} ${blocking[0]!.workaround}${blocking[0]!.workaround.includes('--probe') ? '' : ` ${FALLBACK_HINT}`}`,
      details: {
        version: name,
        policy: o.policy,
        issues: blocking.map((i) => ({ id: i.id, versions: describeIssueVersions(i.versions), sources: i.sources })),
        alternatives: clean.map((i) => formatJlinkVersion(i.version)),
      },
    },
  );
}

/** One sentence per issue: range, cause, first source. */
export function explainIssue(issue: KnownIssue): string {
  return `Known issue ${issue.id} (${describeIssueVersions(issue.versions)}): ${issue.cause} Source: ${issue.sources[0] ?? 'n/a'}.`;
}
