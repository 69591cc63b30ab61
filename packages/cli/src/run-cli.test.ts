import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './testing/run-in-process.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

describe('imxflash (global behaviour)', () => {
  it('--version prints the package version', async () => {
    const r = await runInProcess(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('--help lists the commands with examples and exit codes', async () => {
    const r = await runInProcess(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/image/);
    expect(r.stdout).toMatch(/Exit codes: 0 ok, 1 input error, 2 device error, 3 verify mismatch, 4 internal error/);
  });

  it('no command prints help and exits 1', async () => {
    const r = await runInProcess([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Usage: imxflash/);
  });

  it('an unknown command is a coded input error with a suggestion', async () => {
    const r = await runInProcess(['imgae']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error CONFIG_BAD_OPTION:');
    expect(r.stderr).toContain('image');
  });

  it('colours errors on a TTY, not with NO_COLOR', async () => {
    const coloured = await runInProcess(['image', 'inspect', 'nope.bin'], { isTty: true });
    expect(coloured.stderr).toContain('\x1b[31m');
    const plain = await runInProcess(['image', 'inspect', 'nope.bin'], { isTty: true, env: { NO_COLOR: '1' } });
    expect(plain.stderr).not.toContain('\x1b[');
    expect(plain.stderr).toContain('error FILE_NOT_FOUND:');
  });

  it('chips and flash-parts list the databases', async () => {
    const chips = await runInProcess(['chips']);
    expect(chips.stdout).toMatch(/rt1050\s+i\.MX RT1050/);
    const parts = await runInProcess(['flash-parts', '--json']);
    expect(JSON.parse(parts.stdout).parts.map((p: { id: string }) => p.id)).toContain('is25wp064a');
  });
});

// The installed bin: what `npx imxflash` runs after `npm install` (which builds dist/ and the bundle).
const bin = fileURLToPath(new URL('../bin/imxflash.js', import.meta.url));
const bundle = fileURLToPath(new URL('../dist/imxflash.bundle.js', import.meta.url));
describe('the built bin', () => {
  it('has its single-file bundle (npm install / npm test build it)', () => {
    expect(existsSync(bundle), `${bundle} is missing: run npm install (or npm run prepare)`).toBe(true);
  });

  it('runs as a subprocess: --version, and a failing inspect exits 1', () => {
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim()).toBe(pkg.version);
    const example = fileURLToPath(new URL('../../../examples/blinky/out/blinky-ram.bin', import.meta.url));
    const r = spawnSync(process.execPath, [bin, 'image', 'inspect', example, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { id: string }) => f.id)).toContain('FCB_MISSING');
  });
});
