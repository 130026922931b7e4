import { claimScratch } from '../geometry/table-memory';
import { MIRROR_REUSE } from '../negatives/candidate-mirror';
import { negativeMixAt } from '../negatives/negative-mix-schedule';
import { SeededRandom } from '../random/seeded-random';
import type { TrainingData } from '../training-data';
import type { TrainOptions } from '../train-options';
import type { EpochShareTrainer } from '../kernel/create-thread-trainer';
import type { EpochTally } from '../kernel/thread-trainer';
import type { TrainingTables } from '../kernel/training-tables';
import { userVisitsApply, WORK_CHUNK } from './user-visits-apply';
import {
  loadUserVisitKernel,
  rankWeightTable,
  VisitContext,
  type UserVisitKernel,
} from './user-visit-kernel';
import {
  placeArrays,
  regionBytes,
  visitThreadSizes,
  type VisitThreadLayout,
} from './user-visit-layout';
import { fillVisitChunk } from './user-visit-chunk';
import type { PlacedVisitData } from './user-visit-data';

/**
 * One thread's training as whole user visits: every pair of a user's visit, with its picks, hinge, steps
 * and mirror copies, in one WebAssembly call (`assembly/user-visit.wat`). The thread's context, scratch,
 * int8 mirror and chunk of work live in its own region of the table memory; the data the kernel reads
 * (liked lists, mix shares, pairs, explicit triplets) was placed there once for all threads
 * (`TrainingTables.visitData`).
 *
 * Why: with the defaults a pair cost 5.3 µs through the composed path (ThreadTrainer: example builder,
 * sampler, mirror and fused step, each a WebAssembly call with JavaScript between them), of which ~3.6 µs
 * was not candidate scoring; in one kernel that part is ~1.3 µs (README, "Fifteenth sitting").
 *
 * Semantics against the composed path (the first three measured level on Gowalla's 20% carve): picks see
 * the tables after the previous pair's step (no example built ahead), the mirror re-copies a trained row
 * at once (no lag), the mean of the liked rows is f32, and the cursor copies W / 128 rows per trained pair
 * also during the warm-up (the composed mirror's cursor moves only with hard picks).
 */
export class UserVisitTrainer implements EpochShareTrainer {
  readonly path = 'user-visits';
  private readonly context: VisitContext;
  /** The chunk of work items the kernel reads. */
  private readonly work: Int32Array;
  private readonly pairUsers: Int32Array;
  private readonly explicitUsers: Int32Array;

  private constructor(
    private readonly parts: {
      kernel: UserVisitKernel;
      layout: VisitThreadLayout;
      data: PlacedVisitData;
      options: TrainOptions;
      memory: WebAssembly.Memory;
    },
  ) {
    const { memory, layout, data } = parts;
    this.context = new VisitContext(memory, layout.context);
    this.work = new Int32Array(memory.buffer, layout.work, WORK_CHUNK);
    this.pairUsers = new Int32Array(memory.buffer, data.pairUsers, data.pairCount);
    this.explicitUsers = new Int32Array(memory.buffer, data.explicitUsers, data.explicitCount);
  }

  /**
   * The thread's visit trainer when `userVisitsApply`, the tables, their optimiser state and the visit
   * data (`TrainingTables.visitData`) sit in the table memory and its arena has room for the thread's
   * arrays; else null (ThreadTrainer's composed path trains).
   */
  static create(setup: {
    data: Pick<TrainingData, 'itemCount'>;
    tables: TrainingTables;
    options: TrainOptions;
    seed: number;
  }): UserVisitTrainer | null {
    const { tables, options } = setup;
    const { memory: tableMemory, visitData } = tables;
    if (tableMemory === null || visitData === null || !userVisitsApply(options)) return null;
    const memory = tableMemory.memory;
    const [userAcc] = tables.userState;
    const [itemAcc] = tables.itemState;
    if (userAcc?.buffer !== memory.buffer || itemAcc?.buffer !== memory.buffer) return null;
    const sizes = visitThreadSizes(options, setup.data.itemCount, WORK_CHUNK);
    const start = claimScratch(tableMemory, regionBytes(sizes));
    if (start < 0) return null;
    const layout = placeArrays(start, sizes);
    const kernel = loadUserVisitKernel(memory);
    const parts = { kernel, layout, data: visitData, options, memory };
    const trainer = new UserVisitTrainer(parts);
    trainer.fill({ itemCount: setup.data.itemCount, tables, seed: setup.seed });
    return trainer;
  }

  /** Starts epoch `epoch` (0-based): the warm-up's hard share, zeroed counters. */
  beginEpoch(epoch: number): void {
    const { options } = this.parts;
    const cumulative = negativeMixAt({
      mix: options.negativeMix,
      warmupEpochs: options.hardNegativeWarmupEpochs,
      epoch,
    });
    // Only uniform (first) and hardest have weight: whatever uniform leaves is hard.
    this.context.hardShare = 1 - cumulative[0];
    this.context.lossSum = 0;
    this.context.tripletCount = 0;
  }

  /** Trains the work items of `order` (a slice of the by-user order), a chunk (`fillVisitChunk`) per call. */
  run(order: Int32Array): void {
    const { kernel, layout, data } = this.parts;
    const { work, pairUsers, explicitUsers } = this;
    const chunk = { work, pairUsers, explicitUsers, pairCount: data.pairCount };
    for (let at = 0; at < order.length;) {
      const filled = fillVisitChunk(order, at, chunk);
      if (filled.count > 0) kernel.trainVisits(layout.context, layout.work, filled.count);
      at = filled.next;
    }
  }

  /** The probability this epoch that a negative is a hard pick (the warm-up's ramp). */
  get hardShare(): number {
    return this.context.hardShare;
  }

  /** Loss and triplets since `beginEpoch`, as the kernel summed them. */
  tally(): EpochTally {
    return { lossSum: this.context.lossSum, tripletCount: this.context.tripletCount };
  }

  /**
   * Writes the context (and with it the soft pick's noise table) and the rank weights, and copies every
   * item row into the mirror.
   */
  private fill(setup: { itemCount: number; tables: TrainingTables; seed: number }): void {
    const { itemCount, tables } = setup;
    const { options, layout, data, memory, kernel } = this.parts;
    const K = options.negativesPerPositive;
    new Float32Array(memory.buffer, layout.rankWeights, K * K).set(rankWeightTable(itemCount, K));
    const random = new SeededRandom(setup.seed);
    this.context.write({
      dim: options.dim,
      itemCount,
      users: tables.users.byteOffset,
      items: tables.items.byteOffset,
      userAcc: tables.userState[0].byteOffset,
      itemAcc: tables.itemState[0].byteOffset,
      likedOffsets: data.likedOffsets,
      likedItems: data.likedItems,
      shares: data.shares,
      pairUsers: data.pairUsers,
      pairItems: data.pairItems,
      pairWeights: data.pairWeights,
      pairCount: data.pairCount,
      explicitUsers: data.explicitUsers,
      explicitPositives: data.explicitPositives,
      explicitNegatives: data.explicitNegatives,
      explicitWeight: options.explicitTripletWeight,
      temperature: options.hardNegativeTemperature,
      // written with the temperature's noise when it is > 0 (VisitContext.write)
      noiseTable: layout.noiseTable,
      mirror: layout.mirror,
      mirrorScale: layout.mirrorScale,
      mirrorBias: layout.mirrorBias,
      candidates: options.hardNegativeCandidates,
      negatives: K,
      learningRate: options.learningRate,
      margin: options.margin,
      maxNorm: options.maxNorm,
      hardShare: 1,
      rankWeights: layout.rankWeights,
      scratch: layout.scratch,
      // xorshift32 must not start at 0.
      rng: random.nextUint32() | 1,
      cursor: 0,
      cursorDue: 0,
      // The composed path's mirror copies W / R rows per pair at its cursor (`MIRROR_REUSE`).
      cursorRowsPerPair: options.hardNegativeCandidates / MIRROR_REUSE,
      lossSum: 0,
      tripletCount: 0,
    });
    kernel.copyMirrorRows(layout.context, 0, itemCount);
  }
}
