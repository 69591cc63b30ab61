import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSimBoard } from '../board/create-sim-board.js';
import { saveBoardState, tryLoadBoardState } from '../state/board-state-file.js';
import { runJlinkStandIn, type StandInFiles } from './jlink-stand-in.js';
import { SIM_JLINK_MARKER, type SimJlinkMarker } from './sim-jlink-installations.js';

const nodeFiles: StandInFiles = {
  readFile: async (p) => readFile(p),
  writeFile: async (p, data) => writeFile(p, data),
  exists: async (p) =>
    access(p).then(
      () => true,
      () => false,
    ),
};

/**
 * The stand-in as a process: `scriptUrl` is the JLinkExe script inside a fake installation
 * (createSimJlinkInstallations); its folder's marker names the version and the board state
 * file, which is loaded before and saved after the run, so `imxflash --sim` and this process
 * share one board. Prints the Commander's output; returns its exit code.
 */
export async function jlinkStandInMain(argv: readonly string[], scriptUrl: URL): Promise<number> {
  const dir = path.dirname(fileURLToPath(scriptUrl));
  const marker = JSON.parse(await readFile(path.join(dir, SIM_JLINK_MARKER), 'utf8')) as SimJlinkMarker;
  const state = marker.boardStatePath === undefined ? undefined : await tryLoadBoardState(marker.boardStatePath);
  const board = createSimBoard(state !== undefined ? { state } : { ...(marker.chip ? { chip: marker.chip } : {}), ...(marker.flash ? { flash: marker.flash } : {}) });
  const result = await runJlinkStandIn(argv, {
    board,
    version: marker.version,
    installDir: dir,
    files: nodeFiles,
    platform: process.platform,
    ...(marker.probeSerial !== undefined ? { probeSerial: marker.probeSerial } : {}),
  });
  process.stdout.write(result.stdout);
  if (marker.boardStatePath !== undefined) await saveBoardState(board, marker.boardStatePath);
  return result.exitCode;
}
