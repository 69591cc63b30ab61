import { ImxflashError, requireCapability, type Capabilities, type Clock, type FlashDevice, type ProbeInfo, type ProbeSession, type ResetKind, type SessionContext, type TargetSpec } from '@imxflash/core';
import { DebugPort } from '../adi/debug-port.js';
import { MemAp } from '../adi/mem-ap.js';
import { CortexM7 } from '../cortex-m/cortex-m7.js';
import { runRamImage, type RamImageStart } from '../cortex-m/run-ram-image.js';
import { DAP_INFO, decodeDapInfo, encodeDapInfo, infoCapabilities, infoPacketCount, infoPacketSize, infoString, DAP_CAPABILITY } from '../dap/commands/dap-info.js';
import { decodeDisconnect, encodeDisconnect } from '../dap/commands/disconnect.js';
import { decodeHostStatus, encodeHostStatus } from '../dap/commands/host-status.js';
import { DapConnection } from '../dap/dap-connection.js';
import { FlexspiHost } from '../imxrt/flexspi-host.js';
import { FlexspiNorFlash } from '../imxrt/flexspi-nor-flash.js';
import { identifyFlash, type FlashIdentity } from '../imxrt/identify-flash.js';
import { buildNorLut } from '../imxrt/nor-lut.js';
import type { DapTransport } from '../transport/dap-transport.js';
import { CMSIS_DAP_DEFAULTS, type CmsisDapOptions } from './cmsis-dap-options.js';

/** What DAP_Info told about the probe. */
export interface DapProbeDetails {
  readonly packetSize: number;
  readonly packetCount: number;
  readonly capabilities: number;
  readonly protocolVersion: string | undefined;
  readonly firmwareVersion: string | undefined;
  readonly product: string | undefined;
  readonly serial: string | undefined;
}

/**
 * An open CMSIS-DAP probe with the i.MX RT behind it: DAP_Info, SWD connect and power-up, the
 * Cortex-M7 core, and on `attachFlash` the FlexSPI brought up from the host and the flash
 * identified. Dispose it to disconnect and release the probe.
 */
export class CmsisDapSession implements ProbeSession {
  readonly capabilities: Capabilities = new Set(['reset', 'run-ram-image', 'read-registers', 'identify-flash', 'chip-erase', 'fast-read']);
  readonly connection: DapConnection;
  readonly dp: DebugPort;
  readonly ap: MemAp;
  readonly core: CortexM7;
  details: DapProbeDetails | undefined;
  flash: FlexspiNorFlash | undefined;
  /** How attachFlash identified the part (JEDEC ID, SFDP). */
  identity: FlashIdentity | undefined;
  private closed = false;

  constructor(
    readonly info: ProbeInfo,
    readonly transport: DapTransport,
    private readonly clock: Clock,
    private readonly options: CmsisDapOptions,
    private readonly context?: SessionContext,
  ) {
    this.connection = new DapConnection(transport, 1);
    this.dp = new DebugPort(this.connection, clock, {
      swdClockHz: options.swdClockHz ?? CMSIS_DAP_DEFAULTS.swdClockHz,
      transfer: { idleCycles: 0, waitRetry: options.waitRetry ?? CMSIS_DAP_DEFAULTS.waitRetry, matchRetry: options.matchRetry ?? CMSIS_DAP_DEFAULTS.matchRetry },
    });
    this.ap = new MemAp(this.dp, 0);
    this.core = new CortexM7(this.ap, clock);
  }

  /** Drains stale input, reads DAP_Info (packet size first, as probe-rs does), connects SWD and powers the debug domain. */
  async open(): Promise<void> {
    await this.transport.drain();
    const info = async (id: number) => decodeDapInfo(await this.connection.command(encodeDapInfo(id)));
    const packetSize = infoPacketSize(await info(DAP_INFO.PACKET_SIZE));
    const packetCount = infoPacketCount(await info(DAP_INFO.PACKET_COUNT));
    const capabilities = infoCapabilities(await info(DAP_INFO.CAPABILITIES));
    const protocolVersion = infoString(await info(DAP_INFO.PROTOCOL_VERSION));
    const firmwareVersion = infoString(await info(DAP_INFO.FIRMWARE_VERSION));
    const product = infoString(await info(DAP_INFO.PRODUCT));
    const serial = infoString(await info(DAP_INFO.SERIAL));
    if ((capabilities & DAP_CAPABILITY.SWD) === 0) {
      throw new ImxflashError('DAP_CONNECT_FAILED', `${this.info.description} does not support SWD`, { hint: 'Use a probe with SWD (every i.MX RT debug port is SWD).' });
    }
    if (packetSize < 8 || packetCount < 1) {
      throw new ImxflashError('DAP_BAD_RESPONSE', `DAP_Info reports packet size ${packetSize}, count ${packetCount}`, { hint: 'Update the probe firmware.' });
    }
    this.transport.packetSize = packetSize;
    this.connection.packetCount = Math.max(1, Math.min(packetCount, this.options.maxPacketsInFlight ?? packetCount));
    this.details = { packetSize, packetCount, capabilities, protocolVersion, firmwareVersion, product, serial };
    this.context?.onProgress?.({ type: 'notice', code: 'CMSIS_DAP_PROBE', text: `${product ?? this.info.description}: CMSIS-DAP ${protocolVersion ?? '?'}, ${packetSize}-byte packets × ${packetCount}` });
    await this.dp.connect();
  }

  /**
   * Stops the core (reset and catch; a plain halt when the reset catch does not fire), brings up
   * the boot FlexSPI, identifies the flash (JEDEC ID / SFDP, or checks the user's part against
   * it), loads the part's LUT and sets Quad Enable when asked.
   */
  async attachFlash(target: TargetSpec): Promise<FlashDevice> {
    try {
      await this.core.resetAndHalt();
    } catch (e) {
      if (!(e instanceof ImxflashError) || e.code !== 'SWD_CORE_TIMEOUT') throw e;
      await this.core.halt();
    }
    const host = new FlexspiHost(this.ap, this.clock, target.chip, { watermarkBytes: this.options.fifoWatermarkBytes ?? CMSIS_DAP_DEFAULTS.fifoWatermarkBytes });
    const sizeGuess = target.part?.sizeBytes ?? 16 * 1024 * 1024;
    await host.bringUp(sizeGuess, buildNorLut(target.part));
    const identity = await identifyFlash(host, target.part);
    const { part } = identity;
    this.identity = identity;
    for (const text of identity.warnings) this.context?.onProgress?.({ type: 'notice', code: 'FLASH_SFDP_MISMATCH', text });
    if (part.interface !== 'spi-nor' || part.opcodes === null) {
      throw new ImxflashError('CAPABILITY_UNAVAILABLE', `${part.name} is HyperFlash; host-driven programming over CMSIS-DAP supports SPI NOR only`, {
        hint: 'Use --probe jlink or the sdp driver for HyperFlash boards.',
        details: { part: part.id },
      });
    }
    if (part.sizeBytes !== sizeGuess) await host.bringUp(part.sizeBytes, buildNorLut(part));
    else await host.loadLut(buildNorLut(part));
    // Full-speed HID moves one 64-byte report per 1 ms frame, longer than a typical page program:
    // batch 8 pages so packets stay full and DAP_PACKET_COUNT of them in flight. High-speed bulk
    // outruns the flash: one page per round trip, the round trip covering the program time.
    const flash = new FlexspiNorFlash(host, part, { pagesPerBatch: this.transport.version === 'v1' ? 8 : 1 });
    if (this.options.setQuadEnable ?? CMSIS_DAP_DEFAULTS.setQuadEnable) {
      await flash.ensureQuadEnable();
      await flash.useQuadReads();
    }
    this.flash = flash;
    return flash;
  }

  /**
   * Loads a RAM boot image (header + app, as the ROM would copy it) at `loadAddress` and starts
   * it through its IVT at `ivtAddress` (the CLI's `run`; same signature as the SDP session's).
   */
  async runRamImage(image: Uint8Array, loadAddress?: number, ivtAddress?: number): Promise<RamImageStart> {
    if (loadAddress === undefined) {
      throw new ImxflashError('CONFIG_BAD_ADDRESS', 'running a RAM image over SWD needs its load address', {
        hint: 'Pass the image as `imxflash run` does (it knows the load address from the boot layout).',
      });
    }
    return runRamImage(this.core, this.ap, image, loadAddress, ivtAddress);
  }

  async reset(kind: ResetKind): Promise<void> {
    if (kind === 'boot') requireCapability(new Set(), 'reset', `${this.info.description} (reset into the serial downloader needs the boot pins)`);
    await this.core.resetAndRun();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      const [led, disc] = await this.connection.pipeline([encodeHostStatus('connect', false), encodeDisconnect()]);
      decodeHostStatus(led!);
      decodeDisconnect(disc!);
    } catch {
      // The probe may be gone already; closing must still release it.
    } finally {
      await this.transport.close();
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
