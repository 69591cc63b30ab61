import { readdir, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import type { JlinkHost } from './jlink-host.js';

/** The real host: this process's platform and environment, node:fs for the queries (read-only). */
export function nodeJlinkHost(): JlinkHost {
  return {
    platform: process.platform,
    env: process.env,
    homeDir: homedir(),
    listDir: async (dir) => readdir(dir).catch(() => []),
    isFile: async (path) =>
      stat(path).then(
        (s) => s.isFile(),
        () => false,
      ),
    realPath: async (path) => realpath(path).catch(() => path),
  };
}
