import type { ProbeDriver } from '@imxflash/core';
import type { BoardChoice } from '../commands/board-options.js';

/** A J-Link installation as `probes` and `doctor` show it. */
export interface InstallationView {
  readonly path: string;
  readonly version: string;
  readonly knownIssues: readonly string[];
}

/**
 * What a driver may offer beyond ProbeDriver for `probes` and `doctor`. UNVERIFIED shape: no
 * driver exposes it yet; the J-Link driver is expected to add `installations(target)` returning
 * its JLinkExe installs with the known issues that apply to the chip.
 */
interface InstallationsDriver {
  installations(target: { chip: BoardChoice['chip']; part: BoardChoice['part'] }): Promise<ReadonlyArray<{ path: string; version: string; knownIssues?: ReadonlyArray<string | { summary?: string; title?: string; id?: string }> }>>;
}

export async function driverExtras(drivers: readonly ProbeDriver[], board: BoardChoice): Promise<{ installations: InstallationView[] }> {
  const installations: InstallationView[] = [];
  for (const d of drivers) {
    const withInstalls = d as Partial<InstallationsDriver>;
    if (typeof withInstalls.installations !== 'function') continue;
    for (const i of await withInstalls.installations({ chip: board.chip, part: board.part })) {
      installations.push({
        path: i.path,
        version: i.version,
        knownIssues: (i.knownIssues ?? []).map((k) => (typeof k === 'string' ? k : (k.summary ?? k.title ?? k.id ?? 'issue'))),
      });
    }
  }
  return { installations };
}
