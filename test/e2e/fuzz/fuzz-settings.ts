// The fuzz suites run in CI, so they are bounded and repeatable: a fixed seed unless FUZZ_SEED says
// otherwise (printed, so a failing run can be replayed), FUZZ_RUNS cases per endpoint.
const DEFAULT_SEED = 20261202;
const DEFAULT_RUNS = 200;

/** The seed and number of cases per property of this run; logs the seed. */
export function fuzzSettings(suite: string): { seed: number; numRuns: number } {
  const seed = intFrom(process.env.FUZZ_SEED, DEFAULT_SEED);
  const numRuns = intFrom(process.env.FUZZ_RUNS, DEFAULT_RUNS);
  process.stderr.write(`[${suite}] fast-check seed ${seed} (FUZZ_SEED), ${numRuns} cases (FUZZ_RUNS)\n`); // prettier-ignore
  return { seed, numRuns };
}

function intFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new Error(`not an integer: ${value}`);
  return parsed;
}
