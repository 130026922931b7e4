import type { UserItemSet } from '../data/user-item-set';
import type { RowGeometry } from '../geometry/row-geometry';
import type { TrainingTables } from '../kernel/training-tables';
import { createSparseOptimizer } from '../optim/create-sparse-optimizer';
import type { SparseOptimizer } from '../optim/sparse-optimizer';
import type { TrainOptions } from '../train-options';
import { claimAnchorBlock, trainsWithAggregation } from './anchor-scratch';
import { BehaviourAnchor } from './behaviour-anchor';
import type { ExampleTrainer } from '../kernel/example-trainer';
import type { FusedTripletStep } from '../kernel/fused-triplet-step';
import { MixedAnchorGeometry } from './mixed-anchor-geometry';
import { MixedFusedStep } from './mixed-fused-step';
import { MixedUserOptimizer } from './mixed-user-optimizer';

/**
 * A thread's hook for train-time behaviour aggregation: wraps the geometries and the user optimiser it
 * trains with, and is told when a slice of work ends (`flush`) and an epoch starts (`reset`). Without
 * train-time aggregation every method hands back what it was given.
 */
export class ThreadAggregation {
  private constructor(
    private readonly anchor: BehaviourAnchor | null,
    private readonly dim: number,
  ) {}

  static create(setup: {
    tables: TrainingTables;
    options: TrainOptions;
    positives: UserItemSet;
    userCount: number;
  }): ThreadAggregation {
    const { tables, options, positives } = setup;
    if (!trainsWithAggregation(options)) return new ThreadAggregation(null, options.dim);
    const { anchors, anchorBlocksClaimed } = tables;
    const scratchRows = anchors.length / options.dim - setup.userCount;
    const scratch = claimAnchorBlock(anchorBlocksClaimed, {
      userCount: setup.userCount,
      scratchRows,
    });
    const anchor = new BehaviourAnchor({
      dim: options.dim,
      share: options.userAggregation,
      slope: options.userAggregationSlope,
      positives,
      anchors,
      items: tables.items,
      itemOptimizer: createSparseOptimizer(
        { values: tables.items, state: tables.itemState, dim: options.dim },
        options,
      ),
      scratch,
      memory: tables.memory,
    });
    return new ThreadAggregation(anchor, options.dim);
  }

  /** `geometry` (built over `tables.anchors`) scored against the users' mixes. */
  geometry(geometry: RowGeometry): RowGeometry {
    return this.anchor === null
      ? geometry
      : new MixedAnchorGeometry(geometry, this.anchor, this.dim);
  }

  /** The user optimiser that passes g of each anchor gradient on to the liked rows. */
  users(optimizer: SparseOptimizer): SparseOptimizer {
    return this.anchor === null ? optimizer : new MixedUserOptimizer(optimizer, this.anchor);
  }

  /** The fused step as this thread trains with it: scoring the mix, the user row taking 1 - g. */
  fusedStep(step: FusedTripletStep): ExampleTrainer {
    return this.anchor === null ? step : new MixedFusedStep(step, this.anchor);
  }

  /** A slice of work ended: the last user's summed gradient goes to their liked rows. */
  flush(): void {
    this.anchor?.flush();
  }

  /** An epoch starts: nothing pending, no cached means. */
  reset(): void {
    this.anchor?.reset();
  }
}
