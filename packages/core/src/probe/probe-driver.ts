import type { DriverId } from './driver-id.js';
import type { ProbeInfo } from './probe-info.js';
import type { ProbeSelector } from './probe-selector.js';
import type { ProbeSession } from './probe-session.js';
import type { SessionContext } from './session-context.js';

/**
 * One kind of probe (DESIGN §3). Drivers are registered under the PROBE_DRIVER token and found
 * with `container.resolveAll(PROBE_DRIVER)`; constructing one never touches hardware or native
 * modules (bindings load lazily).
 */
export interface ProbeDriver {
  readonly name: DriverId;
  /**
   * Every probe of this kind the OS shows, including ones this process cannot open (marked in
   * `access`). Resolves with [] when none, and when the driver's native module or executable is
   * missing (a notice for `doctor`, not an error for `probes`).
   */
  list(): Promise<ProbeInfo[]>;
  /**
   * Opens the one probe `selector` matches. Rejects PROBE_NOT_FOUND, PROBE_AMBIGUOUS (with the
   * selectors that would pick each), PROBE_PERMISSION_DENIED or PROBE_BUSY.
   */
  open(selector: ProbeSelector, context: SessionContext): Promise<ProbeSession>;
}
