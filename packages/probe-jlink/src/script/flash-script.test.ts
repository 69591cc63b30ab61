import { describe, expect, it } from 'vitest';
import type { JlinkInstallation } from '../discovery/jlink-installation.js';
import { fakeHost } from '../testing/fake-host.js';
import { jv } from '../version/jlink-version.js';
import { checkJlinkPath } from './check-path.js';
import { buildFlashScript, type JlinkOperation } from './flash-script.js';
import { selectLoader, type LoaderTarget } from './loader-selection.js';

const rt1052Qspi: LoaderTarget = {
  device: 'MIMXRT1052xxxxB', family: 'rt105x', flash: 'spi-nor', bankAddress: 0x6000_0000, bankBytes: 0x80_0000,
  workRamAddress: 0x2000_0000, workRamBytes: 0x8_0000,
};
const install = (v: string): JlinkInstallation => {
  const dir = `/opt/SEGGER/JLink_V${v.replace('.', '')}`;
  return { dir, exe: `${dir}/JLinkExe`, version: jv(v), versionSource: 'banner', foundBy: 'default-folder' };
};
const withLoaders = (v: string) => {
  const dir = install(v).dir;
  return fakeHost({ platform: 'linux', files: [`${dir}/JLinkExe`, `${dir}/Devices/NXP/iMXRT105x/NXP_iMXRT105x_QSPI.elf`, `${dir}/Devices/NXP/iMXRT105x/NXP_iMXRT105x.pex`] });
};
const ops: JlinkOperation[] = [
  { kind: 'erase', address: 0x6000_0000, bytes: 0x2000 },
  { kind: 'program', address: 0x6000_0000, data: Uint8Array.of(1, 2, 3) },
  { kind: 'read', address: 0x6000_0000, bytes: 0x100 },
  { kind: 'reset' },
];
const D = '/tmp/imxflash-jlink-0';

async function script(v: string) {
  const loader = await selectLoader(withLoaders(v), install(v), rt1052Qspi);
  return buildFlashScript(D, { version: jv(v), platform: 'linux', loader, speedKhz: 4000, serial: '600112345', operations: ops });
}
const text = (s: Awaited<ReturnType<typeof script>>, name: string) => {
  const c = s.files.find((f) => f.name === name)!.content;
  return typeof c === 'string' ? c : c;
};

describe('buildFlashScript per version band', () => {
  it('V7.94e: loader suffix, -NoGui, erase range and noreset', async () => {
    const s = await script('7.94e');
    expect(s.args).toEqual([
      '-NoGui', '1', '-ExitOnError', '1', '-SelectEmuBySN', '600112345', '-Device', 'MIMXRT1052xxxxB?BankAddr=0x60000000&Loader=QSPI',
      '-If', 'SWD', '-Speed', '4000', '-CommandFile', `${D}/imxflash.jlink`,
    ]);
    expect(text(s, 'imxflash.jlink')).toBe(
      'connect\nh\n' +
        'erase 0x60000000, 0x60001FFF, noreset\n' +
        `loadbin "${D}/data-1.bin" 0x60000000, noreset\n` +
        `savebin "${D}/read-2.bin", 0x60000000, 0x00000100\n` +
        'r\ng\nexit\n',
    );
    expect(s.files.map((f) => f.name)).toEqual(['data-1.bin', 'imxflash.jlink']);
    expect(text(s, 'data-1.bin')).toEqual(Uint8Array.of(1, 2, 3));
    expect(s.readFiles.get(2)).toBe(`${D}/read-2.bin`);
  });
  it('V7.70c: noreset but no suffix: override XML through a settings file', async () => {
    const s = await script('7.70c');
    expect(s.args).toEqual([
      '-NoGui', '1', '-ExitOnError', '1', '-SelectEmuBySN', '600112345', '-Device', 'MIMXRT1052xxxxB', '-If', 'SWD', '-Speed', '4000',
      '-SettingsFile', `${D}/imxflash.jlinksettings`, '-CommandFile', `${D}/imxflash.jlink`,
    ]);
    expect(text(s, 'imxflash.jlink')).toContain('erase 0x60000000, 0x60001FFF, noreset\n');
    expect(text(s, 'JLinkDevices.xml')).toBe(
      '<DataBase>\n  <Device>\n' +
        '    <ChipInfo Vendor="NXP" Name="MIMXRT1052xxxxB" WorkRAMAddr="0x20000000" WorkRAMSize="0x00080000" Core="JLINK_CORE_CORTEX_M7" JLinkScriptFile="/opt/SEGGER/JLink_V770c/Devices/NXP/iMXRT105x/NXP_iMXRT105x.pex" />\n' +
        '    <FlashBankInfo Name="QSPI Flash" BaseAddr="0x60000000" MaxSize="0x00800000" Loader="/opt/SEGGER/JLink_V770c/Devices/NXP/iMXRT105x/NXP_iMXRT105x_QSPI.elf" LoaderType="FLASH_ALGO_TYPE_OPEN" AlwaysPresent="1" />\n' +
        '  </Device>\n</DataBase>\n',
    );
    expect(text(s, 'imxflash.jlinksettings')).toBe('');
  });
  it('V7.54b: erase range without noreset, old loadbin form', async () => {
    const s = await script('7.54b');
    expect(text(s, 'imxflash.jlink')).toBe(
      'connect\nh\nerase 0x60000000, 0x60001FFF\n' +
        `loadbin "${D}/data-1.bin", 0x60000000\n` +
        `savebin "${D}/read-2.bin", 0x60000000, 0x00000100\nr\ng\nexit\n`,
    );
  });
  it('V6.86: no erase range: the range is written with 0xFF', async () => {
    const s = await script('6.86');
    expect(text(s, 'imxflash.jlink')).toBe(
      'connect\nh\n' +
        `loadbin "${D}/erase-0.bin", 0x60000000\n` +
        `loadbin "${D}/data-1.bin", 0x60000000\n` +
        `savebin "${D}/read-2.bin", 0x60000000, 0x00000100\nr\ng\nexit\n`,
    );
    expect(text(s, 'erase-0.bin')).toEqual(new Uint8Array(0x2000).fill(0xff));
    expect(s.args.slice(0, 2)).toEqual(['-NoGui', '1']);
  });
  it('V6.62a: no -NoGui', async () => {
    const s = await script('6.62a');
    expect(s.args[0]).toBe('-ExitOnError');
    expect(s.args).toContain('-SettingsFile');
  });
  it('every command file is LF-only, has no blank or comment lines and ends with exit', async () => {
    for (const v of ['6.62a', '6.82d', '6.86', '7.54b', '7.70c', '7.70d', '7.88l', '7.94e']) {
      const t = text(await script(v), 'imxflash.jlink') as string;
      expect(t).not.toMatch(/\r/);
      expect(t.split('\n').slice(0, -1).every((l) => l.trim() !== '' && !/^\s*(\/\/|#|;)/.test(l))).toBe(true);
      expect(t.endsWith('exit\n')).toBe(true);
    }
  });
  it('RT106x QSPI before 7.70d keeps the stock device (its default loader is QSPI)', async () => {
    const loader = await selectLoader(withLoaders('6.86'), install('6.86'), { ...rt1052Qspi, device: 'MIMXRT1062xxx6A', family: 'rt106x' });
    expect(loader).toEqual({ mode: 'stock', deviceArg: 'MIMXRT1062xxx6A' });
  });
  it('a missing QSPI loader is JLINK_LOADER_MISSING', async () => {
    const host = fakeHost({ platform: 'linux', files: ['/opt/SEGGER/JLink_V750a/JLinkExe'] });
    await expect(selectLoader(host, install('7.50a'), rt1052Qspi)).rejects.toMatchObject({ code: 'JLINK_LOADER_MISSING', hint: expect.stringContaining('V7.70d') });
  });
});

describe('buildFlashScript register operations', () => {
  const regOps: JlinkOperation[] = [
    { kind: 'write32', address: 0x402a_8000, value: 0xffff_8002 },
    { kind: 'sleep', ms: 1 },
    { kind: 'sleep', ms: 0.4 },
    { kind: 'sleep', ms: 0 },
    { kind: 'read32', address: 0x400f_c080 },
    { kind: 'write32', address: 0x2020_0000, value: 0 },
  ];
  it.each(['6.62a', '7.94e'])('V%s: w4 and mem32 with 0x-prefixed 8-digit hex, Sleep in whole ms (rounded up, 0 dropped); no data files', async (v) => {
    const loader = await selectLoader(withLoaders(v), install(v), rt1052Qspi);
    const s = buildFlashScript(D, { version: jv(v), platform: 'linux', loader, speedKhz: 4000, operations: regOps });
    expect(text(s, 'imxflash.jlink')).toBe('connect\nh\nw4 0x402A8000, 0xFFFF8002\nSleep 1\nSleep 1\nmem32 0x400FC080, 1\nw4 0x20200000, 0x00000000\nexit\n');
    expect(s.files.some((f) => f.name.endsWith('.bin'))).toBe(false);
    expect(s.readFiles.size).toBe(0);
  });
});

describe('checkJlinkPath', () => {
  it.each(['/tmp/a"b.bin', '/tmp/a\nexit\n.bin', '/tmp/a\rb', '/tmp/a\u0000b', '/tmp/<x>.bin', '/tmp/a&b', 'relative/file.bin'])('refuses %j with JLINK_BAD_PATH', (path) => {
    expect(() => checkJlinkPath(path, 'linux', 'data')).toThrow(expect.objectContaining({ code: 'JLINK_BAD_PATH' }));
  });
  it('accepts spaces and Windows paths', () => {
    expect(checkJlinkPath('C:\\Users\\Jane Doe\\AppData\\Local\\Temp\\x.bin', 'win32', 'data')).toBe('C:\\Users\\Jane Doe\\AppData\\Local\\Temp\\x.bin');
    expect(() => checkJlinkPath('/home/dev/x.bin', 'win32', 'data')).toThrow(expect.objectContaining({ code: 'JLINK_BAD_PATH' }));
  });
  it('a scratch folder with a quote in its path is refused before anything runs', () => {
    expect(() => buildFlashScript('/tmp/we"ird', { version: jv('7.94e'), platform: 'linux', loader: { mode: 'stock', deviceArg: 'X' }, speedKhz: 4000, operations: ops })).toThrow(
      expect.objectContaining({ code: 'JLINK_BAD_PATH' }),
    );
  });
});
