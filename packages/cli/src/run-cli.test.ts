import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('global options and configuration', () => {
  const example = fileURLToPath(new URL('../../../examples/blinky/out/blinky-ram.hex', import.meta.url));

  it('takes global options before or after the command', async () => {
    const before = await runInProcess(['--chip', 'rt1062', 'image', 'inspect', example, '--json']);
    const after = await runInProcess(['image', 'inspect', example, '--json', '--chip', 'rt1062']);
    expect(JSON.parse(before.stdout).chip).toBe('rt1060');
    expect(JSON.parse(after.stdout).chip).toBe('rt1060');
  });

  it('an unknown chip from IMXFLASH_CHIP is an input error naming the variable', async () => {
    const r = await runInProcess(['image', 'inspect', example], { env: { IMXFLASH_CHIP: 'rt9999' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error CHIP_UNKNOWN: unknown chip 'rt9999' (from IMXFLASH_CHIP)");
  });

  it('a malformed config file is exit 1 with the key named, also as JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imxflash-cli-config-'));
    writeFileSync(join(dir, 'imxflash.config.json'), '{"chips": "rt1052"}');
    const r = await runInProcess(['image', 'inspect', example, '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.error.code).toBe('CONFIG_BAD_FILE');
    expect(out.error.message).toContain('unknown key "chips" (did you mean "chip"?)');
    expect(r.stderr).toContain('error CONFIG_BAD_FILE:');
  });

  it('--version does not read the config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imxflash-cli-config-'));
    writeFileSync(join(dir, 'imxflash.config.json'), 'not json');
    expect((await runInProcess(['--version'], { cwd: dir })).code).toBe(0);
  });

  it('loads no native module and no tsyringe/reflect-metadata for --version and image inspect', () => {
    // A preload that reports every native addon load (process.dlopen) and, at exit, whether the Reflect metadata polyfill ran.
    const dir = mkdtempSync(join(tmpdir(), 'imxflash-preload-'));
    const hook = join(dir, 'hook.cjs');
    writeFileSync(
      hook,
      `const dl = process.dlopen; process.dlopen = (m, f, ...r) => { process.stderr.write('dlopen ' + f + '\\n'); return dl.call(process, m, f, ...r); };
process.on('exit', () => process.stderr.write('reflect-metadata ' + (typeof Reflect.getMetadata === 'function') + '\\n'));`,
    );
    const example = fileURLToPath(new URL('../../../examples/blinky/out/blinky-ram.hex', import.meta.url));
    for (const args of [['--version'], ['image', 'inspect', example]]) {
      const r = spawnSync(process.execPath, ['--require', hook, bin, ...args], { encoding: 'utf8' });
      expect(r.stderr).not.toContain('dlopen ');
      expect(r.stderr).toContain('reflect-metadata false');
    }
  });
});
