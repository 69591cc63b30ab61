import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simDrivers } from './sim-drivers.js';

// The installed bin, run as `npx imxflash` runs it (built by the global setup).
const bin = fileURLToPath(new URL('../../bin/imxflash.js', import.meta.url));
const example = (name: string) => fileURLToPath(new URL(`../../../../examples/blinky/out/${name}`, import.meta.url));

function imxflashBin(args: string[], o: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: o.cwd ?? tmpdir(),
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: mkdtempSync(join(tmpdir(), 'imxflash-home-')), NO_COLOR: '1', ...o.env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const drivers = await simDrivers();

const imxflash = imxflashBin;

describe('the built bin: errors and exit codes', () => {
  it('bad flag → 1, CONFIG_BAD_OPTION', () => {
    const r = imxflash(['flash', example('blinky-ram.hex'), '--sim', '--no-such-flag']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error CONFIG_BAD_OPTION: unknown option '--no-such-flag'");
  });

  it('missing file → 1, FILE_NOT_FOUND (also as JSON on stdout)', () => {
    const r = imxflash(['flash', 'missing.hex', '--sim', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'FILE_NOT_FOUND', message: 'input file not found: missing.hex' });
  });

  it('unknown chip → 1, unknown part → 1', () => {
    const chip = imxflash(['flash', example('blinky-ram.hex'), '--sim', '--chip', 'rt9999']);
    expect(chip.code).toBe(1);
    expect(chip.stderr).toContain("error CHIP_UNKNOWN: unknown chip 'rt9999'");
    const part = imxflash(['image', 'inspect', example('blinky-ram.hex'), '--flash', 'nor9000']);
    expect(part.code).toBe(1);
    expect(part.stderr).toContain('error FLASH_PART_UNKNOWN:');
  });

  it('malformed config → 1, CONFIG_BAD_FILE naming the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imxflash-cfg-'));
    writeFileSync(join(dir, 'imxflash.config.json'), JSON.stringify({ chip: 'rt1052', erase: 'everything' }));
    const r = imxflash(['flash', example('blinky-ram.hex'), '--sim'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error CONFIG_BAD_FILE:');
    expect(r.stderr).toContain('"erase" must be one of "auto", "sector", "chip", not "everything"');
  });

  it('flash --dry-run --sim prints the plan and the boot verdict', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imxflash-dry-'));
    const r = imxflash(['flash', example('blinky-ram.hex'), '--sim', '--sim-state', join(dir, 'b.bin'), '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.boot).toMatchObject({ verdict: 'booted', entry: 0x2000_2043, copied: { to: 0x2000_0000, bytes: 0x210c } });
  });
});

// Each driver; CMSIS-DAP v2 (bulk) and v1 (HID); the serial downloader over USB HID and over its UART.
const variants: Array<[string, string, Record<string, string>]> = drivers.flatMap((d): Array<[string, string, Record<string, string>]> =>
  d === 'sdp'
    ? [['sdp', 'sdp', {}], ['sdp over UART', 'sdp:serial', {}]]
    : d === 'cmsis-dap'
      ? [['cmsis-dap v2', 'cmsis-dap', {}], ['cmsis-dap v1', 'cmsis-dap', { IMXFLASH_SIM_DAP: 'v1' }]]
      : [[d, d, {}]],
);

describe.each(variants)('the built bin against the sim through %s', (_label, selector, simEnv) => {
  const driver = selector.split(':')[0]!;
  const dir = mkdtempSync(join(tmpdir(), `imxflash-e2e-${driver}-`));
  const sim = ['--sim', '--sim-state', join(dir, 'board.bin'), '--probe', selector];
  const imxflash = (args: string[], o: { env?: Record<string, string> } = {}) => imxflashBin(args, { env: { ...simEnv, ...o.env } });

  it('flash → boot verdict "booted" and per-phase modelled times in --json', () => {
    const r = imxflash(['flash', example('blinky-ram.hex'), ...sim, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, command: 'flash', chip: 'rt1050', flash: 'is25wp064a', sim: true, probe: { driver }, verify: 'read-back', reset: true });
    expect(out.boot).toMatchObject({ verdict: 'booted', entry: 0x2000_2043, copied: { from: 0, to: 0x2000_0000, bytes: 0x210c } });
    expect(out.phaseMs.program).toBeGreaterThan(0);
    expect(out.connectMs).toBeGreaterThan(0);
    expect(out.phaseMs.verify).toBeGreaterThan(0);
    expect(out.verifiedBytes).toBe(out.programmedBytes); // whole programmed pages (core verifies what it wrote)
  });

  it('human output ends with the boot verdict and the modelled time per phase', () => {
    const r = imxflash(['flash', example('blinky-ram.hex'), ...sim]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/time    connect .*program .*verify .*\(modelled hardware time\)/);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('boot    booted: copied 0x210C bytes to 0x20000000, entry 0x20002043');
  });

  it('read back → the same bytes as image build; verify passes; inspect of the read-back image', () => {
    const built = join(dir, 'built.bin');
    expect(imxflash(['image', 'build', example('blinky-ram.hex'), '-o', built]).code).toBe(0);
    const expected = readFileSync(built);
    const out = join(dir, 'readback.bin');
    const r = imxflash(['read', out, '--address', '0x60000000', '--length', `0x${expected.length.toString(16)}`, ...sim, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, command: 'read', address: 0x6000_0000, bytes: expected.length });
    expect(readFileSync(out).equals(expected)).toBe(true);

    const v = imxflash(['verify', example('blinky-ram.hex'), ...sim, '--json']);
    expect(v.code, v.stderr).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: true, command: 'verify' });

    const i = imxflash(['image', 'inspect', out, '--json']);
    expect(i.code, i.stderr).toBe(0);
    expect(JSON.parse(i.stdout).rom).toMatchObject({ action: 'copy', destination: 0x2000_0000, entry: 0x2000_2043 });
  });

  it('verify of another image → exit 3, FLASH_VERIFY_MISMATCH', () => {
    const r = imxflash(['verify', example('blinky-ocram.hex'), ...sim]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('error FLASH_VERIFY_MISMATCH: the flash differs at 0x6000');
  });

  it('erase of a sector, then the board falls back to the serial downloader', () => {
    const e = imxflash(['erase', '--address', '0x60000000', '--length', '0x1000', ...sim, '--json']);
    expect(e.code, e.stderr).toBe(0);
    const r = imxflash(['read', join(dir, 'fcb.bin'), '--address', '0x60000000', '--length', '16', ...sim]);
    expect(r.code, r.stderr).toBe(0);
    expect([...readFileSync(join(dir, 'fcb.bin'))]).toEqual(new Array(16).fill(0xff));
    const reset = imxflash(['reset', ...sim, '--json']);
    expect(reset.code, reset.stderr).toBe(0);
    expect(JSON.parse(reset.stdout).boot).toMatchObject({ verdict: 'serial-downloader', stage: 'fcb' });
  });
});

describe.runIf(drivers.includes('jlink'))('the built bin: a J-Link with a known issue', () => {
  it('J-Link V6.82d on RT1052 + QSPI → exit 2, JLINK_KNOWN_ISSUE, and the hint names the other transports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imxflash-e2e-jlink-issue-'));
    const r = imxflash(['flash', example('blinky-ram.hex'), '--sim', '--sim-state', join(dir, 'b.bin'), '--probe', 'jlink', '--json'], { env: { IMXFLASH_SIM_JLINK: 'V6.82d' } });
    expect(r.code).toBe(2);
    const error = JSON.parse(r.stdout).error;
    expect(error.code).toBe('JLINK_KNOWN_ISSUE');
    expect(error.message).toContain('Writing target memory failed.');
    expect(error.hint).toMatch(/--probe sdp/);
    expect(error.hint).toMatch(/--probe cmsis-dap/);
  });
});

describe.runIf(drivers.includes('sdp'))('the built bin: a gang of sim boards', () => {
  it('flash --all --sim-boards 8 over sdp: 8 results, each verified and booted; board 6 then reads back its own flash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imxflash-e2e-gang-'));
    const r = imxflash(['flash', example('blinky-ram.hex'), '--sim', '--sim-state', join(dir, 'b.bin'), '--probe', 'sdp', '--all', '--sim-boards', '8', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { boards: Array<{ board: number; ok: boolean; verifiedBytes: number; boot: { verdict: string } }> };
    expect(out.boards).toHaveLength(8);
    for (const b of out.boards) expect(b).toMatchObject({ ok: true, verifiedBytes: 1280, boot: { verdict: 'booted' } });
    const read = imxflash(['read', join(dir, 'out.bin'), '--address', '0x60000000', '--length', '0x210C', '--sim', '--sim-state', join(dir, 'b.board6.bin'), '--probe', 'sdp']);
    expect(read.code, read.stderr).toBe(0);
    const built = imxflash(['image', 'build', example('blinky-ram.hex'), '-o', join(dir, 'built.bin')]);
    expect(built.code, built.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out.bin'))).toEqual(readFileSync(join(dir, 'built.bin')).subarray(0, 0x210c));
  });
});

it('lists which drivers the sim end-to-end tests ran (for the log)', () => {
  process.stdout.write(`sim end-to-end drivers: ${drivers.join(', ') || 'none yet'}\n`);
  expect(Array.isArray(drivers)).toBe(true);
});
