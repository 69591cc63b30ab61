import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** The result files `npm run bench` writes, in the order docs/PERFORMANCE.md shows them. */
export const RESULT_SECTIONS = ['hex-to-bootable.md', 'sim-flexspi.md', 'cli-startup.md', 'transports.md', 'gang.md'] as const;

/**
 * Rebuilds docs/PERFORMANCE.md from the latest result of each benchmark section, so the document
 * always holds the newest figure of every section even when one run measured only some of them
 * (`--only`). Sections with no result yet are listed as not measured rather than left out.
 */
export function writePerformanceDoc(resultsDir: string, docPath: string): void {
  const parts = [
    '# Performance',
    '',
    'Written by `npm run bench` (tools/bench) from its latest result per section; figures are',
    'measured on the machine named in each section, never asserted by tests. Goals sit beside the',
    'figures; a missed goal is reported as missed.',
    '',
  ];
  for (const file of RESULT_SECTIONS) {
    const path = `${resultsDir}${file}`;
    if (existsSync(path)) parts.push(readFileSync(path, 'utf8').trimEnd(), '');
    else parts.push(`## ${file.replace(/\.md$/, '')}`, '', '_Not measured yet: run `npm run bench`._', '');
  }
  writeFileSync(docPath, parts.join('\n'));
}
