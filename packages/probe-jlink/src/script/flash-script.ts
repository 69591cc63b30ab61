import { pathFor } from '../discovery/install-locations.js';
import type { JlinkVersion } from '../version/jlink-version.js';
import { quoteJlinkPath } from './check-path.js';
import { serializeCommandFile } from './command-file.js';
import { devicesXml } from './devices-xml.js';
import type { LoaderSelection } from './loader-selection.js';
import { scriptFeatures } from './script-features.js';
import type { PreparedRun, ScratchFile } from '../runner/run-commander.js';

/** One thing a Commander run does to the flash; a run batches several (each JLinkExe start costs a connect). */
export type JlinkOperation =
  /** Afterwards [address, address + bytes) reads 0xFF; both multiples of the sector size. */
  | { readonly kind: 'erase'; readonly address: number; readonly bytes: number }
  /**
   * loadbin: a flash download, which compares on the target, erases and programs only the sectors
   * that differ (keeping their bytes outside the file) and reads back what it programmed.
   */
  | { readonly kind: 'program'; readonly address: number; readonly data: Uint8Array }
  /** savebin; the bytes come back in the run's result. */
  | { readonly kind: 'read'; readonly address: number; readonly bytes: number }
  /** Reset and run (`r`, `g`). */
  | { readonly kind: 'reset' }
  /** `w4`: one 32-bit write on the target's bus (registers; never the flash window). */
  | { readonly kind: 'write32'; readonly address: number; readonly value: number }
  /** `mem32 <addr>, 1`: one 32-bit read; the word comes back from the run's stdout (output/parse-mem32.ts). */
  | { readonly kind: 'read32'; readonly address: number }
  /** `Sleep <ms>`: gives the target time between two register steps. */
  | { readonly kind: 'sleep'; readonly ms: number };

export interface FlashScriptOptions {
  readonly version: JlinkVersion;
  readonly platform: string;
  readonly loader: LoaderSelection;
  readonly speedKhz: number;
  /** Select the J-Link by serial number. */
  readonly serial?: string;
  readonly operations: readonly JlinkOperation[];
}

export interface FlashScript extends PreparedRun {
  /** Command-file lines, as written. */
  readonly lines: readonly string[];
  /** Absolute path of each read operation's savebin file, by operation index. */
  readonly readFiles: ReadonlyMap<number, string>;
}

export const COMMAND_FILE_NAME = 'imxflash.jlink';
export const DEVICES_XML_NAME = 'JLinkDevices.xml';
export const SETTINGS_FILE_NAME = 'imxflash.jlinksettings';

const hex = (n: number) => `0x${n.toString(16).toUpperCase().padStart(8, '0')}`;

/**
 * The files and argv of one Commander run in scratch folder `dir` (research/jlink.md §0, §1):
 * `-ExitOnError 1` always, `-NoGui 1` from V6.80, the device (with loader suffix from V7.70d, or
 * a settings file whose folder holds the override JLinkDevices.xml), SWD, the speed; a command
 * file with LF line ends and no comments: connect, halt, the operations, exit. Data files are
 * binary files in the folder, named by absolute quoted path. From V7.70 loadbin and erase get
 * `noreset` (they would reset the halted core). Before V7.54b a range erase is a loadbin of 0xFF
 * bytes (old `erase` takes no range, and a bad parameter meant chip erase). No verifybin after a
 * loadbin: the download reads back what it programmed (SEGGER's L1 verify, on for downloads by
 * default) and flash() reads back what it wrote afterwards; a verifybin would move every byte over
 * SWD once more, also for sectors the download skipped as unchanged.
 */
export function buildFlashScript(dir: string, o: FlashScriptOptions): FlashScript {
  const p = pathFor(o.platform);
  const f = scriptFeatures(o.version);
  const files: ScratchFile[] = [];
  const lines: string[] = ['connect', 'h'];
  const readFiles = new Map<number, string>();
  const noreset = f.implicitReset ? ', noreset' : '';
  const loadbin = (file: string, address: number) =>
    f.implicitReset ? `loadbin ${quoteJlinkPath(file, o.platform, 'data')} ${hex(address)}${noreset}` : `loadbin ${quoteJlinkPath(file, o.platform, 'data')}, ${hex(address)}`;

  o.operations.forEach((op, i) => {
    switch (op.kind) {
      case 'erase': {
        if (op.bytes <= 0) return;
        if (f.eraseRange) {
          // End address inclusive: the last byte's sector is erased whichever way J-Link reads <EAddr> (UNVERIFIED which).
          lines.push(`erase ${hex(op.address)}, ${hex(op.address + op.bytes - 1)}${noreset}`);
        } else {
          const name = `erase-${i}.bin`;
          files.push({ name, content: new Uint8Array(op.bytes).fill(0xff) });
          lines.push(loadbin(p.join(dir, name), op.address));
        }
        return;
      }
      case 'program': {
        const name = `data-${i}.bin`;
        files.push({ name, content: op.data });
        lines.push(loadbin(p.join(dir, name), op.address));
        return;
      }
      case 'read': {
        const file = p.join(dir, `read-${i}.bin`);
        readFiles.set(i, file);
        lines.push(`savebin ${quoteJlinkPath(file, o.platform, 'data')}, ${hex(op.address)}, ${hex(op.bytes)}`);
        return;
      }
      case 'reset':
        lines.push('r', 'g');
        return;
      // W1/W2/W4 <Addr>, <Data> (hex); Mem32 <Addr>, <NumItems> (hex); Sleep <Delay> in ms (research/jlink.md §1.2, 7.94g help).
      case 'write32':
        lines.push(`w4 ${hex(op.address)}, ${hex(op.value)}`);
        return;
      case 'read32':
        lines.push(`mem32 ${hex(op.address)}, 1`);
        return;
      case 'sleep':
        // Whole milliseconds, rounded up so the target gets at least the time asked. UNVERIFIED: whether
        // <Delay> is decimal (the help says ms, not hex); 1–9 read the same either way.
        if (op.ms > 0) lines.push(`Sleep ${Math.ceil(op.ms)}`);
        return;
    }
  });
  lines.push('exit');
  files.push({ name: COMMAND_FILE_NAME, content: serializeCommandFile(lines) });

  const args: string[] = [];
  if (f.noGui) args.push('-NoGui', '1');
  args.push('-ExitOnError', '1');
  if (o.serial !== undefined) args.push('-SelectEmuBySN', o.serial);
  args.push('-Device', o.loader.deviceArg, '-If', 'SWD', '-Speed', String(o.speedKhz));
  if (o.loader.mode === 'xml') {
    // The DLL reads JLinkDevices.xml from the settings file's folder (research/jlink.md §1.1, §3.2);
    // UNVERIFIED: that an empty settings file is accepted.
    files.push({ name: DEVICES_XML_NAME, content: devicesXml(o.loader.xml) }, { name: SETTINGS_FILE_NAME, content: '' });
    args.push('-SettingsFile', p.join(dir, SETTINGS_FILE_NAME));
  }
  args.push('-CommandFile', p.join(dir, COMMAND_FILE_NAME));
  return { files, args, lines, readFiles };
}
