import { DomainError } from '@recsys/domain';

export type AnnAlgorithm = 'hnsw' | 'ivf';

export interface AnnBenchArgs {
  items: number;
  dim: number;
  queries: number;
  clusters: number;
  spread: number;
  seed: number;
  k: number;
  algorithms: AnnAlgorithm[];
  /** Index parameters; 0 keeps the library default. */
  links: number;
  efConstruction: number;
  efSearch: number;
  listCount: number;
  probeCount: number;
  /** IVF k-means: Lloyd iterations, training rows per centroid; rows kept per result for exact ranking. */
  iterations: number;
  samplePerCentroid: number;
  rerankFactor: number;
}

const DEFAULTS: AnnBenchArgs = {
  items: 100_000,
  dim: 64,
  queries: 300,
  clusters: 0, // 0: one cluster per 100 items
  spread: 1,
  seed: 7,
  k: 10,
  algorithms: ['hnsw', 'ivf'],
  links: 0,
  efConstruction: 0,
  efSearch: 0,
  listCount: 0,
  probeCount: 0,
  iterations: 0,
  samplePerCentroid: 0,
  rerankFactor: 0,
};

/** Parses `--items N --dim N ... --algorithms hnsw,ivf` (every field of AnnBenchArgs as `--name value`). */
export function parseAnnBenchArgs(argv: string[]): AnnBenchArgs {
  const args = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    const value = argv[i + 1];
    if (name === 'algorithms') {
      args.algorithms = (value ?? '').split(',').filter(Boolean) as AnnAlgorithm[];
      if (!args.algorithms.every((a) => a === 'hnsw' || a === 'ivf')) throw invalid(name, value);
    } else if (name in DEFAULTS && Number.isFinite(Number(value))) {
      (args as unknown as Record<string, number>)[name] = Number(value);
    } else {
      throw invalid(name, value);
    }
  }
  if (args.clusters === 0) args.clusters = Math.max(1, Math.round(args.items / 100));
  return args;
}

function invalid(name: string, value: string | undefined): DomainError {
  return new DomainError('INVALID_ARGUMENT', `bad option --${name} ${value ?? ''}`, {
    usage:
      'npm run bench:ann -- [--items N] [--dim N] [--queries N] [--clusters N] [--spread X] [--seed N] [--k N] [--algorithms hnsw,ivf] [--links N] [--efConstruction N] [--efSearch N] [--listCount N] [--probeCount N] [--iterations N] [--samplePerCentroid N] [--rerankFactor N]',
  });
}
