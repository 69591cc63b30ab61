import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NodeFileSystem } from '@imxflash/bindings-node';
import {
  CLOCK, FILE_SYSTEM, HID_BINDING, PROBE_DRIVER, PROCESS_RUNNER, SERIAL_BINDING, parseProbeSelector, type ProbeDriver, type ProbeSession, type ProcessRunner,
  type ProbeSelector,
} from '@imxflash/core';
import { CmsisDapDriver, type CmsisDapOptions } from '@imxflash/probe-cmsisdap';
import { JLINK_HOST, JlinkDriver, nodeJlinkHost, registerJlinkDriver } from '@imxflash/probe-jlink';
import { registerSdpDriver } from '@imxflash/probe-sdp';
import {
  attachSimCmsisDap, attachSimSerialDownloader, attachSimSerialDownloaderUart, buildSimFlashloaderImage, createSimBoard, createSimJlinkInstallations,
  simJlinkProcessRunner, VirtualHidBinding, VirtualSerialBinding, VirtualUsbBinding, type SimBoard, type SimBoardOptions, type SimCmsisDap,
  type SimSerialDownloader,
} from '@imxflash/sim';
import { container as root } from 'tsyringe';
import { countLinkTraffic, type LinkTraffic } from './link-traffic.js';

/** One driver on one link, as the fault matrix and the transport benchmark run them. */
export type SimTransport = 'sdp-hid' | 'sdp-uart' | 'dap-v2' | 'dap-v1' | 'jlink';

export const SIM_TRANSPORTS: readonly SimTransport[] = ['sdp-hid', 'sdp-uart', 'dap-v2', 'dap-v1', 'jlink'];

export const TRANSPORT_LABEL: Readonly<Record<SimTransport, string>> = {
  'sdp-hid': 'SDP → flashloader, USB HS HID',
  'sdp-uart': 'SDP → flashloader, UART 115200',
  'dap-v2': 'CMSIS-DAP v2, USB HS bulk',
  'dap-v1': 'CMSIS-DAP v1, USB FS HID',
  jlink: 'J-Link (JLinkExe stand-in V7.94e)',
};

export interface SimDriverRigOptions {
  /** The board (default RT1052 + IS25WP064A; SDP rigs add `boot: 'serial-downloader'`). */
  readonly board?: SimBoardOptions;
  /** UART speed of the SDP UART rig (default 115200). */
  readonly baudRate?: number;
  readonly cmsisDap?: CmsisDapOptions;
  /** J-Link: base timeout per JLinkExe run (the driver's default otherwise). */
  readonly jlinkTimeoutMs?: number;
}

export interface SimDriverRig {
  readonly transport: SimTransport;
  readonly board: SimBoard;
  /** Packets and round trips on the virtual USB/UART link (nothing for J-Link: no link is modelled there). */
  readonly traffic: LinkTraffic;
  /** Opens a session to the rig's probe. */
  open(): Promise<ProbeSession>;
  /**
   * After a disconnect: the device is back (USB replugged: the SDP board power-cycles into its
   * ROM, the CMSIS-DAP probe re-enumerates). The flash keeps what it holds.
   */
  replug(): void;
  /**
   * Pulls the plug now: the next USB/UART packet fails as on a vanished device; for J-Link the
   * next JLinkExe runs find no J-Link (the stand-in with the probe unplugged).
   */
  unplug(): void;
  /** J-Link: the next JLinkExe run is killed by the runner's timeout, as a hung JLinkExe is. */
  killNextProcessRun(): void;
  /** The virtual CMSIS-DAP probe (its SWD fault plan: WAIT storms), for the CMSIS-DAP rigs. */
  dapProbe(): SimCmsisDap | undefined;
  /** The SWD clock the modelled link runs at (CMSIS-DAP probe's, J-Link's), or undefined. */
  swdClockHz(): number | undefined;
  /** JLinkExe runs so far (J-Link only). */
  jlinkRuns(): number;
  cleanup(): Promise<void>;
}

/**
 * Builds a board with `transport`'s virtual probe plugged in and the real driver composed over
 * the virtual bindings, as the drivers' own end-to-end rigs and the CLI's `--sim` do.
 */
export async function createSimDriverRig(transport: SimTransport, options: SimDriverRigOptions = {}): Promise<SimDriverRig> {
  switch (transport) {
    case 'sdp-hid':
    case 'sdp-uart':
      return sdpRig(transport, options);
    case 'dap-v1':
    case 'dap-v2':
      return dapRig(transport, options);
    case 'jlink':
      return jlinkRig(options);
  }
}

function sdpRig(transport: 'sdp-hid' | 'sdp-uart', options: SimDriverRigOptions): SimDriverRig {
  const board = createSimBoard({ boot: 'serial-downloader', ...options.board });
  const traffic = countLinkTraffic(board.faults.link);
  const hid = new VirtualHidBinding(board.clock, board.faults.link);
  const serial = new VirtualSerialBinding(board.clock, board.faults.link);
  const uart = transport === 'sdp-uart';
  const sd: SimSerialDownloader = uart ? attachSimSerialDownloaderUart(board, serial) : attachSimSerialDownloader(board, hid);
  const c = root.createChildContainer();
  c.register(CLOCK, { useValue: board.clock });
  c.register(HID_BINDING, { useValue: hid });
  c.register(SERIAL_BINDING, { useValue: serial });
  registerSdpDriver(c, {
    flashloader: buildSimFlashloaderImage(),
    ...(uart ? { port: sd.path!, baudRate: options.baudRate ?? 115200 } : {}),
  });
  const driver = c.resolveAll(PROBE_DRIVER)[0]!;
  const selector: ProbeSelector = { text: uart ? 'sdp:uart' : 'sdp:hid', driver: 'sdp', link: uart ? 'serial' : 'usb' };
  return {
    transport,
    board,
    traffic,
    open: () => driver.open(selector, { clock: board.clock }),
    replug: () => {
      board.faults.link.reconnect();
      sd.powerCycle();
    },
    unplug: () => board.faults.link.disconnectAfterBytes(0),
    killNextProcessRun: () => notJlink(transport),
    dapProbe: () => undefined,
    swdClockHz: () => undefined,
    jlinkRuns: () => 0,
    cleanup: async () => undefined,
  };
}

function dapRig(transport: 'dap-v1' | 'dap-v2', options: SimDriverRigOptions): SimDriverRig {
  const version = transport === 'dap-v1' ? 'v1' : 'v2';
  const board = createSimBoard(options.board);
  const traffic = countLinkTraffic(board.faults.link);
  const hid = new VirtualHidBinding(board.clock, board.faults.link);
  const usb = new VirtualUsbBinding(board.clock, board.faults.link);
  let probe: SimCmsisDap = attachSimCmsisDap(board, { hid, usb }, { version });
  const driver: ProbeDriver = new CmsisDapDriver(board.clock, usb, hid, options.cmsisDap ?? {});
  return {
    transport,
    board,
    traffic,
    open: () => driver.open(parseProbeSelector('cmsis-dap'), { clock: board.clock }),
    replug: () => {
      probe.detach();
      board.faults.link.reconnect();
      probe = attachSimCmsisDap(board, { hid, usb }, { version });
    },
    unplug: () => board.faults.link.disconnectAfterBytes(0),
    killNextProcessRun: () => notJlink(transport),
    dapProbe: () => probe,
    swdClockHz: () => probe.swjClockHz,
    jlinkRuns: () => 0,
    cleanup: async () => undefined,
  };
}

/** J-Link's default SWD speed (research/jlink.md §1.1; the driver's default). */
const JLINK_SPEED_KHZ = 4000;

async function jlinkRig(options: SimDriverRigOptions): Promise<SimDriverRig> {
  const dir = await mkdtemp(path.join(tmpdir(), 'imxflash-fault-matrix-jlink-'));
  await createSimJlinkInstallations(dir, ['V7.94e']);
  const board = createSimBoard(options.board);
  const traffic = countLinkTraffic(board.faults.link);
  const files = new NodeFileSystem();
  const standIn = simJlinkProcessRunner({ board, files });
  const noProbe = simJlinkProcessRunner({ board, files, probeConnected: false });
  let unplugged = false;
  let killNext = false;
  const runner: ProcessRunner = {
    run: (exe, args, runOptions) => {
      if (unplugged) return noProbe.run(exe, args, runOptions);
      if (!killNext) return standIn.run(exe, args, runOptions);
      killNext = false;
      // The stand-in ends a run whose modelled time exceeds its timeout as killed (exit code null,
      // timedOut), as the real runner reports a JLinkExe it had to kill.
      return standIn.run(exe, args, { ...runOptions, timeoutMs: 1 });
    },
  };
  const c = root.createChildContainer();
  c.register(PROCESS_RUNNER, { useValue: runner });
  c.register(FILE_SYSTEM, { useValue: files });
  // The host view without PATH, so only the temp folder's installs are found.
  c.register(JLINK_HOST, { useValue: { ...nodeJlinkHost(), env: {} } });
  registerJlinkDriver(c, { searchFolders: [dir], ...(options.jlinkTimeoutMs !== undefined ? { timeoutMs: options.jlinkTimeoutMs } : {}) });
  const driver = c.resolve(JlinkDriver);
  return {
    transport: 'jlink',
    board,
    traffic,
    open: () => driver.open(parseProbeSelector('jlink'), { clock: board.clock }),
    replug: () => {
      unplugged = false;
    },
    unplug: () => {
      unplugged = true;
    },
    killNextProcessRun: () => {
      killNext = true;
    },
    dapProbe: () => undefined,
    swdClockHz: () => JLINK_SPEED_KHZ * 1000,
    jlinkRuns: () => standIn.runs.filter((r) => r.args.includes('-Device')).length,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

function notJlink(transport: SimTransport): never {
  throw new RangeError(`killNextProcessRun: ${transport} runs no JLinkExe`);
}
