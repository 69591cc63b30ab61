import { ImxflashError } from '../errors/imxflash-error.js';
import type { ProbeInfo } from './probe-info.js';
import { matchesSelector, selectorFor, type ProbeSelector } from './probe-selector.js';

/**
 * The one probe `selector` picks among `probes` (every driver's list). A probe this process
 * cannot open is skipped when a usable one also matches; otherwise its access problem is the
 * error. Throws PROBE_NOT_FOUND, PROBE_AMBIGUOUS, PROBE_PERMISSION_DENIED or PROBE_BUSY.
 */
export function pickProbe(probes: readonly ProbeInfo[], selector: ProbeSelector): ProbeInfo {
  const matching = probes.filter((p) => matchesSelector(p, selector));
  const usable = matching.filter((p) => p.access === 'ok');
  if (usable.length === 1) return usable[0]!;
  if (usable.length > 1) {
    throw new ImxflashError('PROBE_AMBIGUOUS', `--probe ${selector.text} matches ${usable.length} probes`, {
      hint: `Pick one with --probe: ${usable.map((p) => `${selectorFor(p)} (${p.description})`).join(', ')}.`,
      details: { selectors: usable.map(selectorFor) },
    });
  }
  const blocked = matching[0];
  if (blocked === undefined) {
    throw new ImxflashError('PROBE_NOT_FOUND', `no probe matches --probe ${selector.text} (${probes.length} seen)`, {
      hint:
        probes.length === 0
          ? 'Connect the probe (or put the board in serial-downloader mode for sdp), then run `imxflash probes`.'
          : `Probes seen: ${probes.map(selectorFor).join(', ')}. Run \`imxflash probes\` for details.`,
      details: { selector: selector.text },
    });
  }
  const denied = blocked.access === 'permission-denied';
  throw new ImxflashError(
    denied ? 'PROBE_PERMISSION_DENIED' : 'PROBE_BUSY',
    `${blocked.description} (${selectorFor(blocked)}) ${denied ? 'cannot be opened: permission denied' : 'is in use by another program'}`,
    {
      hint:
        blocked.accessHint ??
        (denied ? 'Install the udev rules (`imxflash doctor` shows them) and replug the probe.' : 'Close the other debugger or flasher, then try again.'),
      details: { probe: selectorFor(blocked) },
    },
  );
}
