import { ImxflashError } from '@imxflash/core';
import { pathFor } from '../discovery/install-locations.js';

/**
 * Refuses a path that could not be written safely into a command file or JLinkDevices.xml
 * (DESIGN §6, STYLE R16): relative paths, line breaks and other control characters (they would
 * start a new command), double quotes (they would end the quoted argument), and the XML
 * metacharacters < > & (the same path may go into the XML). Returns the path.
 */
export function checkJlinkPath(path: string, platform: string, what: string): string {
  // eslint-disable-next-line no-control-regex
  const bad = /[\u0000-\u001f\u007f"<>&]/.exec(path);
  if (bad !== null) {
    throw new ImxflashError('JLINK_BAD_PATH', `${what} path ${JSON.stringify(path)} contains ${JSON.stringify(bad[0])}, which a J-Link command file cannot carry safely`, {
      hint: 'Move or rename the file (or set TMPDIR/TEMP to a plain folder) so its path has no quotes, line breaks, control characters or < > &.',
      details: { path, character: bad[0] },
    });
  }
  // On Windows `\\x` is relative to the current drive: require a drive letter or a UNC path.
  const absolute = platform === 'win32' ? /^([a-z]:[\\/]|\\\\)/i.test(path) : pathFor(platform).isAbsolute(path);
  if (!absolute) {
    throw new ImxflashError('JLINK_BAD_PATH', `${what} path ${JSON.stringify(path)} is not absolute`, {
      hint: 'JLinkExe resolves relative paths against its own working folder; give an absolute path.',
      details: { path },
    });
  }
  return path;
}

/** The path in double quotes, as Zephyr writes `loadfile "<path>"` (research/jlink.md §0.6). */
export function quoteJlinkPath(path: string, platform: string, what: string): string {
  return `"${checkJlinkPath(path, platform, what)}"`;
}
