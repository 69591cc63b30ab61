import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Builds the bin the subprocess tests run (`tsc -b` is incremental, the bundle takes about a
 * second). IMXFLASH_SKIP_BUILD=1 reuses dist as it is. A failed build (another package
 * mid-edit) falls back to the existing bundle with a warning rather than failing every test.
 */
export default function setup(): void {
  if (process.env['IMXFLASH_SKIP_BUILD'] === '1') return;
  const root = fileURLToPath(new URL('../../../../', import.meta.url));
  const bundle = fileURLToPath(new URL('../../dist/imxflash.bundle.js', import.meta.url));
  for (const [cmd, args] of [
    ['npx', ['tsc', '-b', 'tsconfig.build.json']],
    ['npm', ['run', 'bundle', '-w', '@imxflash/cli']],
  ] as const) {
    const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) {
      const why = `${cmd} ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`;
      if (!existsSync(bundle)) throw new Error(why);
      process.stderr.write(`warning: ${why}\nwarning: the subprocess tests run the existing ${bundle}\n`);
      return;
    }
  }
}
