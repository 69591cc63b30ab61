// npm run pack-check [-- --keep]
// What a user gets from the registry, checked before a release: every publishable workspace
// package is linted with publint (exports, types, files), packed with `npm pack`, and all the
// tarballs are installed into an empty folder; the installed `imxflash` then builds, inspects
// and flashes the example app on the virtual board. Exit code 1 when any step fails.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });
const work = mkdtempSync(join(tmpdir(), 'imxflash-pack-check-'));
const failures: string[] = [];

function run(title: string, argv: readonly string[], cwd: string): string | undefined {
  const [program, ...args] = argv;
  const r = spawnSync(program as string, args, { cwd, encoding: 'utf8', timeout: 600_000, env: { ...process.env, NO_COLOR: '1' } });
  const ok = r.status === 0 && r.error === undefined;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${title}`);
  if (!ok) {
    const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    console.log(tail.replace(/^/gm, '     '));
    failures.push(title);
    return undefined;
  }
  return r.stdout;
}

interface Manifest {
  name: string;
  private?: boolean;
}

const packageDirs = readdirSync(join(root, 'packages'))
  .map((d) => join(root, 'packages', d))
  .filter((dir) => {
    try {
      return !(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest).private;
    } catch {
      return false;
    }
  });

try {
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  for (const dir of packageDirs) {
    const name = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest).name;
    run(`publint ${name}`, ['npx', '--no-install', 'publint', '--strict', dir], root);
    run(`npm pack ${name}`, ['npm', 'pack', '--silent', '--pack-destination', tarballs], dir);
  }

  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pack-check-app', private: true, type: 'module' }, null, 2));
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  if (run(`npm install ${files.length} tarballs into an empty folder`, ['npm', 'install', '--no-audit', '--no-fund', ...files], app) !== undefined) {
    const cli = join(app, 'node_modules', '.bin', 'imxflash');
    const hex = join(root, 'examples', 'blinky', 'out', 'blinky-ram.hex');
    const image = join(work, 'blinky-ram.bootable.bin');
    run('installed imxflash --version', [cli, '--version'], app);
    run('installed imxflash image build', [cli, 'image', 'build', hex, '-o', image], app);
    run('installed imxflash image inspect', [cli, 'image', 'inspect', image], app);
    const flashed = run('installed imxflash flash --sim', [cli, 'flash', hex, '--sim', '--sim-state', join(work, 'sim-state.bin')], app);
    if (flashed !== undefined && !/booted/.test(flashed)) {
      console.log('FAIL installed imxflash flash --sim: the output has no "booted" verdict');
      failures.push('flash --sim verdict');
    }
  }
} finally {
  if (values.keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

console.log(failures.length === 0 ? '\npack-check: all good' : `\npack-check: ${failures.length} failed: ${failures.join('; ')}`);
process.exitCode = failures.length === 0 ? 0 : 1;
