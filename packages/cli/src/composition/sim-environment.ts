import { CLOCK, HID_BINDING, SERIAL_BINDING, USB_BINDING, type DriverId } from '@imxflash/core';
import {
  attachSimCmsisDap, attachSimSerialDownloader, buildSimFlashloaderImage, createSimBoard, defaultSimStatePath, saveBoardState, tryLoadBoardState,
  VirtualHidBinding, VirtualSerialBinding, VirtualUsbBinding, type SimBoard,
} from '@imxflash/sim';
import type { DependencyContainer } from 'tsyringe';
import type { BoardChoice } from '../commands/board-options.js';
import type { CommandContext } from '../context.js';

/** The virtual board of one `--sim` run, with the state file it came from and goes back to. */
export interface SimRun {
  readonly board: SimBoard;
  readonly statePath: string;
  /** False on the first run (an erased board). */
  readonly resumed: boolean;
  readonly hid: VirtualHidBinding;
  readonly usb: VirtualUsbBinding;
  readonly serial: VirtualSerialBinding;
  /** Which driver's virtual probe is plugged in (see {@link simProbesFor}). */
  readonly attached: readonly DriverId[];
  /** Options for a driver's register function (e.g. the J-Link stand-in's installations). */
  driverOptions(id: DriverId): unknown;
  save(): Promise<void>;
}

/**
 * Builds the board from its state file (`--sim-state`, default in the user cache dir; an erased
 * board the first time), puts the virtual HID and USB bindings on its clock and link-fault plan,
 * makes its VirtualClock the run's CLOCK, and plugs in the virtual probes the selector asks for.
 */
export async function openSimEnvironment(ctx: CommandContext, choice: BoardChoice, container: DependencyContainer, drivers: readonly DriverId[]): Promise<SimRun> {
  const { board, statePath, resumed } = await loadSimBoard(ctx, choice);
  const hid = new VirtualHidBinding(board.clock, board.faults.link);
  const usb = new VirtualUsbBinding(board.clock, board.faults.link);
  const serial = new VirtualSerialBinding(board.clock, board.faults.link);
  container.register(CLOCK, { useValue: board.clock });
  container.register(HID_BINDING, { useValue: hid });
  container.register(USB_BINDING, { useValue: usb });
  container.register(SERIAL_BINDING, { useValue: serial });

  const attached: DriverId[] = [];
  const options = new Map<DriverId, unknown>();
  const wanted = simProbesFor(ctx.settings.probe);
  for (const id of wanted) {
    // `auto`: only the first driver this build has, so auto picks one probe without ambiguity.
    if (wanted.length > 1 && (!drivers.includes(id) || attached.length > 0)) continue;
    const plugged = attachSimProbe(ctx.io.env['IMXFLASH_SIM_DAP'] === 'v1' ? 'v1' : 'v2', id, board, hid, usb, container);
    if (plugged === undefined) continue;
    attached.push(id);
    options.set(id, plugged.driverOptions);
  }
  ctx.detail(`sim: ${choice.chip.name} + ${choice.part.id}, state ${statePath}${resumed ? "" : " (new, erased)"}; probes: ${attached.join(', ') || 'none'}`);

  return {
    board,
    statePath,
    resumed,
    hid,
    usb,
    serial,
    attached,
    driverOptions: (id) => options.get(id),
    save: () => saveBoardState(board, statePath),
  };
}

/** The board from its state file (an erased board when there is none yet). */
export async function loadSimBoard(ctx: CommandContext, choice: BoardChoice): Promise<{ board: SimBoard; statePath: string; resumed: boolean }> {
  const statePath = ctx.settings.simState ?? defaultSimStatePath(choice.chip.id, choice.part.id, ctx.io.env as NodeJS.ProcessEnv);
  const state = await tryLoadBoardState(statePath, { chip: choice.chip.id, flash: choice.part.id });
  const board = createSimBoard({ chip: choice.chip.id, flash: choice.part.id, ...(state ? { state } : {}) });
  return { board, statePath, resumed: state !== undefined };
}

/**
 * The virtual probes to plug in for `--probe`: the named driver's, or for `auto` the candidates
 * in order of preference (CMSIS-DAP: nothing runs on the target; then J-Link; then SDP).
 */
function simProbesFor(probe: string): DriverId[] {
  const head = probe.trim().toLowerCase().split(':')[0]!;
  if (head === 'cmsis-dap' || head === 'jlink' || head === 'sdp') return [head];
  return ['cmsis-dap', 'jlink', 'sdp'];
}

/** Plugs one virtual probe in, if this build of the sim has it; undefined otherwise. */
function attachSimProbe(
  dapVersion: 'v1' | 'v2',
  id: DriverId,
  board: SimBoard,
  hid: VirtualHidBinding,
  usb: VirtualUsbBinding,
  _container: DependencyContainer,
): { driverOptions: unknown } | undefined {
  switch (id) {
    case 'cmsis-dap':
      // v2 (bulk, high speed) as on an MCU-Link; IMXFLASH_SIM_DAP=v1 plugs in the HID variant.
      attachSimCmsisDap(board, { hid, usb }, { version: dapVersion });
      return { driverOptions: undefined };
    case 'sdp':
      // As if the BOOT_MODE pins were set to serial downloader for this run: the ROM answers on
      // USB HID; the board's saved boot pins stay as they are, so the boot verdict after a flash
      // is what the board does when it is switched back to internal boot.
      attachSimSerialDownloader(board, hid);
      // The sim's flashloader stand-in (it cannot run NXP's ARM code); a --flashloader wins.
      return { driverOptions: { flashloader: buildSimFlashloaderImage() } };
    case 'jlink':
      return undefined;
  }
}
