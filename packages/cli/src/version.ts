import { readFileSync } from 'node:fs';

/** The CLI package's version, read once; works from src (tests) and dist (installed). */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
