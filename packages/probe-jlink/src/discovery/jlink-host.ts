/**
 * The view of the host that discovery needs (injected, so tests and the sim describe any OS):
 * the platform, the environment, the home folder and two read-only file queries.
 */
export interface JlinkHost {
  /** `process.platform` values: 'linux', 'win32', 'darwin'; others are treated as Linux. */
  readonly platform: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  /** Entry names in `dir` (not paths); [] when it does not exist or cannot be read. Never rejects. */
  listDir(dir: string): Promise<readonly string[]>;
  /** True when `path` is a file (following symlinks). Never rejects. */
  isFile(path: string): Promise<boolean>;
  /** The path with symlinks resolved (`/usr/bin/JLinkExe` → `/opt/SEGGER/JLink_V794e/JLinkExe`); `path` itself when that fails. */
  realPath(path: string): Promise<string>;
}
