import type { JlinkVersion } from '../version/jlink-version.js';

/** One J-Link software installation on this host. */
export interface JlinkInstallation {
  /** The install folder (`/opt/SEGGER/JLink_V794e`, `C:\Program Files\SEGGER\JLink_V682d`). */
  readonly dir: string;
  /** Absolute path of the Commander inside it (JLinkExe, or JLink.exe on Windows). */
  readonly exe: string;
  readonly version: JlinkVersion;
  /** Where the version came from: the Commander's banner (authoritative) or the folder name. */
  readonly versionSource: 'banner' | 'folder-name';
  /** How it was found. */
  readonly foundBy: 'default-folder' | 'path' | 'configured';
}
