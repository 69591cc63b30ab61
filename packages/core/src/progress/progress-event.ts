import type { FlashPlan } from '../flash/flash-plan.js';

/**
 * What a long operation is doing. `read`: reading current flash contents so the plan can keep
 * what lies beside the image and skip what is already there; `load`: loading a flashloader or
 * RAM image; `reset`: resetting the target (no bytes).
 */
export type FlashPhase = 'read' | 'erase' | 'program' | 'verify' | 'load' | 'reset';

/**
 * Progress as a typed event stream (STYLE R8); the CLI renders it. Times come from the Clock,
 * so `--sim` reports modelled hardware time.
 *
 * Order for `flash()`:
 *   [read: phase-start, phase-progress*, phase-end]   only when current contents are read
 *   plan-ready                                          exactly once
 *   erase: phase-start, phase-progress*, phase-end     always (totalBytes may be 0)
 *   program: phase-start, phase-progress*, phase-end   always (totalBytes may be 0; the pages holding
 *                                                       data beside the image were already rewritten
 *                                                       in the erase phase, right after their erase)
 *   [verify: phase-start, phase-progress*, phase-end]  unless verify is 'none' (what was erased or programmed)
 *   [reset: phase-start, phase-end]                    when a reset was asked for
 * `notice` may come at any point. Within a phase, `doneBytes` never decreases and the last
 * phase-progress before phase-end {ok: true} has doneBytes = totalBytes (when totalBytes > 0).
 * Nothing follows phase-end {ok: false}.
 */
export type ProgressEvent =
  | { readonly type: 'plan-ready'; readonly plan: FlashPlan }
  | { readonly type: 'phase-start'; readonly phase: FlashPhase; readonly totalBytes: number }
  | {
      readonly type: 'phase-progress';
      readonly phase: FlashPhase;
      readonly doneBytes: number;
      /** Since this phase's phase-start, Clock time. */
      readonly elapsedMs: number;
      /** doneBytes / elapsed seconds; 0 while no time has passed. */
      readonly rateBytesPerSec: number;
    }
  | { readonly type: 'phase-end'; readonly phase: FlashPhase; readonly ok: boolean }
  /** Something the user should know that is not a failure, e.g. a J-Link workaround was applied. */
  | { readonly type: 'notice'; readonly code: string; readonly text: string };

export type ProgressListener = (event: ProgressEvent) => void;
