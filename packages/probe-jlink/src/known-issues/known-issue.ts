/**
 * One entry of the J-Link known-issue database (STYLE R11: data, with its source). Facts from
 * research/jlink.md; entries whose cause is inferred say so in `unverified`.
 */

/** i.MX RT families as SEGGER's release notes name them. */
export type JlinkChipFamily = 'rt101x' | 'rt102x' | 'rt104x' | 'rt105x' | 'rt106x' | 'rt117x';

/**
 * `breaks-flashing`: flashing the named families fails in this range; the version policy acts on it.
 * `degraded`: something works worse or only sometimes; reported, never a reason to switch.
 * `scripting`: a JLinkExe behaviour the driver's command files must avoid; `avoidedBy` says how.
 */
export type KnownIssueSeverity = 'breaks-flashing' | 'degraded' | 'scripting';

export interface KnownIssueVersions {
  /** First affected version (inclusive); absent = since the beginning. */
  readonly from?: string;
  /** First fixed version (exclusive end). */
  readonly before?: string;
  /** Last version known to be affected when no fix is known (inclusive end). */
  readonly through?: string;
}

export interface KnownIssue {
  /** Stable id, kebab-case: shown to users, usable in notices and JSON. */
  readonly id: string;
  readonly versions: KnownIssueVersions;
  /** Families affected; 'all' for host-side (Commander) issues. */
  readonly families: readonly JlinkChipFamily[] | 'all';
  /** Which boot flash the issue needs: QSPI/Octal NOR ('spi-nor'), HyperFlash, or any. */
  readonly flash: 'spi-nor' | 'hyperflash' | 'any';
  readonly severity: KnownIssueSeverity;
  /** What the user sees (verbatim output where known). */
  readonly symptom: string;
  /** Why, as far as known. */
  readonly cause: string;
  /** What a user can do by hand. */
  readonly workaround: string;
  /** How imxflash's command files avoid it, when they do; such an issue never triggers the policy. */
  readonly avoidedBy?: string;
  /** Release-note lines, issue and forum URLs. */
  readonly sources: readonly string[];
  /** Parts of the entry that are inference rather than a stated fact. */
  readonly unverified?: string;
}
