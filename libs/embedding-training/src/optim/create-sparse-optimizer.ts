import type { OptimizerName } from '../train-options';
import { AdagradOptimizer } from './adagrad-optimizer';
import { LazyAdamOptimizer } from './lazy-adam-optimizer';
import { RowAdagradOptimizer } from './row-adagrad-optimizer';
import { SgdOptimizer } from './sgd-optimizer';
import type { OptimizerParameters, OptimizerTable, SparseOptimizer } from './sparse-optimizer';

/** Builds the optimiser `parameters.optimizer` over one table and its state. */
export function createSparseOptimizer(
  table: OptimizerTable,
  parameters: OptimizerParameters & { optimizer: OptimizerName },
): SparseOptimizer {
  switch (parameters.optimizer) {
    case 'sgd':
      return new SgdOptimizer(table, parameters);
    case 'adagrad':
      return new AdagradOptimizer(table, parameters);
    case 'row-adagrad':
      return new RowAdagradOptimizer(table, parameters);
    case 'lazy-adam':
      return new LazyAdamOptimizer(table, parameters);
  }
}
