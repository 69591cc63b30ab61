import {
  CHIPS, ImxflashError, PhaseReporter, type Capabilities, type Clock, type FlashDevice, type FlashGeometry, type HidBinding, type ProbeInfo,
  type ProbeSession, type ResetKind, type SerialBinding, type SerialLink, type SessionContext, type TargetSpec, withEraseTiming,
} from '@imxflash/core';
import { BlhostClient } from './blhost/blhost-client.js';
import { MEMORY_ID } from './blhost/commands.js';
import { decodeExternalMemoryAttributes, formatVersion, PROPERTY } from './blhost/properties.js';
import { placeFlashloader } from './flashloader/flashloader-file.js';
import { SdpClient } from './sdp/sdp-client.js';
import { readStatusInRom } from './sdp/read-status-in-rom.js';
import type { HabState } from './sdp/sdp-response.js';
import { SdpFlashDevice } from './sdp-flash-device.js';
import type { SdpOptions } from './sdp-options.js';
import { BlhostHidTransport } from './transport/blhost-hid-transport.js';
import { BlhostUartTransport } from './transport/blhost-uart-transport.js';
import { SdpHidTransport } from './transport/sdp-hid-transport.js';
import { SdpUartTransport } from './transport/sdp-uart-transport.js';
import { SerialReader } from './transport/serial-reader.js';

/** The flashloader's USB ID (the same on every RT, research/spsdk.md §1.6). */
export const FLASHLOADER_USB = CHIPS[0]!.flashloaderUsb;
const DEFAULT_SCRATCH = 0x2020_2000;
const DEFAULT_BAUD = 115_200;
/** Magic config words (research §2.8). */
const PROGRAM_FCB_WORD = 0xf000_000f;

/** Where the session is: the boot ROM (SDP) or the flashloader (blhost). */
export type SdpStage = 'rom' | 'flashloader';

/** Boot-mode and fuse facts read through the ROM, for `doctor`-style reports. */
export interface SdpBootInfo {
  readonly hab: HabState | undefined;
  /** SRC_SBMR1 (BOOT_CFG1/2 as latched) and SRC_SBMR2 (BMOD, SEC_CONFIG, BT_FUSE_SEL). */
  readonly sbmr1: number;
  readonly sbmr2: number;
  /** BOOT_MODE pins from SBMR2[25:24]: 0 fuses, 1 serial downloader, 2 internal boot. */
  readonly bootMode: number;
}

export interface SdpSessionDeps {
  readonly hid: HidBinding;
  readonly serial: SerialBinding;
  readonly clock: Clock;
  readonly options: SdpOptions;
  readonly context: SessionContext;
}

/**
 * One board reached through its boot ROM's serial downloader (USB HID or UART). Starts in the
 * ROM (SDP); {@link loadFlashloader} hands off to NXP's flashloader (blhost), which
 * {@link attachFlash} needs. A session opened on an already running flashloader skips the ROM.
 */
export class SdpSession implements ProbeSession {
  readonly capabilities: Capabilities = new Set(['reset', 'run-ram-image', 'chip-erase', 'identify-flash']);
  private sdp: SdpClient | undefined;
  private blhost: BlhostClient | undefined;
  private serialLink: SerialLink | undefined;
  private reader: SerialReader | undefined;
  private closers: (() => Promise<void>)[] = [];
  /** CurrentVersion of the flashloader once it runs ("K1.4.0"). */
  flashloaderVersion: string | undefined;

  private constructor(
    readonly info: ProbeInfo,
    private readonly deps: SdpSessionDeps,
  ) {}

  /** Opens the probe `info` and finds out who answers (ROM or flashloader). */
  static async open(info: ProbeInfo, deps: SdpSessionDeps): Promise<SdpSession> {
    const session = new SdpSession(info, deps);
    try {
      if (info.link === 'serial') await session.openSerial();
      else await session.openHid(info.path!, info.vid === FLASHLOADER_USB.vid && info.pid === FLASHLOADER_USB.pid);
    } catch (e) {
      await session.close();
      throw e;
    }
    return session;
  }

  get stage(): SdpStage {
    return this.blhost !== undefined ? 'flashloader' : 'rom';
  }

  /** HAB state as the ROM reported it (undefined once past the ROM without having seen it). */
  get hab(): HabState | undefined {
    return this.sdp?.hab;
  }

  /** The SDP client while in the ROM (READ_REGISTER and friends for reports and tests). */
  get rom(): SdpClient | undefined {
    return this.sdp;
  }

  /** The blhost client once the flashloader runs. */
  get flashloader(): BlhostClient | undefined {
    return this.blhost;
  }

  /**
   * The flashloader hand-off (research/spsdk.md §1.7, §2): reads the IVT of the user's
   * ivt_flashloader.bin, WRITE_FILE at IVT.self − its offset, JUMP_ADDRESS to IVT.self, then waits
   * for the flashloader (USB 0x15A2:0x0073, or a ping answer on the UART). No-op when it runs.
   */
  async loadFlashloader(): Promise<BlhostClient> {
    if (this.blhost !== undefined) return this.blhost;
    const sdp = this.sdp!;
    const { bytes, name } = await this.flashloaderFile();
    const placement = placeFlashloader(bytes, name);
    const reporter = PhaseReporter.start('load', bytes.length, { clock: this.deps.clock, ...onProgress(this.deps.context) });
    // Flashloaders already enumerated (other boards of a gang): this board's is the one that appears after the jump.
    const others = this.info.link === 'serial' ? new Set<string>() : new Set((await this.deps.hid.list({ vid: FLASHLOADER_USB.vid, pid: FLASHLOADER_USB.pid })).map((d) => d.path));
    try {
      await sdp.writeFile(placement.loadAddress, bytes, (d) => reporter.update(d));
      await sdp.jump(placement.ivtAddress);
    } catch (e) {
      reporter.end(false);
      throw e;
    }
    reporter.end(true);
    this.sdp = undefined;
    if (this.info.link === 'serial') await this.waitForUartFlashloader(placement);
    else await this.waitForUsbFlashloader(placement, others);
    return this.blhost!;
  }

  async attachFlash(target: TargetSpec): Promise<FlashDevice> {
    const status = await this.readFlashStatusInRom(target);
    const blhost = await this.loadFlashloader();
    const o = this.deps.options;
    const memoryId = o.memoryId ?? MEMORY_ID.FLEXSPI_NOR;
    const scratch = o.scratchAddress ?? DEFAULT_SCRATCH;
    if (o.configFcb !== undefined) {
      if (o.configFcb.length !== 512) {
        throw new ImxflashError('CONFIG_BAD_OPTION', `the configuration FCB has ${o.configFcb.length} bytes, not 512`, { hint: 'Pass the 512-byte FCB (`imxflash image build --fcb-only` or the first 512 bytes of a boot image).' });
      }
      await blhost.writeMemory(scratch, o.configFcb, 0, 5000);
    } else {
      const option = o.optionWord ?? target.part?.flashloaderOption ?? 0xc000_0007;
      await blhost.fillMemory(scratch, 4, option);
      if (o.optionWord1 !== undefined) await blhost.fillMemory(scratch + 4, 4, o.optionWord1);
    }
    await blhost.configureMemory(memoryId, scratch);
    const attributes = decodeExternalMemoryAttributes(await blhost.getProperty(PROPERTY.EXTERNAL_MEMORY_ATTRIBUTES, memoryId));
    const base = attributes.startAddress ?? target.chip.flexspi[target.chip.bootFlexspi]!.ahbWindow.start;
    const sizeBytes = attributes.sizeBytes ?? target.part?.sizeBytes;
    const pageBytes = attributes.pageBytes ?? target.part?.pageBytes;
    const sectorBytes = attributes.sectorBytes ?? target.part?.sectorBytes;
    if (sizeBytes === undefined || pageBytes === undefined || sectorBytes === undefined) {
      throw new ImxflashError('FLASH_PART_UNKNOWN', 'the flashloader did not report the flash geometry and no part was given', {
        hint: 'Give the part with --flash (see `imxflash flash-parts`).',
      });
    }
    const blockBytes = attributes.blockBytes ?? target.part?.blockBytes ?? sectorBytes;
    const units = [...new Set([sectorBytes, ...(target.part?.eraseUnits.map((u) => u.bytes) ?? []), blockBytes])]
      .filter((u) => u >= sectorBytes && u <= blockBytes && sizeBytes % u === 0)
      .sort((a, b) => a - b);
    // The part's typical erase times (when --flash names it) let the planner weigh a chip erase.
    const geometry: FlashGeometry = withEraseTiming({ base, sizeBytes, pageBytes, eraseUnits: units.map((bytes) => ({ bytes })) }, target.part);
    return new SdpFlashDevice(blhost, geometry, memoryId, target.part, this.info.link === 'serial' ? 'serial' : 'usb', status);
  }

  /**
   * The flash's status register, read through the FlexSPI registers while the ROM still answers
   * (the flashloader has no command that reads it, and its memory map has no peripheral region):
   * its block-protect bits let flash() refuse before any erase. Undefined, with a notice, when it
   * cannot be read here: the session began on a running flashloader, or the part is HyperFlash.
   */
  private async readFlashStatusInRom(target: TargetSpec): Promise<number | undefined> {
    if (this.sdp === undefined) {
      if (this.blhost !== undefined && target.part?.interface !== 'hyperflash') {
        this.deps.context.onProgress?.({
          type: 'notice',
          code: 'SDP_PROTECTION_NOT_CHECKED',
          text: 'the board already runs the flashloader, so the flash\'s block protection was not checked (only the boot ROM can read it); reset the board to have it checked',
        });
      }
      return undefined;
    }
    if (target.part?.interface === 'hyperflash') return undefined;
    return readStatusInRom(this.sdp, target, (e) => this.deps.context.onProgress?.(e));
  }

  /**
   * 0xF000000F (research §2.8): the flashloader writes its SFDP-derived FCB at the chip's FCB
   * offset; the area must be erased (else BLHOST_MEMORY_CUMULATIVE_WRITE). Needs attachFlash first.
   */
  async writeFlashloaderFcb(): Promise<void> {
    const blhost = await this.loadFlashloader();
    const scratch = this.deps.options.scratchAddress ?? DEFAULT_SCRATCH;
    await blhost.fillMemory(scratch, 4, PROGRAM_FCB_WORD);
    await blhost.configureMemory(this.deps.options.memoryId ?? MEMORY_ID.FLEXSPI_NOR, scratch);
  }

  /** Resets through the flashloader; the ROM stage has no reset command (CAPABILITY_UNAVAILABLE). */
  async reset(_kind: ResetKind): Promise<void> {
    if (this.blhost === undefined) {
      throw new ImxflashError('CAPABILITY_UNAVAILABLE', 'the boot ROM\'s serial downloader has no reset command', {
        hint: 'Load the flashloader first (attach the flash), or press the board\'s reset button.',
      });
    }
    await this.blhost.reset();
    this.blhost = undefined;
    await this.close();
  }

  /**
   * Loads a RAM image and starts it through the ROM (WRITE_FILE + JUMP_ADDRESS): `image` is the
   * bytes from `loadAddress`, with an IVT at `ivtAddress` (default: found in the image as for a
   * flashloader). Only in the ROM stage.
   */
  async runRamImage(image: Uint8Array, loadAddress?: number, ivtAddress?: number): Promise<void> {
    const sdp = this.needRom('run a RAM image');
    const placement = loadAddress === undefined ? placeFlashloader(image, 'the RAM image') : { loadAddress, ivtAddress: ivtAddress ?? loadAddress };
    await sdp.writeFile(placement.loadAddress, image);
    await sdp.jump(placement.ivtAddress);
    this.sdp = undefined;
  }

  /** SBMR1/SBMR2 and HAB through READ_REGISTER (ROM stage), for `doctor`. `chip` gives the addresses. */
  async readBootInfo(chip: TargetSpec['chip']): Promise<SdpBootInfo> {
    const sdp = this.needRom('read boot registers');
    const sbmr1 = await sdp.readWord(chip.registers.srcSbmr1);
    const sbmr2 = await sdp.readWord(chip.registers.srcSbmr2);
    return { hab: sdp.hab, sbmr1, sbmr2, bootMode: (sbmr2 >>> 24) & 3 };
  }

  /** Reads fuse shadow words (OCOTP base + offset) through READ_REGISTER, ROM stage. */
  async readFuse(chip: TargetSpec['chip'], offset: number): Promise<number> {
    return this.needRom('read fuses').readWord(chip.registers.ocotpBase + offset);
  }

  async close(): Promise<void> {
    const closers = this.closers;
    this.closers = [];
    for (const c of closers.reverse()) await c().catch(() => undefined);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private needRom(what: string): SdpClient {
    if (this.sdp === undefined) {
      throw new ImxflashError('CAPABILITY_UNAVAILABLE', `cannot ${what}: the board runs the flashloader now, not the boot ROM`, {
        hint: 'Reset the board into serial-downloader mode (BOOT_MODE 01) and open it again.',
      });
    }
    return this.sdp;
  }

  private async openHid(path: string, isFlashloader: boolean): Promise<void> {
    const link = await this.deps.hid.open(path);
    this.closers.push(() => link.close());
    if (isFlashloader) {
      this.blhost = new BlhostClient(new BlhostHidTransport(link, path), this.deps.clock);
      await this.startBlhost();
      return;
    }
    this.sdp = new SdpClient(new SdpHidTransport(link, path), this.deps.clock);
    await this.sdp.errorStatus();
    this.noticeHab();
  }

  /** HAB closed is not an error by itself (a signed flashloader runs), but the user should know. */
  private noticeHab(): void {
    if (this.sdp?.hab !== 'closed') return;
    this.deps.context.onProgress?.({
      type: 'notice',
      code: 'SDP_HAB_CLOSED',
      text: 'HAB is closed on this part: the boot ROM runs only signed images (the flashloader must be signed with the part\'s keys).',
    });
  }

  private async openSerial(): Promise<void> {
    const path = this.info.path!;
    const baud = this.deps.options.baudRate ?? DEFAULT_BAUD;
    const link = await this.deps.serial.open(path, baud);
    this.serialLink = link;
    this.closers.push(() => link.close());
    this.reader = new SerialReader(link, this.deps.clock, path);
    const msPerByte = 10_000 / baud;
    const sdp = new SdpClient(new SdpUartTransport(this.reader), this.deps.clock, { msPerByte, replyTimeoutMs: 500 });
    try {
      await sdp.errorStatus();
      this.sdp = sdp;
      this.noticeHab();
      return;
    } catch (e) {
      if (!(e instanceof ImxflashError) || !['TRANSPORT_TIMEOUT', 'SDP_BAD_RESPONSE'].includes(e.code)) throw e;
    }
    // Not the ROM: maybe the flashloader already runs (a second command after a hand-off).
    const transport = new BlhostUartTransport(this.reader);
    try {
      await transport.ping(500);
    } catch (e) {
      if (!(e instanceof ImxflashError) || !['TRANSPORT_TIMEOUT', 'BLHOST_FRAME_INVALID'].includes(e.code)) throw e;
      throw new ImxflashError('PROBE_NOT_FOUND', `nothing answered SDP or blhost on ${path} at ${baud} baud`, {
        hint: 'Check BOOT_MODE = 01 (serial downloader) and power-cycle; cross TX/RX; the ROM uses LPUART1 at 115200 8N1.',
        details: { path, baudRate: baud },
      });
    }
    this.blhost = new BlhostClient(transport, this.deps.clock, { msPerByte: 10_000 / baud });
    await this.startBlhost();
  }

  private async startBlhost(): Promise<void> {
    const blhost = this.blhost!;
    await blhost.readMaxPacketSize();
    const [version] = await blhost.getProperty(PROPERTY.CURRENT_VERSION).catch(() => [undefined]);
    this.flashloaderVersion = version === undefined ? undefined : formatVersion(version);
  }

  /** Waits for a flashloader whose path is not among `others` (those enumerated before the jump). */
  private async waitForUsbFlashloader(placement: { loadAddress: number; ivtAddress: number }, others: ReadonlySet<string>): Promise<void> {
    await this.close(); // the ROM device is gone
    const clock = this.deps.clock;
    const timeoutMs = this.deps.options.flashloaderTimeoutMs ?? 5000;
    const deadline = clock.now() + timeoutMs;
    for (;;) {
      const found = (await this.deps.hid.list({ vid: FLASHLOADER_USB.vid, pid: FLASHLOADER_USB.pid })).find((d) => !others.has(d.path));
      if (found !== undefined) {
        await this.openHid(found.path, true);
        return;
      }
      if (clock.now() >= deadline) throw notEnumerated('USB 0x15A2:0x0073 did not appear', timeoutMs, placement);
      await clock.sleep(100);
    }
  }

  private async waitForUartFlashloader(placement: { loadAddress: number; ivtAddress: number }): Promise<void> {
    const clock = this.deps.clock;
    const timeoutMs = this.deps.options.flashloaderTimeoutMs ?? 5000;
    const deadline = clock.now() + timeoutMs;
    const transport = new BlhostUartTransport(this.reader!);
    for (;;) {
      try {
        await transport.ping(200);
        break;
      } catch (e) {
        if (!(e instanceof ImxflashError) || !['TRANSPORT_TIMEOUT', 'BLHOST_FRAME_INVALID'].includes(e.code)) throw e;
        if (clock.now() >= deadline) throw notEnumerated(`no ping answer on ${this.info.path}`, timeoutMs, placement);
      }
    }
    this.blhost = new BlhostClient(transport, clock, { msPerByte: 10_000 / (this.deps.options.baudRate ?? DEFAULT_BAUD) });
    await this.startBlhost();
  }

  private async flashloaderFile(): Promise<{ bytes: Uint8Array; name: string }> {
    const f = this.deps.options.flashloader;
    if (f === undefined) {
      throw new ImxflashError('FLASHLOADER_MISSING', 'flashing over the serial downloader needs NXP\'s ivt_flashloader.bin, and none was given', {
        hint: 'Pass --flashloader <path> (or set IMXFLASH_FLASHLOADER, or "flashloader" in the config file). It is in NXP\'s Flashloader_RT10xx package (Tools/mfgtools-rel/Profiles/MXRT10xX/OS Firmware/ivt_flashloader.bin); imxflash does not bundle it.',
      });
    }
    if (typeof f !== 'string') return { bytes: f, name: 'the flashloader' };
    const read = this.deps.options.readFile ?? readWithNodeFs;
    return { bytes: await read(f), name: f };
  }
}

async function readWithNodeFs(path: string): Promise<Uint8Array> {
  const fs = await import('node:fs/promises');
  try {
    return new Uint8Array(await fs.readFile(path));
  } catch (cause) {
    throw new ImxflashError('FILE_NOT_FOUND', `cannot read the flashloader ${path}`, { hint: 'Check the --flashloader path.', cause, details: { path } });
  }
}

function notEnumerated(what: string, timeoutMs: number, p: { loadAddress: number; ivtAddress: number }): ImxflashError {
  const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;
  return new ImxflashError('FLASHLOADER_NOT_ENUMERATED', `the flashloader did not start within ${timeoutMs} ms after the jump (${what})`, {
    hint:
      `Usual causes: the file is not the flashloader for this chip (RT1050 vs RT1060 builds differ), or a build whose addresses do not fit ` +
      `(loaded at ${hex(p.loadAddress)}, jumped to ${hex(p.ivtAddress)}); a self-built flashloader that resets the CPU; ` +
      'on Linux, missing udev rules for 15a2:0073; a USB hub that drops the re-enumeration. Power-cycle and retry.',
    details: { loadAddress: p.loadAddress, ivtAddress: p.ivtAddress, timeoutMs },
  });
}

function onProgress(context: SessionContext): { onProgress?: SessionContext['onProgress'] } {
  return context.onProgress !== undefined ? { onProgress: context.onProgress } : {};
}
