import 'reflect-metadata';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { udevRules } from '../doctor/udev-rules.js';
import { runInProcess } from '../testing/run-in-process.js';

const example = (name: string) => fileURLToPath(new URL(`../../../../examples/blinky/out/${name}`, import.meta.url));
const tempDir = () => mkdtempSync(join(tmpdir(), 'imxflash-device-'));
const sim = (dir: string) => ['--sim', '--sim-state', join(dir, 'board.bin')];

describe('flash --dry-run --sim (no probe opened)', () => {
  it('plans against the erased board: erase and program the boot image, nothing written', async () => {
    const dir = tempDir();
    const r = await runInProcess(['flash', example('blinky-ram.hex'), '--dry-run', '--json', ...sim(dir)]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, command: 'flash', dryRun: true, chip: 'rt1050', flash: 'is25wp064a', image: { kind: 'boot', mode: 'ram', flashBase: 0x6000_0000 } });
    // An erased board: nothing to erase (blank sectors are not erased), every image byte programmed.
    expect(out.plan.totals.eraseBytes).toBe(0);
    expect(out.plan.programs[0].address).toBe(0x6000_0000);
    expect(out.rom.action).toBe('copy');
    expect(existsSync(join(dir, 'board.bin'))).toBe(false);
  });

  it('prints the plan for humans', async () => {
    const dir = tempDir();
    const r = await runInProcess(['flash', example('blinky-ram.hex'), '--dry-run', ...sim(dir)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('dry run: nothing is written');
    expect(r.stdout).toMatch(/program 0x60000000 \+\d/);
  });
});

describe('device command errors', () => {
  it('a missing file is exit 1 before any device is opened', async () => {
    const r = await runInProcess(['flash', 'nope.hex', ...sim(tempDir())]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error FILE_NOT_FOUND: input file not found: nope.hex');
  });

  it('an unknown flash part is exit 1', async () => {
    const r = await runInProcess(['flash', example('blinky-ram.hex'), '--flash', 'nor9000', ...sim(tempDir())]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error FLASH_PART_UNKNOWN:');
  });

  it('bad option values are exit 1 with the choices', async () => {
    const r = await runInProcess(['flash', example('blinky-ram.hex'), '--erase', 'all', ...sim(tempDir())]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--erase: 'all' is not one of auto, sector, chip");
    const e = await runInProcess(['erase', '--address', '0x60000000', ...sim(tempDir())]);
    expect(e.code).toBe(1);
    expect(e.stderr).toContain('erase needs --address and --length, or --all');
    const rd = await runInProcess(['read', 'out.bin', '--address', '0x60000000', ...sim(tempDir())]);
    expect(rd.code).toBe(1);
    expect(rd.stderr).toContain("required option '--length <bytes>' not specified");
  });

  it('--port with --probe jlink is a contradiction', async () => {
    const r = await runInProcess(['flash', example('blinky-ram.hex'), '--probe', 'jlink', '--port', '/dev/ttyUSB0', ...sim(tempDir())]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--port is for the serial downloader');
  });

  it('a bad --probe selector is exit 1 with the forms', async () => {
    const r = await runInProcess(['probes', '--probe', 'stlink', ...sim(tempDir())]);
    expect([0, 1]).toContain(r.code);
    const f = await runInProcess(['flash', example('blinky-ram.hex'), '--probe', 'stlink', ...sim(tempDir())]);
    expect(f.code).toBe(1);
    expect(f.stderr).toContain('error SELECTOR_INVALID:');
  });
});

describe('without a driver for the selector', () => {
  it('flash --sim ends with a device error (exit 2) and a hint', async () => {
    const r = await runInProcess(['flash', example('blinky-ram.hex'), '--probe', 'jlink:123456', ...sim(tempDir())]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/error PROBE_NOT_FOUND: /);
    expect(r.stderr).toContain('hint:');
  });
});

describe('J-Link version choice under --sim', () => {
  it('a pinned version with a known issue is swapped for an installed one without (policy auto), said in notices', async () => {
    const r = await runInProcess(['flash', example('blinky-ram.hex'), '--json', '--probe', 'jlink', '--jlink-version', 'V6.82d', ...sim(tempDir())], {
      env: { IMXFLASH_SIM_JLINK: 'V6.82d,V7.94e' },
    });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.probe.description).toContain('V7.94e');
    expect(out.notices.map((n: { text: string }) => n.text).join('\n')).toContain('rt105x-qspi-4byte-loader');
    expect(out.boot.verdict).toBe('booted');
    // The block-protect read: two JLinkExe register runs before any erase, reported on their own.
    expect(out.protectionCheckMs).toBeGreaterThan(500);
  });

  it('the time line shows the protection check when something is written; a second flash of the same image writes nothing and needs none', async () => {
    const dir = tempDir();
    const first = await runInProcess(['flash', example('blinky-ram.hex'), '--probe', 'jlink', ...sim(dir)]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/time    connect [^,]+, read [^,]+, protection check [\d.]+ ms, erase/);
    const again = await runInProcess(['flash', example('blinky-ram.hex'), '--probe', 'jlink', ...sim(dir)]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('the flash already holds this image');
    expect(again.stdout).not.toContain('protection check');
  });

  it('--jlink-policy strict stops with the known issue (exit 2)', async () => {
    const r = await runInProcess(['flash', example('blinky-ram.hex'), '--probe', 'jlink', '--jlink-version', 'V6.82d', '--jlink-policy', 'strict', ...sim(tempDir())], {
      env: { IMXFLASH_SIM_JLINK: 'V6.82d,V7.94e' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error JLINK_KNOWN_ISSUE:');
  });
});

describe('--speed', () => {
  it('sets the SWD clock: at 1 MHz the same flash takes longer (modelled) than at the 4 MHz default', async () => {
    const run = async (extra: string[]) => {
      const r = await runInProcess(['flash', example('blinky-ram.hex'), '--json', '--probe', 'cmsis-dap', ...extra, ...sim(tempDir())]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout).phaseMs.read as number;
    };
    expect(await run(['--speed', '1000'])).toBeGreaterThan(await run([]));
  });

  it('rejects a speed that is not a kHz count', async () => {
    const r = await runInProcess(['flash', example('blinky-ram.hex'), '--speed', 'fast', ...sim(tempDir())]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--speed: 'fast' is not a whole number of kHz");
  });
});

describe('run --sim', () => {
  it('loads the ROM-shaped RAM image over SWD and starts it at the reset handler (cmsis-dap)', async () => {
    const r = await runInProcess(['run', example('blinky-ram.hex'), '--json', '--probe', 'cmsis-dap', ...sim(tempDir())]);
    expect(r.code, r.stderr).toBe(0);
    // PC holds the reset handler without the Thumb bit (that lives in EPSR.T).
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, command: 'run', loadAddress: 0x2000_0000, bytes: 0x210c, ivt: 0x2000_1000, entry: 0x2000_2043, pc: 0x2000_2042 });
  });

  it('over the serial downloader the sim says it cannot execute ARM code (exit 1)', async () => {
    const r = await runInProcess(['run', example('blinky-ram.hex'), '--probe', 'sdp', ...sim(tempDir())]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error SIM_CANNOT_EXECUTE:');
  });
});

describe('probes --sim', () => {
  it('lists the virtual probe of every driver with the selector that picks it', async () => {
    const r = await runInProcess(['probes', '--json', ...sim(tempDir())]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.probes.map((p: { selector: string }) => p.selector)).toEqual(['cmsis-dap:SIMDAP0001', 'jlink:801000001', 'sdp:0x1fc9:0x0130']);
    expect(out.installations).toEqual([expect.objectContaining({ version: 'V7.94e', knownIssues: [] })]);
  });
});

describe('doctor', () => {
  it('reports udev rules missing on Linux with the install command, and writes them', async () => {
    const dir = tempDir();
    const r = await runInProcess(['doctor', '--json', '--write-udev', join(dir, '60-imxflash.rules'), ...sim(dir)], { platform: 'linux' });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const udev = out.checks.find((c: { id: string }) => c.id === 'udev');
    expect(udev.status === 'missing' || udev.status === 'ok').toBe(true);
    if (udev.status === 'missing') expect(udev.fix).toContain('sudo udevadm control --reload-rules');
    expect(readFileSync(join(dir, '60-imxflash.rules'), 'utf8')).toBe(udevRules());
    expect(out.checks.some((c: { id: string }) => c.id === 'flashloader')).toBe(true);
  });

  it('prints the rules file when the rules are missing', async () => {
    const r = await runInProcess(['doctor', ...sim(tempDir())], { platform: 'linux', env: { NO_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    if (r.stdout.includes('✗ udev rules')) expect(r.stdout).toContain(udevRules().trimEnd());
    else expect(r.stdout).toContain('✓ udev rules');
  });

  it('reads a flashloader file\'s IVT for its load and jump addresses', async () => {
    const dir = tempDir();
    // An ivt_flashloader.bin-shaped file: IVT at 0x400, self 0x20000400, entry 0x20014B91 (research/spsdk.md §1.7).
    const bytes = new Uint8Array(0x1000);
    const v = new DataView(bytes.buffer);
    v.setUint32(0x400, 0x412000d1, true);
    v.setUint32(0x404, 0x20014b91, true);
    v.setUint32(0x410, 0x20000420, true);
    v.setUint32(0x414, 0x20000400, true);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'fl.bin'), bytes);
    const r = await runInProcess(['doctor', ...sim(dir)], { env: { IMXFLASH_FLASHLOADER: join(dir, 'fl.bin'), NO_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('load at 0x20000000, jump to 0x20000400 (IVT at +0x400, entry 0x20014B91)');
  });

  it('lists J-Link installations with their known issues for the chip', async () => {
    const dir = tempDir();
    const r = await runInProcess(['doctor', '--json', '--probe', 'jlink', ...sim(dir)], { env: { IMXFLASH_SIM_JLINK: 'V6.82d,V7.94e' } });
    expect(r.code, r.stderr).toBe(0);
    const checks = JSON.parse(r.stdout).checks as { id: string; status: string; text: string }[];
    expect(checks.find((c) => c.id === 'jlink-V6.82d')).toMatchObject({ status: 'warn', text: expect.stringContaining('rt105x-qspi-4byte-loader') });
    expect(checks.find((c) => c.id === 'jlink-V7.94e')).toMatchObject({ status: 'ok' });
  });

  it('the shipped udev file is the one doctor writes', () => {
    const shipped = fileURLToPath(new URL('../../udev/60-imxflash.rules', import.meta.url));
    expect(readFileSync(shipped, 'utf8')).toBe(udevRules());
    expect(udevRules()).toContain('ATTRS{idVendor}=="1fc9", ATTRS{idProduct}=="0130"');
    expect(udevRules()).toContain('KERNEL=="hidraw*", ATTRS{idVendor}=="15a2", ATTRS{idProduct}=="0073"');
  });
});

describe('a block-protected flash under --sim', () => {
  /** A state file for the default board (RT1052 + IS25WP064A) with data and BP bits set in status register 1. */
  async function protectedBoard(dir: string): Promise<Uint8Array> {
    const { createSimBoard, saveBoardState } = await import('@imxflash/sim');
    const data = Uint8Array.from({ length: 0x2_0000 }, (_, i) => (i * 7 + 1) & 0xff);
    const board = createSimBoard({ flashContents: data });
    const state = board.exportState();
    await saveBoardState({ exportState: () => ({ ...state, statusRegisters: [state.statusRegisters[0]! | 0x0c, ...state.statusRegisters.slice(1)] }) }, join(dir, 'board.bin'));
    return data;
  }

  it.each(['cmsis-dap', 'sdp', 'jlink'])('erase through %s is refused with FLASH_PROTECTED (exit 2), and the flash keeps its data', async (probe) => {
    const dir = tempDir();
    const data = await protectedBoard(dir);
    const r = await runInProcess(['erase', '--address', '0x60010000', '--length', '0x1000', '--probe', probe, ...sim(dir)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error FLASH_PROTECTED:');
    expect(r.stderr).toContain('this erase');
    const back = await runInProcess(['read', join(dir, 'back.bin'), '--address', '0x60000000', '--length', '0x20000', '--probe', 'cmsis-dap', ...sim(dir)]);
    expect(back.code, back.stderr).toBe(0);
    expect(new Uint8Array(readFileSync(join(dir, 'back.bin')))).toEqual(data);
  });
});
