import {
  ImxflashError, requireCapability, withEraseTiming, type Capabilities, type FlashDevice, type ProbeInfo, type ProbeSession, type ResetKind, type SessionContext,
  type TargetSpec,
} from '@imxflash/core';
import type { JlinkHost } from '../discovery/jlink-host.js';
import type { JlinkInstallation } from '../discovery/jlink-installation.js';
import { jlinkFamilyOf } from '../known-issues/chip-family.js';
import { checkCommanderResult, type ExpectedOutcome } from '../output/check-result.js';
import { parseMem32Reads } from '../output/parse-mem32.js';
import { runCommander, type CommanderDeps } from '../runner/run-commander.js';
import { jlinkDeviceName } from '../script/device-name.js';
import { buildFlashScript, type JlinkOperation } from '../script/flash-script.js';
import { selectLoader, type LoaderSelection } from '../script/loader-selection.js';
import { scriptFeatures } from '../script/script-features.js';
import { formatJlinkVersion, parseJlinkVersion } from '../version/jlink-version.js';
import { selectJlinkInstallation, type VersionSelection } from '../version/version-policy.js';
import { JlinkFlashDevice, type JlinkBatchResult } from './jlink-flash-device.js';
import type { JlinkDriverOptions } from './jlink-options.js';

/** The RT105x work RAM the stock JLinkDevices.xml gives the loader (research/jlink.md §3.3). */
const RT105X_WORK_RAM = { address: 0x2000_0000, bytes: 0x8_0000 } as const;

interface Attached {
  readonly selection: VersionSelection;
  readonly loader: LoaderSelection;
  readonly device: JlinkFlashDevice;
}

/** One J-Link (by serial) and the installations to drive it with. */
export class JlinkSession implements ProbeSession {
  readonly capabilities: Capabilities = new Set(['reset']);
  private attached: Attached | undefined;

  constructor(
    readonly info: ProbeInfo,
    private readonly installations: readonly JlinkInstallation[],
    private readonly deps: CommanderDeps & { readonly host: JlinkHost },
    private readonly options: JlinkDriverOptions,
    private readonly context: SessionContext,
  ) {}

  /** The installation, loader and notices chosen at attach (for reports). */
  get selection(): VersionSelection | undefined {
    return this.attached?.selection;
  }

  async attachFlash(target: TargetSpec): Promise<FlashDevice> {
    const { chip, part } = target;
    if (part === undefined) {
      throw new ImxflashError('FLASH_PART_UNKNOWN', 'the J-Link driver cannot identify the flash part', {
        hint: 'Name it with --flash (e.g. --flash is25wp064a); `imxflash flash-parts` lists them.',
      });
    }
    const device = this.options.device ?? jlinkDeviceName(chip);
    if (device === undefined) {
      throw new ImxflashError('CONFIG_BAD_OPTION', `no J-Link device name is known for ${chip.name}`, {
        hint: 'Give it with --jlink-device (the name SEGGER lists for the chip).',
        details: { chip: chip.id },
      });
    }
    const family = jlinkFamilyOf(chip);
    const flash = part.interface;
    const pin = this.pinnedVersion();
    const selection = selectJlinkInstallation(this.installations, {
      policy: this.options.policy ?? 'auto',
      ...(pin !== undefined ? { pin } : {}),
      context: { ...(family !== undefined ? { family } : {}), flash },
      targetText: `${chip.name} with ${part.name}${flash === 'spi-nor' ? ' (QSPI)' : ' (HyperFlash)'}`,
    });
    for (const n of selection.notices) this.context.onProgress?.({ type: 'notice', code: n.code, text: n.text });
    const window = chip.flexspi[chip.bootFlexspi]!.ahbWindow;
    const loader = await selectLoader(this.deps.host, selection.installation, {
      device,
      family,
      flash,
      bankAddress: window.start,
      bankBytes: part.sizeBytes,
      workRamAddress: RT105X_WORK_RAM.address,
      workRamBytes: RT105X_WORK_RAM.bytes,
    });
    const geometry = withEraseTiming({ base: window.start, sizeBytes: part.sizeBytes, pageBytes: part.pageBytes, eraseUnits: part.eraseUnits.map((u) => ({ bytes: u.bytes })) }, part);
    // The block-protect check reads the status register over w4/mem32 (SPI NOR only: HyperFlash has none).
    const flashDevice = new JlinkFlashDevice(geometry, (ops) => this.runBatch(ops), flash === 'spi-nor' ? { chip, part, notify: (e) => this.context.onProgress?.(e) } : undefined);
    this.attached = { selection, loader, device: flashDevice };
    return flashDevice;
  }

  async reset(kind: ResetKind): Promise<void> {
    if (kind === 'boot') requireCapability(this.capabilities, 'run-ram-image', `jlink probe ${this.info.id} (reset into the serial downloader)`);
    if (this.attached === undefined) {
      throw new ImxflashError('CAPABILITY_UNAVAILABLE', 'reset needs attachFlash first (the J-Link device name comes from the target)', {
        hint: 'This is a bug in the caller.',
      });
    }
    await this.attached.device.flush();
    await this.runBatch([{ kind: 'reset' }]);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.attached?.device.flush();
  }

  private pinnedVersion() {
    if (this.options.version !== undefined) return parseJlinkVersion(this.options.version);
    if (this.options.installPath === undefined) return undefined;
    return this.installations.find((i) => i.foundBy === 'configured')?.version;
  }

  /** One JLinkExe run for `ops`: script, run, verdict, savebin results, mem32 words (4 bytes, little-endian), skipped downloads. */
  private async runBatch(ops: readonly JlinkOperation[]): Promise<JlinkBatchResult> {
    const a = this.attached!;
    const install = a.selection.installation;
    const features = scriptFeatures(install.version);
    const platform = this.deps.host.platform;
    const reads = new Map<number, Uint8Array>();
    let readFiles: ReadonlyMap<number, string> = new Map();
    const dataBytes = ops.reduce((n, op) => n + (op.kind === 'program' ? op.data.length * 2 : op.kind === 'read' ? op.bytes : op.kind === 'erase' ? op.bytes / 8 : 0), 0);
    const expected: ExpectedOutcome = {
      downloads: ops.filter((op) => op.kind === 'program' || (op.kind === 'erase' && !features.eraseRange && op.bytes > 0)).length,
      verifies: 0,
      erases: features.eraseRange ? ops.filter((op) => op.kind === 'erase' && op.bytes > 0).length : 0,
    };
    const result = await runCommander(this.deps, {
      exe: install.exe,
      platform,
      // 10 KB/s is far below any J-Link's speed: the timeout catches hangs, not slow flashes.
      timeoutMs: (this.options.timeoutMs ?? 60_000) + Math.ceil(dataBytes / 10),
      prepare: (dir) => {
        const script = buildFlashScript(dir, {
          version: install.version,
          platform,
          loader: a.loader,
          speedKhz: this.options.speedKhz ?? 4000,
          ...(this.info.serial !== undefined ? { serial: this.info.serial } : {}),
          operations: ops,
        });
        readFiles = script.readFiles;
        return script;
      },
      collect: async () => {
        for (const [index, file] of readFiles) {
          if (await this.deps.fs.exists(file)) reads.set(index, await this.deps.fs.readFile(file));
        }
      },
    });
    const output = checkCommanderResult(result, expected, { versionText: formatJlinkVersion(install.version), issues: a.selection.issues });
    const wordReads = ops.flatMap((op, index) => (op.kind === 'read32' ? [{ index, address: op.address }] : []));
    if (wordReads.length > 0) {
      for (const [index, word] of parseMem32Reads(result.stdout, wordReads)) {
        reads.set(index, Uint8Array.of(word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, word >>> 24));
      }
    }
    // Downloads come in operation order: a program is one loadbin, so is an erase before V7.54b.
    const downloading = ops.flatMap((op, index) => (op.kind === 'program' || (op.kind === 'erase' && !features.eraseRange && op.bytes > 0) ? [index] : []));
    const unchanged = new Set(downloading.filter((index, k) => ops[index]!.kind === 'program' && output.downloads[k]?.contentsMatched === true));
    return { reads, unchanged };
  }
}
