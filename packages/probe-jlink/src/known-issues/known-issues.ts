import { commanderIssues } from './entries/commander-issues.js';
import { rt105xIssues } from './entries/rt105x-issues.js';
import { rt106xIssues } from './entries/rt106x-issues.js';
import { rt117xIssues } from './entries/rt117x-issues.js';
import type { KnownIssue } from './known-issue.js';

/** The whole database, chip issues first (the order `imxflash doctor` prints). */
export const KNOWN_JLINK_ISSUES: readonly KnownIssue[] = [...rt105xIssues, ...rt106xIssues, ...rt117xIssues, ...commanderIssues];
