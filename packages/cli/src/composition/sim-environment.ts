import { dirname, join } from 'node:path';
import { NodeFileSystem } from '@imxflash/bindings-node';
import { CLOCK, FILE_SYSTEM, HID_BINDING, ImxflashError, PROCESS_RUNNER, SERIAL_BINDING, USB_BINDING, type DriverId } from '@imxflash/core';
import {
  attachSimCmsisDap, attachSimSerialDownloader, attachSimSerialDownloaderUart, buildSimFlashloaderImage, createSimJlinkInstallations, simJlinkProcessRunner, saveBoardState,
  VirtualHidBinding, VirtualSerialBinding, VirtualUsbBinding, type SimBoard,
} from '@imxflash/sim';
import type { DependencyContainer } from 'tsyringe';
import type { BoardChoice } from '../commands/board-options.js';
import type { CommandContext } from '../context.js';
import { BoardHidBinding } from './board-hid-binding.js';
import { loadSimBoard, type SimGangSlot } from './sim-board-file.js';

/** The virtual board of one `--sim` run, with the state file it came from and goes back to. */
export interface SimRun {
  readonly board: SimBoard;
  readonly statePath: string;
  /** False on the first run (an erased board). */
  readonly resumed: boolean;
  readonly hid: VirtualHidBinding;
  readonly usb: VirtualUsbBinding;
  readonly serial: VirtualSerialBinding;
  /** The serial downloader's virtual UART, when `--probe sdp:serial` or `--port` asked for the UART. */
  readonly uartPath: string | undefined;
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
export async function openSimEnvironment(
  ctx: CommandContext,
  choice: BoardChoice,
  container: DependencyContainer,
  drivers: readonly DriverId[],
  everyProbe: boolean,
  port: string | undefined,
  gang?: SimGangSlot,
): Promise<SimRun> {
  const { board, statePath, resumed } = await loadSimBoard(ctx, choice, gang);
  const hid = new VirtualHidBinding(board.clock, board.faults.link);
  const usb = new VirtualUsbBinding(board.clock, board.faults.link);
  const serial = new VirtualSerialBinding(board.clock, board.faults.link);
  const inGang = gang !== undefined && gang.count > 1;
  container.register(CLOCK, { useValue: board.clock });
  // In a gang each board has its own binding; the prefix keeps their HID paths apart.
  container.register(HID_BINDING, { useValue: inGang ? new BoardHidBinding(hid, `sim-board${gang.index}/`) : hid });
  container.register(USB_BINDING, { useValue: usb });
  container.register(SERIAL_BINDING, { useValue: serial });
  // Real files (J-Link command files go to a temp folder, as on hardware).
  const files = new NodeFileSystem();
  container.register(FILE_SYSTEM, { useValue: files });

  const attached: DriverId[] = [];
  const options = new Map<DriverId, unknown>();
  const wanted: DriverId[] = port !== undefined ? ['sdp'] : simProbesFor(ctx.settings.probe);
  // The ROM's UART instead of its USB HID: the selector names the serial link, or a port was given.
  const overUart = port !== undefined || /^sdp:(serial|\/|com\d)/i.test(ctx.settings.probe.trim());
  let uartPath: string | undefined;
  for (const id of wanted) {
    // `auto`: only the first driver this build has, so auto picks one probe without ambiguity
    // (`probes` and `doctor` list them all: they pick nothing).
    if (wanted.length > 1 && (!drivers.includes(id) || (attached.length > 0 && !everyProbe))) continue;
    if (id === 'sdp' && overUart) {
      uartPath = attachSimSerialDownloaderUart(board, serial).path;
      ctx.detail(`sim: the serial downloader's UART is ${uartPath}${port !== undefined ? ` (standing in for ${port})` : ''}`);
      attached.push(id);
      options.set(id, { flashloader: buildSimFlashloaderImage(), port: uartPath });
      continue;
    }
    const plugged = await attachSimProbe(id, { ctx, board, hid, usb, container, files, statePath, ...(inGang ? { dapSerial: simDapSerial(gang.index) } : {}) });
    attached.push(id);
    options.set(id, plugged.driverOptions);
  }
  // A cable pulled mid-run, for trying out what a transport failure looks like (and that a rerun completes).
  const unplugAfter = ctx.io.env['IMXFLASH_SIM_UNPLUG_AFTER'];
  if (unplugAfter !== undefined && unplugAfter !== '' && unpluggedHere(ctx, gang)) {
    const bytes = Number(unplugAfter);
    if (!Number.isInteger(bytes) || bytes < 0) {
      throw new ImxflashError('CONFIG_BAD_OPTION', `IMXFLASH_SIM_UNPLUG_AFTER='${unplugAfter}' is not a byte count`, { hint: 'Set it to the bytes the link carries before the virtual cable is pulled, e.g. 20000.' });
    }
    board.faults.link.disconnectAfterBytes(bytes);
  }
  ctx.detail(`sim: ${inGang ? `board ${gang.index}: ` : ''}${choice.chip.name} + ${choice.part.id}, state ${statePath}${resumed ? '' : ' (new, erased)'}; probes: ${attached.join(', ') || 'none'}`);

  return {
    board,
    statePath,
    resumed,
    hid,
    usb,
    serial,
    uartPath,
    attached,
    driverOptions: (id) => options.get(id),
    save: () => saveBoardState(board, statePath),
  };
}

/** The USB serial of gang board `index`'s virtual CMSIS-DAP probe (`SIMDAP0003`), so `--serial` tells them apart. */
export function simDapSerial(index: number): string {
  return `SIMDAP${String(index).padStart(4, '0')}`;
}

/**
 * Whether IMXFLASH_SIM_UNPLUG_AFTER applies to this board: every board, or in a gang only the one
 * IMXFLASH_SIM_UNPLUG_BOARD names (one board failing while the others finish).
 */
function unpluggedHere(ctx: CommandContext, gang: SimGangSlot | undefined): boolean {
  const which = ctx.io.env['IMXFLASH_SIM_UNPLUG_BOARD'];
  if (which === undefined || which === '') return true;
  const n = Number(which);
  if (!Number.isInteger(n) || n < 1) {
    throw new ImxflashError('CONFIG_BAD_OPTION', `IMXFLASH_SIM_UNPLUG_BOARD='${which}' is not a board number`, { hint: 'Set it to the board of the gang (1, 2, …) whose cable is pulled.' });
  }
  return (gang?.index ?? 1) === n;
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

/** J-Link versions the sim installs when IMXFLASH_SIM_JLINK does not list others (one without known RT105x issues). */
const DEFAULT_SIM_JLINK_VERSIONS = ['V7.94e'];

/** Plugs one virtual probe in. */
async function attachSimProbe(
  id: DriverId,
  o: { ctx: CommandContext; board: SimBoard; hid: VirtualHidBinding; usb: VirtualUsbBinding; container: DependencyContainer; files: NodeFileSystem; statePath: string; dapSerial?: string },
): Promise<{ driverOptions: unknown }> {
  const { board, hid, usb, container } = o;
  switch (id) {
    case 'cmsis-dap':
      // v2 (bulk, high speed) as on an MCU-Link; IMXFLASH_SIM_DAP=v1 plugs in the HID variant.
      attachSimCmsisDap(board, { hid, usb }, { version: o.ctx.io.env['IMXFLASH_SIM_DAP'] === 'v1' ? 'v1' : 'v2', ...(o.dapSerial !== undefined ? { serial: o.dapSerial } : {}) });
      return { driverOptions: undefined };
    case 'sdp':
      // As if the BOOT_MODE pins were set to serial downloader for this run: the ROM answers on
      // USB HID; the board's saved boot pins stay as they are, so the boot verdict after a flash
      // is what the board does when it is switched back to internal boot.
      attachSimSerialDownloader(board, hid);
      // The sim's flashloader stand-in (it cannot run NXP's ARM code); a --flashloader wins.
      return { driverOptions: { flashloader: buildSimFlashloaderImage() } };
    case 'jlink': {
      // J-Link installs whose JLinkExe is the sim's stand-in (IMXFLASH_SIM_JLINK=V6.82d,V7.94e to
      // reproduce a version's known issues), next to the state file; run in-process on the board.
      const versions = (o.ctx.io.env['IMXFLASH_SIM_JLINK'] ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');
      const root = join(dirname(o.statePath), 'sim-jlink');
      await createSimJlinkInstallations(root, versions.length > 0 ? versions : DEFAULT_SIM_JLINK_VERSIONS);
      container.register(PROCESS_RUNNER, { useValue: simJlinkProcessRunner({ board, files: o.files }) });
      // The host view without PATH, so only the sim's installs are found (not a real one on PATH).
      // Loaded here: the driver package needs tsyringe, which device environments have set up.
      const { JLINK_HOST, nodeJlinkHost } = await import('@imxflash/probe-jlink');
      container.register(JLINK_HOST, { useValue: { ...nodeJlinkHost(), env: {} } });
      return { driverOptions: { searchFolders: [root] } };
    }
  }
}
