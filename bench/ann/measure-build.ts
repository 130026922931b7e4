import { performance } from 'node:perf_hooks';
import { buildVectorIndex, type VectorIndex } from '@recsys/vector-index';
import type { AnnBenchArgs, AnnAlgorithm } from './ann-bench-args';
import { watchTimerGaps, type TimerGaps } from './timer-gaps';

export interface BuildMeasurement {
  index: VectorIndex;
  buildMs: number;
  /** CPU time of the build (user + system): steadier than wall time on a shared machine. */
  buildCpuMs: number;
  /** Gaps of a 1 ms timer during the build: how long requests would wait for the event loop. */
  stall: TimerGaps;
}

/** Builds through the serving path (`buildVectorIndex`, slices between event-loop turns), timing it. */
export async function measureBuild(
  vectors: Float32Array,
  { algorithm, args }: { algorithm: AnnAlgorithm; args: AnnBenchArgs },
): Promise<BuildMeasurement> {
  const given = (value: number) => (value > 0 ? value : undefined);
  const watch = watchTimerGaps();
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const index = await buildVectorIndex(vectors, args.dim, 'neg-l2', {
    exactBelow: 0,
    algorithm,
    seed: args.seed,
    hnsw: {
      links: given(args.links),
      efConstruction: given(args.efConstruction),
      efSearch: given(args.efSearch),
    },
    ivf: {
      listCount: given(args.listCount),
      probeCount: given(args.probeCount),
      iterations: given(args.iterations),
      samplePerCentroid: given(args.samplePerCentroid),
      rerankFactor: given(args.rerankFactor),
    },
  });
  const buildMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { index, buildMs, buildCpuMs: (cpu.user + cpu.system) / 1000, stall: watch.stop() };
}
