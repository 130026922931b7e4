// node bench/run.js bench/quality/concat-models.ts OUT_CACHE CACHE_A CACHE_B [...]
// Writes one cached model whose rows are the given models' rows side by side (same users and items):
// squared Euclidean distances add across the parts, so nearest-neighbour search over the concatenation
// ranks by the sum of the models' squared distances (an ensemble served as one vector, of the summed
// dim). Score it with `export-sweep.ts DATASET OUT_CACHE --variants none`. Caches are scratch files
// derived from the data set: keep them outside the repository.
import type { TrainedEmbeddings } from '@recsys/embedding-training';
import { loadModel, saveModel } from './model-cache';

function concatenate(models: TrainedEmbeddings[]): TrainedEmbeddings {
  const dim = models.reduce((sum, model) => sum + model.dim, 0);
  const concatenateTables = (pick: (model: TrainedEmbeddings) => Float32Array): Float32Array => {
    const rows = pick(models[0]).length / models[0].dim;
    const out = new Float32Array(rows * dim);
    let at = 0;
    for (const model of models) {
      const table = pick(model);
      if (table.length !== rows * model.dim)
        throw new Error('the models differ in their user or item counts');
      for (let r = 0; r < rows; r++) {
        out.set(table.subarray(r * model.dim, (r + 1) * model.dim), r * dim + at);
      }
      at += model.dim;
    }
    return out;
  };
  return {
    ...models[0],
    dim,
    userVectors: concatenateTables((model) => model.userVectors),
    itemVectors: concatenateTables((model) => model.itemVectors),
  };
}

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length < 2)
  throw new Error('usage: concat-models.ts OUT_CACHE CACHE_A CACHE_B [...]');
saveModel(out, concatenate(inputs.map(loadModel)));
