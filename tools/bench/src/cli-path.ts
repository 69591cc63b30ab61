import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI package and its bin name, as packages/cli/package.json declares them. */
const CLI_PACKAGE = '@imxflash/cli';
const CLI_BIN = 'imxflash';

/** The nearest folder above `from` whose package.json declares npm workspaces. */
export function findWorkspaceRoot(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { workspaces?: unknown }).workspaces !== undefined) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The built CLI entry (`bin.imxflash` of @imxflash/cli, found through the workspace's
 * node_modules link, so the bench does not depend on where the package folder sits), or
 * `IMXFLASH_BENCH_CLI` when set. The result says why it is unusable instead of throwing.
 */
export function findImxflashCli(env: Readonly<Record<string, string | undefined>> = process.env): { path: string } | { problem: string } {
  const override = env['IMXFLASH_BENCH_CLI'];
  if (override) return existsSync(override) ? { path: resolve(override) } : { problem: `IMXFLASH_BENCH_CLI=${override} does not exist` };
  const root = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
  if (root === undefined) return { problem: 'no npm workspace root above the bench' };
  const packageDir = join(root, 'node_modules', ...CLI_PACKAGE.split('/'));
  const manifest = join(packageDir, 'package.json');
  if (!existsSync(manifest)) return { problem: `${CLI_PACKAGE} is not linked in ${join(root, 'node_modules')} (run npm install at the root)` };
  const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: Record<string, string> }).bin?.[CLI_BIN];
  if (bin === undefined) return { problem: `${manifest} declares no "${CLI_BIN}" bin` };
  const path = join(packageDir, bin);
  return existsSync(path) ? { path } : { problem: `${path} is not built (run npx tsc -b tsconfig.build.json at the root)` };
}
