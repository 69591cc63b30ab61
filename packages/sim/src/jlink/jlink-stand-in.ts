import path from 'node:path';
import type { SimBoard } from '../board/create-sim-board.js';
import { BusFault } from '../bus/bus.js';
import { splitCommandLine, parseHexNumber, type CommandLine } from './command-line.js';
import { loaderFromXml } from './devices-xml-reader.js';
import { jlinkBehaviour, type JlinkBehaviour } from './jlink-behaviour.js';
import { familyOfDevice, parseDeviceArgument, type DeviceArgument, type SimJlinkFamily } from './jlink-devices.js';
import { JLINK_MODEL, JlinkFlashModel, type DownloadResult } from './jlink-flash-model.js';
import { simJlinkVersion, type SimJlinkVersion } from './sim-jlink-version.js';

/** The files the stand-in reads and writes (command files, data, JLinkDevices.xml, savebin output). */
export interface StandInFiles {
  /** Rejects when the file cannot be read. */
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  exists(path: string): Promise<boolean>;
}

export interface JlinkStandInOptions {
  readonly board: SimBoard;
  /** The version impersonated: `V6.82d`, `7.94e`, `JLink_V794e`. */
  readonly version: string;
  /** Its install folder: stock JLinkDevices.xml and Devices/… loaders are looked up there. */
  readonly installDir: string;
  readonly files: StandInFiles;
  /** Path rules for relative loader paths: 'win32' or POSIX (default). */
  readonly platform?: string;
  /** The J-Link's serial number (default 801000001). */
  readonly probeSerial?: string;
  /** False: no J-Link on USB. */
  readonly probeConnected?: boolean;
  /** False: the J-Link sees no target ("Cannot connect to target."). */
  readonly targetConnected?: boolean;
}

export interface StandInResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

type Outcome = 'ok' | 'error' | 'exit';
type LoaderKind = 'qspi' | 'hyperflash' | 'none';

const OPTIONS_WITH_VALUE = new Set([
  'nogui', 'exitonerror', 'device', 'if', 'speed', 'commandfile', 'commanderscript', 'settingsfile', 'selectemubysn', 'usb', 'autoconnect',
  'jlinkscriptfile', 'log', 'ip', 'jtagconf', 'rtttelnetport', 'si',
]);
// A fixed build stamp per impersonated version (the real one is the build date; its value does not matter).
const COMPILED = 'Jan 24 2024 15:05:11';

/**
 * A JLinkExe (J-Link Commander) stand-in: reads the real command-line options and command files,
 * acts on the virtual board, prints what the impersonated version prints (research/jlink.md §2)
 * and behaves as it does, including its documented bugs (jlink-behaviour.ts): exit code 0 after
 * a failure without ExitOnError, the RT105x QSPI "Writing target memory failed." in V6.82–V6.84b,
 * the HyperFlash default loader, comment lines refused in V7.88l–7.89, CR line breaks before
 * V7.92f. Modelled time goes on the board clock.
 */
export async function runJlinkStandIn(argv: readonly string[], options: JlinkStandInOptions): Promise<StandInResult> {
  return new StandIn(options).run(argv);
}

class StandIn {
  private readonly v: SimJlinkVersion;
  private readonly b: JlinkBehaviour;
  private readonly out: string[] = [];
  private readonly p: path.PlatformPath;
  private exitOnError = false;
  private device: DeviceArgument | undefined;
  private speedKhz = 4000;
  private settingsFile: string | undefined;
  private selectSerial: string | undefined;
  private probeUp = false;
  private targetUp = false;
  private flash: JlinkFlashModel | undefined;
  private loader: { kind: LoaderKind; failure?: string } | undefined;

  constructor(private readonly o: JlinkStandInOptions) {
    this.v = simJlinkVersion(o.version);
    this.b = jlinkBehaviour(this.v);
    this.p = o.platform === 'win32' ? path.win32 : path.posix;
  }

  private say(...lines: string[]): void {
    this.out.push(...lines);
  }

  private result(exitCode: number): StandInResult {
    return { exitCode, stdout: `${this.out.join('\n')}\n`, stderr: '' };
  }

  async run(argv: readonly string[]): Promise<StandInResult> {
    this.o.board.clock.advance(JLINK_MODEL.processStartMs);
    this.say(`SEGGER J-Link Commander ${this.v.text} (Compiled ${COMPILED})`, `DLL version ${this.v.text}, compiled ${COMPILED}`, '');
    let commandFile: string | undefined;
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (!arg.startsWith('-')) {
        commandFile = arg;
        continue;
      }
      const name = arg.slice(1).toLowerCase();
      if (!OPTIONS_WITH_VALUE.has(name) || (name === 'nogui' && !this.b.noGuiOption)) {
        this.say(`Unknown command line option ${arg}.`);
        return this.result(1);
      }
      const value = argv[++i];
      if (value === undefined) {
        this.say(`Missing command line parameter after command ${arg}.`);
        return this.result(1);
      }
      if (name === 'exitonerror') this.exitOnError = value !== '0';
      else if (name === 'device') this.device = this.parseDevice(value);
      else if (name === 'speed') {
        const khz = Number(value);
        if (Number.isInteger(khz) && khz > 0) this.speedKhz = khz;
        else if (!/^(auto|adaptive)$/i.test(value)) {
          this.say('ERROR while parsing value for -speed.');
          return this.result(1);
        }
      } else if (name === 'commandfile' || name === 'commanderscript') commandFile = value;
      else if (name === 'settingsfile') this.settingsFile = value;
      else if (name === 'selectemubysn' || name === 'usb') this.selectSerial = value;
    }
    if (this.exitOnError) this.say('J-Link Commander will now exit on Error');
    if (commandFile === undefined) {
      // Interactive mode with an empty stdin: connects to the J-Link and ends.
      if (!this.connectProbe()) return this.result(this.exitOnError ? 1 : 0);
      this.say('', `Type "connect" to establish a target connection, '?' for help`, 'J-Link>');
      return this.result(0);
    }
    let text: string;
    try {
      text = new TextDecoder().decode(await this.o.files.readFile(commandFile));
    } catch {
      this.say(`Could not open J-Link Command File '${commandFile}'`);
      return this.result(this.exitOnError ? 1 : 0);
    }
    this.say('', 'J-Link Command File read successfully.', 'Processing script file...', '');
    // Before V7.92f only LF ends a line: a CR stays in the line and spoils the command.
    const lines = this.b.crBreaksFile ? text.split('\n') : text.split(/\r\n|\r|\n/);
    for (const raw of lines) {
      const line = raw.replace(/^[ \t]+|[ \t]+$/g, '');
      if (line === '') continue;
      if (/^(\/\/|#)/.test(line)) {
        if (!this.b.commentLinesFail) continue;
        if (this.b.echoCommands) this.say(`J-Link>${line}`);
        this.say("Unknown command. '?' for help.");
        if (this.exitOnError) return this.result(1);
        continue;
      }
      if (this.b.echoCommands) this.say(`J-Link>${line}`);
      // A CR left in the line (before V7.92f) makes the command unknown.
      const outcome = line.includes('\r') ? this.unknownCommand() : await this.execute(splitCommandLine(line));
      if (outcome === 'exit') break;
      if (outcome === 'error' && this.exitOnError) return this.result(1);
    }
    this.say('', 'Script processing completed.');
    return this.result(0);
  }

  private unknownCommand(): Outcome {
    this.say("Unknown command. '?' for help.");
    return 'error';
  }

  private parseDevice(text: string): DeviceArgument {
    // Before V7.70d the suffix is part of the name, which no device has.
    return this.b.loaderSuffix ? parseDeviceArgument(text) : { name: text };
  }

  private connectProbe(): boolean {
    if (this.probeUp) return true;
    const serial = this.o.probeSerial ?? '801000001';
    if (this.o.probeConnected === false || (this.selectSerial !== undefined && this.selectSerial !== serial)) {
      this.say('Connecting to J-Link via USB...FAILED: Cannot connect to J-Link.');
      return false;
    }
    this.say('Connecting to J-Link via USB...O.K.', `Firmware: J-Link V11 compiled ${COMPILED}`, 'Hardware version: V11.00', `S/N: ${serial}`, 'VTref=3.300V');
    this.probeUp = true;
    return true;
  }

  private connectTarget(explicit: boolean): boolean {
    if (this.targetUp) return true;
    if (!this.probeUp) {
      this.say('J-Link connection not established yet but required for command.');
      if (!this.connectProbe()) return false;
    }
    if (!explicit) this.say('Target connection not established yet but required for command.');
    const device = this.device;
    if (device === undefined || familyOfDevice(device.name) === undefined) {
      this.say(`The selected device "${device?.name ?? ''}" is unknown.`, 'Cannot connect to target.');
      return false;
    }
    this.say(`Device "${device.name}" selected.`, '', '', 'Connecting to target via SWD');
    this.o.board.clock.advance(JLINK_MODEL.targetConnectMs);
    if (this.o.targetConnected === false) {
      this.say('Cannot connect to target.');
      return false;
    }
    this.say(
      'Found SW-DP with ID 0x0BD11477',
      'DPIDR: 0x0BD11477',
      'Scanning AP map to find all available APs',
      'AP[1]: Stopped AP scan as end of AP map has been reached',
      'AP[0]: AHB-AP (IDR: 0x04770041)',
      'Iterating through AP map to find AHB-AP to use',
      'AP[0]: Core found',
      'AP[0]: AHB-AP ROM base: 0xE00FD000',
      'CPUID register: 0x411FC271. Implementer code: 0x41 (ARM)',
      'Found Cortex-M7 r1p1, Little endian.',
      'Cortex-M7 identified.',
    );
    this.targetUp = true;
    return true;
  }

  private async execute(c: CommandLine): Promise<Outcome> {
    const cmd = c.command.toLowerCase();
    switch (cmd) {
      case 'exit': case 'q': case 'quit': case 'qc':
        return 'exit';
      case 'exitonerror': case 'eoe':
        this.exitOnError = c.args[0] !== '0';
        this.say(this.exitOnError ? 'J-Link Commander will now exit on Error' : 'J-Link Commander will no longer exit on Error');
        return 'ok';
      case 'sleep':
        this.o.board.clock.advance(Number(c.args[0] ?? 0) || 0);
        this.say(`Sleep(${c.args[0] ?? 0})`);
        return 'ok';
      case 'device':
        this.device = this.parseDevice(c.args.join(' '));
        return 'ok';
      case 'speed':
        if (Number(c.args[0]) > 0) this.speedKhz = Number(c.args[0]);
        this.say(`Target interface speed: ${this.speedKhz} kHz`);
        return 'ok';
      case 'si': case 'selectinterface': case 'if':
        return 'ok';
      case 'showemulist':
        if (this.o.probeConnected !== false) this.say(`J-Link[0]: Connection: USB, Serial number: ${this.o.probeSerial ?? '801000001'}, ProductName: J-Link V11`);
        return 'ok';
      case 'exec':
        if (this.b.commandStringsRefused) {
          this.say("Unknown command. '?' for help.");
          return 'error';
        }
        return 'ok';
      case 'connect':
        return this.connectTarget(true) ? 'ok' : 'error';
      case 'h': case 'halt':
        if (!this.connectTarget(false)) return 'error';
        this.say('PC = 00200000, CycleCnt = 00000000', 'R0 = 00000000, R1 = 00000000, R2 = 00000000, R3 = 00000000');
        return 'ok';
      case 'g': case 'go':
        return this.connectTarget(false) ? 'ok' : 'error';
      case 'r': case 'reset':
        if (!this.connectTarget(false)) return 'error';
        this.sayReset();
        return 'ok';
      case 'erase':
        return this.erase(c);
      case 'loadbin':
        return this.loadbin(c);
      case 'verifybin':
        return this.verifybin(c);
      case 'savebin':
        return this.savebin(c);
      case 'mem': case 'mem8': case 'mem32':
        return this.mem(c, cmd === 'mem32' ? 4 : 1);
      case 'w1': case 'w4':
        return this.write(c, cmd === 'w4' ? 4 : 1);
      case 'wreg': case 'setpc': case 'writedp': case 'readdp': case 'rsettype':
        return this.connectTarget(false) ? 'ok' : 'error';
      default:
        this.say("Unknown command. '?' for help.");
        return 'error';
    }
  }

  private sayReset(): void {
    this.say(
      'Reset delay: 0 ms',
      'Reset type NORMAL: Resets core & peripherals via SYSRESETREQ & VECTRESET bit.',
      'Reset: Halt core after reset via DEMCR.VC_CORERESET.',
      'Reset: Reset device via AIRCR.SYSRESETREQ.',
    );
  }

  /** `'loadbin': Performing implicit reset & halt of MCU.` (V7.70+) unless noreset. */
  private implicitReset(cmd: string, args: readonly string[]): void {
    if (!this.b.implicitReset) return;
    if (args.some((a) => a.toLowerCase() === 'noreset')) {
      this.say(`'${cmd}': Skipping reset & halt of MCU before download.`);
      return;
    }
    this.say(`'${cmd}': Performing implicit reset & halt of MCU.`);
    this.sayReset();
  }

  private flashModel(): JlinkFlashModel {
    this.flash ??= new JlinkFlashModel(this.o.board, this.speedKhz);
    return this.flash;
  }

  /** Which loader the DLL would use for the bank at the flash base (research/jlink.md §3, §4.3). */
  private async resolveLoader(): Promise<{ kind: LoaderKind; failure?: string }> {
    if (this.loader !== undefined) return this.loader;
    const device = this.device!;
    const family = familyOfDevice(device.name);
    const base = this.flashModel().base;
    let kind: LoaderKind;
    let failure: string | undefined;
    if (device.loader !== undefined) {
      kind = /hyper/i.test(device.loader) ? 'hyperflash' : /qspi/i.test(device.loader) ? 'qspi' : 'none';
    } else {
      const xmlFiles: { text: string; dir: string }[] = [];
      const installXml = this.p.join(this.o.installDir, 'JLinkDevices.xml');
      if (await this.o.files.exists(installXml)) xmlFiles.push({ text: await this.readText(installXml), dir: this.o.installDir });
      if (this.settingsFile !== undefined) {
        const dir = this.p.dirname(this.settingsFile);
        const xml = this.p.join(dir, 'JLinkDevices.xml');
        if (await this.o.files.exists(xml)) xmlFiles.push({ text: await this.readText(xml), dir });
      }
      const fromXml = loaderFromXml(xmlFiles, device.name, base);
      if (fromXml !== undefined) {
        // Stock files name loaders relative to the install root; others relative to their own folder (UNVERIFIED rule).
        const loaderPath = this.p.isAbsolute(fromXml.loader) ? fromXml.loader : this.p.join(fromXml.dir, fromXml.loader);
        kind = /hyperflash/i.test(this.p.basename(loaderPath)) ? 'hyperflash' : 'qspi';
        if (!(await this.o.files.exists(loaderPath))) failure = 'missing-loader';
      } else {
        kind = this.stockLoader(family);
      }
    }
    if (failure === undefined) failure = this.loaderFailure(family, kind);
    this.loader = { kind, ...(failure !== undefined ? { failure } : {}) };
    return this.loader;
  }

  private stockLoader(family: SimJlinkFamily | undefined): LoaderKind {
    if (family === 'rt105x') return this.b.rt105xFlash ? 'hyperflash' : 'none';
    if (family === 'rt106x') return this.b.rt106xDefaultHyperflash ? 'hyperflash' : 'qspi';
    return 'qspi';
  }

  /** The documented failures of this version with this loader on this board. */
  private loaderFailure(family: SimJlinkFamily | undefined, kind: LoaderKind): string | undefined {
    if (kind === 'none') return 'no-flash';
    const partKind = this.o.board.part.interface === 'hyperflash' ? 'hyperflash' : 'qspi';
    if (kind !== partKind) return 'wrong-loader';
    if (family === 'rt105x' && kind === 'qspi' && this.b.rt105xQspiWriteFails) return 'rt105x-qspi-bug';
    if (family === 'rt117x' && this.b.rt117xFlashFails) return 'rt117x-bug';
    return undefined;
  }

  private async readText(file: string): Promise<string> {
    return new TextDecoder().decode(await this.o.files.readFile(file));
  }

  /** Prints the loader-preparation failure; true when there was one. */
  private prepareFailed(failure: string | undefined): boolean {
    if (failure === 'wrong-loader') {
      this.say('ERROR: Timeout while preparing target, core does not stop.', 'Unspecified error -1');
      return true;
    }
    if (failure === 'missing-loader') {
      this.say('****** Error: Failed to prepare for programming.', 'Error while determining flash info (Bank @ 0x60000000)', 'Unspecified error -1');
      return true;
    }
    return false;
  }

  private async erase(c: CommandLine): Promise<Outcome> {
    if (!this.connectTarget(false)) return 'error';
    const model = this.flashModel();
    const numbers = c.args.filter((a) => !/^(no)?reset$/i.test(a));
    const start = parseHexNumber(numbers[0]);
    const end = parseHexNumber(numbers[1]);
    const resetWord = c.args.some((a) => /^(no)?reset$/i.test(a));
    // Before V7.70 `noreset` is just a bad parameter.
    const wellFormed = numbers.length === 2 && start !== undefined && end !== undefined && end >= start && (!resetWord || this.b.implicitReset);
    const range = this.b.eraseRange && wellFormed;
    if (!range && (numbers.length > 0 || resetWord) && this.b.eraseRange && !this.b.badEraseIsChipErase) {
      this.say('Syntax: erase [<SAddr>, <EAddr>] [, <noreset | reset>]');
      return 'error';
    }
    // Otherwise a range the version ignores (6.80d: erase takes none) or misreads (< V7.54b) means chip erase.
    this.implicitReset('erase', c.args);
    const { failure } = await this.resolveLoader();
    if (!range) {
      this.say(
        this.b.eraseWording === 'new'
          ? "No address range specified, 'Erase Chip' will be executed"
          : this.b.eraseWording === 'mid'
            ? 'Without any give address range, Erase Chip will be executed'
            : 'Erasing device...',
      );
      if (this.b.eraseWording !== 'old') this.say('Erasing device...');
    } else {
      this.say('Erasing selected range...');
    }
    if (this.prepareFailed(failure === 'no-flash' ? 'wrong-loader' : failure)) return 'error';
    const ms = range ? model.eraseRange(Math.max(start!, model.base), Math.min(end!, model.base + model.sizeBytes - 1)) : model.chipErase();
    this.say(`J-Link: Flash download: Total time needed: ${secs(ms)}s (Prepare: 0.000s, Compare: 0.000s, Erase: ${secs(ms)}s, Program: 0.000s, Verify: 0.000s, Restore: 0.000s)`, 'Erasing done.');
    return 'ok';
  }

  private async readData(file: string): Promise<Uint8Array | undefined> {
    try {
      return await this.o.files.readFile(file);
    } catch {
      return undefined;
    }
  }

  private async loadbin(c: CommandLine): Promise<Outcome> {
    const file = c.args[0];
    const address = parseHexNumber(c.args[1]);
    const tail = c.args.slice(2);
    const syntax = this.b.implicitReset ? 'Syntax: loadbin <filename> <Addr> [, <noreset | reset>]' : 'Syntax: loadbin <filename>, <addr>';
    const badTail = tail.length > (this.b.implicitReset ? 1 : 0) || (tail.length === 1 && !/^(no)?reset$/i.test(tail[0]!));
    // Before V7.70 the comma between file and address is required.
    if (file === undefined || address === undefined || badTail || (!this.b.implicitReset && !c.commaBefore[1])) {
      this.say(syntax);
      return 'error';
    }
    if (!this.connectTarget(false)) return 'error';
    this.implicitReset('loadbin', c.args);
    const data = await this.readData(file);
    if (data === undefined) {
      this.say('Failed to open file.');
      return 'error';
    }
    this.say(`Downloading file [${file}]...`);
    this.o.board.clock.advance(JLINK_MODEL.perOperationMs);
    const model = this.flashModel();
    if (!model.contains(address, data.length)) {
      try {
        this.o.board.memory.poke(address, data);
        this.o.board.clock.advance(model.swdMs(data.length));
        this.say('O.K.');
        return 'ok';
      } catch {
        this.say('Writing target memory failed.');
        return 'error';
      }
    }
    const { failure } = await this.resolveLoader();
    if (this.prepareFailed(failure)) return 'error';
    if (failure !== undefined) {
      // no-flash, rt105x-qspi-bug, rt117x-bug: the DLL's write ends in this line (T-1).
      this.say('Writing target memory failed.');
      return 'error';
    }
    const result = model.download(address, data);
    if (result.verifyFailedAt !== undefined) {
      // The loader's read-back after programming found a wrong byte (research/jlink.md §2.1).
      this.say('Error while programming flash: Verify failed.');
      return 'error';
    }
    this.printDownload(result, data.length, model.base);
    this.say('O.K.');
    return 'ok';
  }

  private printDownload(r: DownloadResult, bytes: number, base: number): void {
    const bank = `J-Link: Flash download: Bank 0 @ 0x${hex8(base)}`;
    const ph = r.phases;
    if (r.affectedBytes === 0) {
      this.say(`${bank}: Skipped. Contents already match`);
      return;
    }
    if (this.b.progressLines) this.say('Comparing flash   [100%] Done.', 'Erasing flash     [100%] Done.', 'Programming flash [100%] Done.');
    this.say(`${bank}: ${r.ranges} range${r.ranges === 1 ? '' : 's'} affected (${r.affectedBytes} bytes)`);
    const total = ph.prepareMs + ph.compareMs + ph.eraseMs + ph.programMs + ph.verifyMs + ph.restoreMs;
    if (this.b.oldTotalLine) {
      this.say(
        `J-Link: Flash download: Total time needed: ${secs(total)}s (Prepare: ${secs(ph.prepareMs)}s, Compare: ${secs(ph.compareMs)}s, Erase: ${secs(ph.eraseMs)}s, Program: ${secs(ph.programMs)}s, Verify: ${secs(ph.verifyMs)}s, Restore: ${secs(ph.restoreMs)}s)`,
      );
      return;
    }
    this.say(
      `J-Link: Flash download: Total: ${secs(total)}s (Prepare: ${secs(ph.prepareMs)}s, Compare: ${secs(ph.compareMs)}s, Erase: ${secs(ph.eraseMs)}s, Program & Verify: ${secs(ph.programMs + ph.verifyMs)}s, Restore: ${secs(ph.restoreMs)}s)`,
      `J-Link: Flash download: Program & Verify speed: ${Math.round(bytes / 1024 / Math.max((ph.programMs + ph.verifyMs) / 1000, 1e-6))} ${this.b.speedUnit}`,
    );
  }

  private readTarget(address: number, bytes: number): Uint8Array | undefined {
    const model = this.flashModel();
    if (model.contains(address, bytes)) {
      model.prepare();
      return model.read(address, bytes);
    }
    try {
      const data = this.o.board.memory.peek(address, bytes);
      this.o.board.clock.advance(model.swdMs(bytes));
      return data;
    } catch {
      return undefined;
    }
  }

  /** `count` items of `width` bytes through the AHB-AP (bus rules: unmapped, clock-gated, alignment fault); undefined on a fault. */
  private readBus(address: number, count: number, width: 1 | 4): Uint8Array | undefined {
    const bus = this.o.board.bus;
    const out = new Uint8Array(count * width);
    const view = new DataView(out.buffer);
    try {
      for (let i = 0; i < count; i++) {
        if (width === 4) view.setUint32(4 * i, bus.read32(address + 4 * i), true);
        else out[i] = bus.read8(address + i);
      }
    } catch (e) {
      if (!(e instanceof BusFault)) throw e;
      return undefined;
    } finally {
      this.o.board.clock.advance(this.flashModel().swdMs(out.length) + JLINK_MODEL.memoryCommandMs);
    }
    return out;
  }

  private async verifybin(c: CommandLine): Promise<Outcome> {
    const file = c.args[0];
    const address = parseHexNumber(c.args[1]);
    if (file === undefined || address === undefined || !c.commaBefore[1]) {
      this.say('Syntax: verifybin <filename>, <addr>');
      return 'error';
    }
    if (!this.connectTarget(false)) return 'error';
    const data = await this.readData(file);
    if (data === undefined) {
      this.say('Failed to open file.');
      return 'error';
    }
    this.say(`Loading binary file ${file}`, `Reading ${data.length} bytes data from target memory @ 0x${hex8(address)}.`);
    const actual = this.readTarget(address, data.length);
    if (actual === undefined) {
      this.say('Reading failed.');
      return 'error';
    }
    const at = data.findIndex((b, i) => actual[i] !== b);
    if (at < 0) {
      this.say('Verify successful.');
      return 'ok';
    }
    this.say(`Verify failed @ address 0x${hex8(address + at)}.`, `Expected ${hex2(data[at]!)} read ${hex2(actual[at]!)}`, 'ERROR: Verify failed.');
    return 'error';
  }

  private async savebin(c: CommandLine): Promise<Outcome> {
    const file = c.args[0];
    const address = parseHexNumber(c.args[1]);
    const bytes = parseHexNumber(c.args[2]);
    if (file === undefined || address === undefined || bytes === undefined) {
      this.say('Syntax: savebin <filename>, <addr>, <NumBytes> (hex)');
      return 'error';
    }
    if (!this.connectTarget(false)) return 'error';
    // UNVERIFIED wording (research/jlink.md lists only the syntax of savebin).
    this.say(`Opening binary file for writing... [${file}]`, `Reading ${bytes} bytes from addr 0x${hex8(address)} into file...`);
    const data = this.readTarget(address, bytes);
    if (data === undefined) {
      this.say('Reading failed.');
      return 'error';
    }
    await this.o.files.writeFile(file, data);
    this.say('O.K.');
    return 'ok';
  }

  private mem(c: CommandLine, width: 1 | 4): Outcome {
    const address = parseHexNumber(c.args[0]);
    const count = parseHexNumber(c.args[1]);
    if (address === undefined || count === undefined) {
      this.say(width === 4 ? 'Syntax: mem32 <Addr>, <NumItems> (hex)' : 'Syntax: mem <Addr>, <NumBytes> (hex)');
      return 'error';
    }
    if (!this.connectTarget(false)) return 'error';
    const data = this.flashModel().contains(address, count * width) ? this.readTarget(address, count * width) : this.readBus(address, count, width);
    if (data === undefined) {
      this.say('Could not read memory.');
      return 'error';
    }
    for (let i = 0; i < data.length; i += 16) {
      const row = data.subarray(i, i + 16);
      const items: string[] = [];
      if (width === 4) {
        for (let j = 0; j + 4 <= row.length; j += 4) items.push(hex8(new DataView(row.buffer, row.byteOffset + j, 4).getUint32(0, true)));
      } else {
        for (const b of row) items.push(hex2(b));
      }
      this.say(`${hex8(address + i)} = ${items.join(' ')}`);
    }
    return 'ok';
  }

  private write(c: CommandLine, width: 1 | 4): Outcome {
    const address = parseHexNumber(c.args[0]);
    const value = parseHexNumber(c.args[1]);
    if (address === undefined || value === undefined) {
      this.say(`Syntax: w${width} [<Zone>:]<Addr>, <Data> (hex)`);
      return 'error';
    }
    if (!this.connectTarget(false)) return 'error';
    const model = this.flashModel();
    try {
      if (model.contains(address, width)) {
        // The flash window is not written by a plain bus write (AHB writes need a write LUT the loader does not set).
        const bytes = new Uint8Array(width);
        for (let i = 0; i < width; i++) bytes[i] = (value >>> (8 * i)) & 0xff;
        this.o.board.memory.poke(address, bytes);
      } else {
        // Every other address through the AHB-AP, as the real J-Link reaches peripherals: bus rules apply.
        if (width === 4) this.o.board.bus.write32(address, value >>> 0);
        else this.o.board.bus.write8(address, value & 0xff);
        this.o.board.clock.advance(model.swdMs(4) + JLINK_MODEL.memoryCommandMs);
      }
    } catch (e) {
      if (!(e instanceof BusFault) && !(e instanceof RangeError)) throw e;
      this.say('Writing target memory failed.');
      return 'error';
    }
    this.say(`Writing ${width === 4 ? hex8(value) : hex2(value)} -> ${hex8(address)}`);
    return 'ok';
  }
}

const hex8 = (n: number) => (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
const secs = (ms: number) => (ms / 1000).toFixed(3);
