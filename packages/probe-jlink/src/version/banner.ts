import { tryParseJlinkVersion, type JlinkVersion } from './jlink-version.js';

/** What the first lines of JLinkExe's output say about the installation. */
export interface JlinkBanner {
  readonly version: JlinkVersion;
  /** `Jan 24 2024 15:05:11` as printed after "Compiled". */
  readonly compiled?: string;
  /** From `DLL version V…` (differs from the Commander's own when a DLL was swapped in). */
  readonly dllVersion?: JlinkVersion;
}

// research/jlink.md §2.1: `SEGGER J-Link Commander V%d.%.2d%s (Compiled %s %s)` (6.80d: %02d, same text),
// then `DLL version V%d.%.2d%s, compiled %s`; §5.2 method A matches the first line.
const COMMANDER_RE = /^SEGGER J-Link Commander V(\d+\.\d+[a-z]?)(?: \(Compiled ([^)]*)\))?/m;
const DLL_RE = /^DLL version V(\d+\.\d+[a-z]?)/m;

/** The banner in `stdout`, or undefined when there is none (not JLinkExe, or it crashed first). */
export function parseJlinkBanner(stdout: string): JlinkBanner | undefined {
  const text = stdout.replace(/\r\n?/g, '\n');
  const m = COMMANDER_RE.exec(text);
  const version = m === null ? undefined : tryParseJlinkVersion(m[1]!);
  if (version === undefined) return undefined;
  const dll = DLL_RE.exec(text);
  const dllVersion = dll === null ? undefined : tryParseJlinkVersion(dll[1]!);
  return {
    version,
    ...(m?.[2] !== undefined ? { compiled: m[2] } : {}),
    ...(dllVersion !== undefined ? { dllVersion } : {}),
  };
}
