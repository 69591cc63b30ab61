import { describe, expect, it } from 'vitest';
import { createSimBoard } from '../board/create-sim-board.js';
import { runJlinkStandIn, type StandInFiles } from './jlink-stand-in.js';

class Files implements StandInFiles {
  readonly map = new Map<string, Uint8Array>();
  put(path: string, data: string | Uint8Array): void {
    this.map.set(path, typeof data === 'string' ? new TextEncoder().encode(data) : data);
  }
  async readFile(path: string): Promise<Uint8Array> {
    const d = this.map.get(path);
    if (d === undefined) throw new Error(`ENOENT ${path}`);
    return d;
  }
  async writeFile(path: string, data: Uint8Array): Promise<void> {
    this.map.set(path, data);
  }
  async exists(path: string): Promise<boolean> {
    return this.map.has(path);
  }
}

const STOCK_XML =
  '<DataBase>\n  <Device>\n    <ChipInfo Vendor="NXP" Name="MIMXRT1052xxxxB" WorkRAMAddr="0x20000000" WorkRAMSize="0x00080000" Core="JLINK_CORE_CORTEX_M7" />\n' +
  '    <FlashBankInfo Name="HyperFlash" BaseAddr="0x60000000" MaxSize="0x04000000" Loader="Devices/NXP/iMXRT105x/NXP_iMXRT105x_HyperFlash.elf" LoaderType="FLASH_ALGO_TYPE_OPEN" AlwaysPresent="1" />\n  </Device>\n</DataBase>\n';
const qspiXml = (loader: string) =>
  `<DataBase>\n  <Device>\n    <ChipInfo Vendor="NXP" Name="MIMXRT1052xxxxB" WorkRAMAddr="0x20000000" WorkRAMSize="0x00080000" Core="JLINK_CORE_CORTEX_M7" />\n    <FlashBankInfo Name="QSPI Flash" BaseAddr="0x60000000" MaxSize="0x00800000" Loader="${loader}" LoaderType="FLASH_ALGO_TYPE_OPEN" AlwaysPresent="1" />\n  </Device>\n</DataBase>\n`;

function setup(version: string) {
  const board = createSimBoard();
  const files = new Files();
  const installDir = `/opt/SEGGER/JLink_${version.replace('.', '')}`;
  files.put(`${installDir}/JLinkDevices.xml`, STOCK_XML);
  files.put(`${installDir}/Devices/NXP/iMXRT105x/NXP_iMXRT105x_HyperFlash.elf`, 'x');
  files.put(`${installDir}/Devices/NXP/iMXRT105x/NXP_iMXRT105x_QSPI.elf`, 'x');
  const data = Uint8Array.from({ length: 6000 }, (_, i) => (i * 7 + 3) & 0xff);
  files.put('/s/data.bin', data);
  const run = (script: string, args: string[]) => {
    files.put('/s/cmd.jlink', script);
    return runJlinkStandIn([...args, '-CommandFile', '/s/cmd.jlink'], { board, version, installDir, files });
  };
  return { board, files, data, run, installDir };
}
const dev = (d: string) => ['-ExitOnError', '1', '-Device', d, '-If', 'SWD', '-Speed', '4000'];

describe('JLinkExe stand-in', () => {
  it('V7.94e: loader suffix, erase range + noreset, loadbin, verifybin, savebin act on the board flash', async () => {
    const { board, files, data, run } = setup('V7.94e');
    board.flash.faults; // the board is fresh: erased flash
    const t0 = board.clock.now();
    const r = await run(
      'connect\nh\nerase 0x60000000, 0x60001FFF, noreset\nloadbin "/s/data.bin" 0x60000000, noreset\nverifybin "/s/data.bin", 0x60000000\nsavebin "/s/out.bin", 0x60000000, 0x20\nr\ng\nexit\n',
      ['-NoGui', '1', ...dev('MIMXRT1052xxxxB?BankAddr=0x60000000&Loader=QSPI')],
    );
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^SEGGER J-Link Commander V7\.94e \(Compiled /);
    expect(r.stdout).toContain('J-Link Commander will now exit on Error\n');
    expect(r.stdout).toContain('J-Link>loadbin "/s/data.bin" 0x60000000, noreset\n');
    expect(r.stdout).toContain("'loadbin': Skipping reset & halt of MCU before download.\n");
    expect(r.stdout).toContain('Erasing selected range...\n');
    expect(r.stdout).toContain('Downloading file [/s/data.bin]...\n');
    expect(r.stdout).toMatch(/J-Link: Flash download: Bank 0 @ 0x60000000: 1 range affected \(8192 bytes\)\n/);
    expect(r.stdout).toMatch(/J-Link: Flash download: Program & Verify speed: \d+ KB\/s\nO\.K\.\n/);
    expect(r.stdout).toContain('Verify successful.\n');
    expect(r.stdout.endsWith('\nScript processing completed.\n')).toBe(true);
    expect(board.flash.peek(0, data.length)).toEqual(data);
    expect(board.flash.peek(data.length, 4)).toEqual(new Uint8Array(4).fill(0xff));
    expect(files.map.get('/s/out.bin')).toEqual(data.subarray(0, 0x20));
    expect(board.clock.now() - t0).toBeGreaterThan(250);
    // Same data again: nothing to program.
    const again = await run('loadbin "/s/data.bin" 0x60000000, noreset\nexit\n', dev('MIMXRT1052xxxxB?BankAddr=0x60000000&Loader=QSPI'));
    expect(again.stdout).toContain('J-Link: Flash download: Bank 0 @ 0x60000000: Skipped. Contents already match\nO.K.\n');
  });

  it('loadbin compares on the target first: an unchanged download sends no data and is over in a fraction of the time', async () => {
    const { board, files, run } = setup('V7.94e');
    const big = Uint8Array.from({ length: 256 * 1024 }, (_, i) => (i * 13 + (i >>> 9)) & 0xff);
    files.put('/s/big.bin', big);
    const script = 'connect\nh\nloadbin "/s/big.bin" 0x60000000, noreset\nexit\n';
    const args = dev('MIMXRT1052xxxxB?BankAddr=0x60000000&Loader=QSPI');
    const t0 = board.clock.now();
    expect((await run(script, args)).exitCode).toBe(0);
    const first = board.clock.now() - t0;
    const t1 = board.clock.now();
    const again = await run(script, args);
    const second = board.clock.now() - t1;
    expect(again.stdout).toContain('Skipped. Contents already match');
    // 256 KiB over 4 MHz SWD alone is ~0.75 s; the unchanged run is process start, connect and the on-target compare.
    expect(second).toBeLessThan(first / 3);
    expect(second).toBeLessThan(500);
    expect(board.flash.peek(0, big.length)).toEqual(big);
  });

  it('loadbin reads back what it programmed: a page the flash fails to program ends the download with "Verify failed."', async () => {
    const { board, run } = setup('V7.94e');
    board.faults.failNthProgram(2);
    const r = await run('connect\nh\nloadbin "/s/data.bin" 0x60000000, noreset\nexit\n', dev('MIMXRT1052xxxxB?BankAddr=0x60000000&Loader=QSPI'));
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('Downloading file [/s/data.bin]...\nError while programming flash: Verify failed.\n');
    expect(r.stdout).not.toContain('O.K.\nJ-Link>exit');
  });

  it('V6.82d with the QSPI loader through a settings-file XML: "Writing target memory failed.", exit 1 with ExitOnError, 0 without', async () => {
    const { board, files, run, installDir } = setup('V6.82d');
    files.put('/s/JLinkDevices.xml', qspiXml(`${installDir}/Devices/NXP/iMXRT105x/NXP_iMXRT105x_QSPI.elf`));
    files.put('/s/x.jlinksettings', '');
    const script = 'connect\nh\nloadbin "/s/data.bin", 0x60000000\nverifybin "/s/data.bin", 0x60000000\nexit\n';
    const strict = await run(script, ['-NoGui', '1', ...dev('MIMXRT1052xxxxB'), '-SettingsFile', '/s/x.jlinksettings']);
    expect(strict.exitCode).toBe(1);
    expect(strict.stdout).toContain('Downloading file [/s/data.bin]...\nWriting target memory failed.\n');
    expect(strict.stdout).not.toContain('Verify');
    const lax = await run(script, ['-Device', 'MIMXRT1052xxxxB', '-If', 'SWD', '-SettingsFile', '/s/x.jlinksettings']);
    expect(lax.exitCode).toBe(0);
    expect(lax.stdout).toContain('Writing target memory failed.\n');
    expect(lax.stdout).toContain('ERROR: Verify failed.\n');
    expect(board.flash.peek(0, 16)).toEqual(new Uint8Array(16).fill(0xff));
  });

  it('V6.86: the same XML works; without it the stock HyperFlash loader fails on the QSPI board', async () => {
    const { board, files, data, run, installDir } = setup('V6.86');
    const stock = await run('loadbin "/s/data.bin", 0x60000000\nexit\n', dev('MIMXRT1052xxxxB'));
    expect(stock.exitCode).toBe(1);
    expect(stock.stdout).toContain('ERROR: Timeout while preparing target, core does not stop.\n');
    files.put('/s/JLinkDevices.xml', qspiXml(`${installDir}/Devices/NXP/iMXRT105x/NXP_iMXRT105x_QSPI.elf`));
    files.put('/s/x.jlinksettings', '');
    const ok = await run('loadbin "/s/data.bin", 0x60000000\nverifybin "/s/data.bin", 0x60000000\nexit\n', [...dev('MIMXRT1052xxxxB'), '-SettingsFile', '/s/x.jlinksettings']);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).not.toContain('J-Link>'); // no echo before V7.60
    expect(board.flash.peek(0, data.length)).toEqual(data);
  });

  it('command-file parser bugs: comment lines in V7.88l–7.89, CR line ends before V7.92f', async () => {
    const suffix = dev('MIMXRT1052xxxxB?BankAddr=0x60000000&Loader=QSPI');
    expect((await setup('V7.88l').run('// flash\nconnect\nexit\n', suffix)).stdout).toContain("J-Link>// flash\nUnknown command. '?' for help.\n");
    expect((await setup('V7.88l').run('// flash\nconnect\nexit\n', suffix)).exitCode).toBe(1);
    expect((await setup('V7.90').run('// flash\nconnect\nexit\n', suffix)).exitCode).toBe(0);
    expect((await setup('V7.92e').run('connect\r\nexit\r\n', suffix)).exitCode).toBe(1);
    expect((await setup('V7.92f').run('connect\r\nexit\r\n', suffix)).exitCode).toBe(0);
    expect((await setup('V7.88l').run('exec EnableEraseAllFlashBanks\nexit\n', suffix)).exitCode).toBe(1);
  });

  it('option and syntax differences per version', async () => {
    const old = await setup('V6.62a').run('exit\n', ['-NoGui', '1', ...dev('MIMXRT1052xxxxB')]);
    expect(old).toMatchObject({ exitCode: 1, stdout: expect.stringContaining('Unknown command line option -NoGui.\n') });
    const noComma = await setup('V7.50a').run('loadbin "/s/data.bin" 0x60000000\nexit\n', dev('MIMXRT1052xxxxB'));
    expect(noComma.stdout).toContain('Syntax: loadbin <filename>, <addr>\n');
    const suffixTooOld = await setup('V7.70c').run('connect\nexit\n', dev('MIMXRT1052xxxxB?BankAddr=0x60000000&Loader=QSPI'));
    expect(suffixTooOld.stdout).toContain('Cannot connect to target.');
  });

  it('V6.80d ignores an erase range and erases the whole chip', async () => {
    const { board, run, installDir, files } = setup('V6.80d');
    files.put('/s/JLinkDevices.xml', qspiXml(`${installDir}/Devices/NXP/iMXRT105x/NXP_iMXRT105x_QSPI.elf`));
    files.put('/s/x.jlinksettings', '');
    const args = [...dev('MIMXRT1052xxxxB'), '-SettingsFile', '/s/x.jlinksettings'];
    await run('loadbin "/s/data.bin", 0x60010000\nexit\n', args);
    expect(board.flash.peek(0x10000, 2)).toEqual(Uint8Array.of(3, 10));
    const r = await run('erase 0x60000000, 0x60000FFF\nexit\n', args);
    expect(r.stdout).toContain('Erasing device...\n');
    expect(board.flash.peek(0x10000, 2)).toEqual(Uint8Array.of(0xff, 0xff));
  });

  it('no J-Link, no target, missing command file, ShowEmuList', async () => {
    const board = createSimBoard();
    const files = new Files();
    files.put('/s/c', 'ShowEmuList\nconnect\nexit\n');
    const base = { board, version: 'V7.94e', installDir: '/opt/SEGGER/JLink_V794e', files };
    const noProbe = await runJlinkStandIn(['-ExitOnError', '1', '-Device', 'MIMXRT1052xxxxB', '-CommandFile', '/s/c'], { ...base, probeConnected: false });
    expect(noProbe.stdout).toContain('Connecting to J-Link via USB...FAILED: Cannot connect to J-Link.\n');
    const noTarget = await runJlinkStandIn(['-Device', 'MIMXRT1052xxxxB', '-CommandFile', '/s/c'], { ...base, targetConnected: false });
    expect(noTarget).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('Cannot connect to target.\n') });
    expect(noTarget.stdout).toContain('J-Link[0]: Connection: USB, Serial number: 801000001, ProductName: J-Link V11\n');
    const missing = await runJlinkStandIn(['-ExitOnError', '1', '-CommandFile', '/s/none'], base);
    expect(missing).toMatchObject({ exitCode: 1, stdout: expect.stringContaining("Could not open J-Link Command File '/s/none'") });
  });

  it('mem and mem32 read the flash window; w4 writes RAM', async () => {
    const { board, run } = setup('V7.94e');
    board.memory.poke(0x2020_0000, Uint8Array.of(0x11, 0x22, 0x33, 0x44));
    const r = await run('mem 0x60000000, 4\nw4 0x20200004, 0xA5A5A5A5\nmem32 0x20200000, 2\nexit\n', dev('MIMXRT1052xxxxB?BankAddr=0x60000000&Loader=QSPI'));
    expect(r.stdout).toContain('60000000 = FF FF FF FF\n');
    expect(r.stdout).toContain('20200000 = 44332211 A5A5A5A5\n');
  });

  it('w4/mem32 outside the flash window reach peripherals through the bus (clock gating faults), Sleep and each access cost board time', async () => {
    const { board, run } = setup('V7.94e');
    const CCGR6 = 0x400f_c080;
    const MCR0 = 0x402a_8000;
    const gateOff = (board.bus.read32(CCGR6) & ~(3 << 10)) >>> 0;
    const hex = (n: number) => (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
    // FlexSPI clock gated: its registers fault, as on the AHB-AP.
    const gated = await run(`w4 0x${hex(CCGR6)}, 0x${hex(gateOff)}\nmem32 0x${hex(MCR0)}, 1\nexit\n`, dev('MIMXRT1052xxxxB?BankAddr=0x60000000&Loader=QSPI'));
    expect(gated.exitCode).toBe(1);
    expect(gated.stdout).toContain('Could not read memory.\n');
    const gatedWrite = await run(`w4 0x${hex(MCR0)}, 0xFFFF80C2\nexit\n`, dev('MIMXRT1052xxxxB?BankAddr=0x60000000&Loader=QSPI'));
    expect(gatedWrite).toMatchObject({ exitCode: 1, stdout: expect.stringContaining('Writing target memory failed.\n') });
    // Clock on: MCR0 reads its reset value and takes a write; a misaligned register read faults.
    const t0 = board.clock.now();
    const on = await run(
      `w4 0x${hex(CCGR6)}, 0x${hex(gateOff | (3 << 10))}\nmem32 0x${hex(MCR0)}, 1\nw4 0x${hex(MCR0)}, 0xFFFF80C0\nSleep 7\nmem32 0x${hex(MCR0)}, 1\nexit\n`,
      dev('MIMXRT1052xxxxB?BankAddr=0x60000000&Loader=QSPI'),
    );
    expect(on.exitCode).toBe(0);
    expect(on.stdout).toMatch(/402A8000 = FFFF80C2\n[\s\S]*Sleep\(7\)\n[\s\S]*402A8000 = FFFF80C0\n/);
    expect(board.bus.read32(MCR0)).toBe(0xffff_80c0);
    // Process start (250) + connect (40) + Sleep 7 + four accesses of an SWD word and a USB round trip each.
    expect(board.clock.now() - t0).toBeCloseTo(250 + 40 + 7 + 4 * (0.25 + (46 * 1000) / 4_000_000), 6);
    const misaligned = await run(`mem32 0x402A8002, 1\nexit\n`, dev('MIMXRT1052xxxxB?BankAddr=0x60000000&Loader=QSPI'));
    expect(misaligned.stdout).toContain('Could not read memory.\n');
  });

  it('the flash loader programs correctly after the FlexSPI registers were reprogrammed by w4 (it sets the controller up itself)', async () => {
    const { board, run, files } = setup('V7.94e');
    // Unlock the LUT and overwrite the read sequence (0) and seq 1 with junk, disable the module.
    const junk = ['w4 0x402A8018, 0x5AF05AF0', 'w4 0x402A801C, 0x00000002', 'w4 0x402A8200, 0xDEADBEEF', 'w4 0x402A8210, 0x12345678', 'w4 0x402A8000, 0xFFFF80C2'];
    expect((await run(`${junk.join('\n')}\nexit\n`, dev('MIMXRT1052xxxxB?BankAddr=0x60000000&Loader=QSPI'))).exitCode).toBe(0);
    const r = await run('loadbin "/s/data.bin" 0x60001000, noreset\nverifybin "/s/data.bin", 0x60001000\nexit\n', dev('MIMXRT1052xxxxB?BankAddr=0x60000000&Loader=QSPI'));
    expect(r.stdout).toContain('Verify successful.\n');
    expect(board.flash.peek(0x1000, 6000)).toEqual(await files.readFile('/s/data.bin'));
  });

  it('RT1062: V7.70d–V7.82c use the HyperFlash loader unless the suffix names QSPI (zephyr #50327)', async () => {
    for (const [version, device, ok] of [
      ['V7.80a', 'MIMXRT1062xxx6A', false],
      ['V7.80a', 'MIMXRT1062xxx6A?BankAddr=0x60000000&Loader=QSPI', true],
      ['V7.82d', 'MIMXRT1062xxx6A', true],
      ['V7.70c', 'MIMXRT1062xxx6A', true],
    ] as const) {
      const board = createSimBoard({ chip: 'rt1060' });
      const files = new Files();
      files.put('/s/d.bin', Uint8Array.of(1, 2, 3, 4));
      files.put('/s/c', 'loadbin "/s/d.bin" 0x60000000\nexit\n');
      const r = await runJlinkStandIn(['-ExitOnError', '1', '-Device', device, '-CommandFile', '/s/c'], { board, version, installDir: '/x', files });
      expect(r.exitCode, `${version} ${device}`).toBe(ok ? 0 : 1);
      if (!ok) expect(r.stdout).toContain('ERROR: Timeout while preparing target, core does not stop.');
      expect(board.flash.peek(0, 4)).toEqual(ok ? Uint8Array.of(1, 2, 3, 4) : new Uint8Array(4).fill(0xff));
    }
  });
});

