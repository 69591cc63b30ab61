/**
 * Cases per fuzz property (issue 8: ≥ 10,000 per CI run for every reader and parser).
 * IMXFLASH_FUZZ_RUNS raises it for a long local run, or lowers it while iterating.
 */
export function fuzzRuns(): number {
  const fromEnv = Number(process.env['IMXFLASH_FUZZ_RUNS']);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 10_000;
}
