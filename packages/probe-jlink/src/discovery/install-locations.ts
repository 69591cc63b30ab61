import path from 'node:path';

/** Path rules of the host OS (J-Link paths are built for the host, not for the machine running tests). */
export function pathFor(platform: string): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** The Commander's file name (research/jlink.md §5.1): JLink.exe on Windows, JLinkExe elsewhere. */
export function commanderExeName(platform: string): string {
  return platform === 'win32' ? 'JLink.exe' : 'JLinkExe';
}

/**
 * Folders that hold versioned installs side by side (`JLink_V682d`, `JLink_V794e`, and the
 * unversioned `JLink` link) per OS (research/jlink.md §5.1):
 * Linux `/opt/SEGGER`; macOS `/Applications/SEGGER`; Windows `%ProgramFiles%\SEGGER` and
 * `%ProgramFiles(x86)%\SEGGER` (with the usual C:\ defaults when the variables are unset).
 */
export function seggerRootFolders(platform: string, env: Readonly<Record<string, string | undefined>>): string[] {
  if (platform === 'win32') {
    const p = path.win32;
    const roots = [env['ProgramFiles'] ?? 'C:\\Program Files', env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)', env['ProgramW6432']];
    return [...new Set(roots.filter((r): r is string => r !== undefined && r !== '').map((r) => p.join(r, 'SEGGER')))];
  }
  if (platform === 'darwin') return ['/Applications/SEGGER'];
  return ['/opt/SEGGER'];
}

/** Directories on PATH, split with the OS's separator; empty entries dropped. */
export function pathDirectories(platform: string, env: Readonly<Record<string, string | undefined>>): string[] {
  const value = env['PATH'] ?? env['Path'] ?? '';
  const dirs = value.split(platform === 'win32' ? ';' : ':').filter((d) => d !== '');
  // nrf-jlink-js adds /usr/local/bin on macOS, where the installer puts its links (research/jlink.md §5.1).
  if (platform === 'darwin' && !dirs.includes('/usr/local/bin')) dirs.push('/usr/local/bin');
  return dirs;
}

/** True for an install folder name: `JLink`, `JLink_V794e`, `JLink_V682d` (case as SEGGER writes it, compared without case). */
export function isInstallFolderName(name: string): boolean {
  return /^jlink(_v\d{3}[a-z]?)?$/i.test(name);
}
