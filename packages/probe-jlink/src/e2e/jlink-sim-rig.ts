import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NodeFileSystem } from '@imxflash/bindings-node';
import { FILE_SYSTEM, PROCESS_RUNNER, type ProgressEvent } from '@imxflash/core';
import { createSimBoard, createSimJlinkInstallations, simJlinkProcessRunner } from '@imxflash/sim';
import { container } from 'tsyringe';
import { nodeJlinkHost } from '../discovery/node-jlink-host.js';
import { JlinkDriver } from '../driver/jlink-driver.js';
import { JLINK_HOST, type JlinkDriverOptions } from '../driver/jlink-options.js';
import { registerJlinkDriver } from '../driver/register.js';

/**
 * Fake J-Link installs (the sim's stand-in as JLinkExe) in a temp folder, a virtual board, the
 * real NodeFileSystem and discovery, the stand-in run in-process at the PROCESS_RUNNER seam.
 */
export async function jlinkSimRig(versions: readonly string[], options: JlinkDriverOptions = {}) {
  const root = await mkdtemp(path.join(tmpdir(), 'imxflash-jlink-e2e-'));
  const installs = await createSimJlinkInstallations(root, versions);
  const board = createSimBoard({ chip: 'rt1052', flash: 'is25wp064a' });
  const fs = new NodeFileSystem();
  const runner = simJlinkProcessRunner({ board, files: fs });
  const c = container.createChildContainer();
  c.register(PROCESS_RUNNER, { useValue: runner });
  c.register(FILE_SYSTEM, { useValue: fs });
  // The real host view, without PATH, so only the temp folder's installs are found.
  c.register(JLINK_HOST, { useValue: { ...nodeJlinkHost(), env: {} } });
  registerJlinkDriver(c, { searchFolders: [root], ...options });
  const driver = c.resolve(JlinkDriver);
  const events: ProgressEvent[] = [];
  return {
    root,
    installs,
    board,
    runner,
    driver,
    events,
    context: { clock: board.clock, onProgress: (e: ProgressEvent) => void events.push(e) },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** A second driver on the same board and installs, configured with `installPath` (strict policy). */
export async function jlinkSimRigWithPath(rig: Awaited<ReturnType<typeof jlinkSimRig>>, installPath: string) {
  const c = container.createChildContainer();
  c.register(PROCESS_RUNNER, { useValue: rig.runner });
  c.register(FILE_SYSTEM, { useValue: new NodeFileSystem() });
  c.register(JLINK_HOST, { useValue: { ...nodeJlinkHost(), env: {} } });
  registerJlinkDriver(c, { searchFolders: [rig.root], installPath, policy: 'strict' });
  return { driver: c.resolve(JlinkDriver) };
}
