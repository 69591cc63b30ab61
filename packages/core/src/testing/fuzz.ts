import { ImxflashError } from '../errors/imxflash-error.js';

/**
 * fast-check cases per fuzz property (issue 8: ≥ 10,000 per CI run for every reader and
 * protocol parser). IMXFLASH_FUZZ_RUNS raises it for a long local run or lowers it while iterating.
 */
export function fuzzRuns(): { numRuns: number } {
  const fromEnv = Number(process.env['IMXFLASH_FUZZ_RUNS']);
  return { numRuns: Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 10_000 };
}

/**
 * Runs `run`; the only thing allowed to escape is an ImxflashError that carries a hint. Anything
 * else (a TypeError from a missed bounds check, a coded error without a hint) fails the property.
 */
export function expectOnlyImxflashErrors(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof ImxflashError)) throw e;
    if (!e.hint) throw new Error(`${e.code} escaped without a hint: ${e.message}`);
  }
}
