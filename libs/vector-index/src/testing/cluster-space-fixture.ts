import { runStepsNow } from '../build-steps';
import { encodeDataRows, type CentroidBlocks, type ClusterSpace } from '../cluster-space';
import { KernelMemory } from '../kernel-memory';
import { euclideanMapping } from '../l2-space';
import { fitQuantizer, uniformQuantizer } from '../scalar-quantizer';
import { storeRows } from '../store-rows';

/**
 * For tests: a cluster space over `vectors` ([rows, dim], neg-l2) with its codes encoded, and empty centroid
 * tables of the given sizes (as the IVF build sets it up).
 */
export function clusterSpaceFixture(
  vectors: Float32Array,
  shape: { dim: number; centroidTables: number[] },
): { space: ClusterSpace; tables: CentroidBlocks[] } {
  const { dim, centroidTables } = shape;
  const rows = vectors.length / dim;
  const memory = KernelMemory.create(dim, [rows, 3, ...centroidTables], [rows, ...centroidTables]);
  const [data, quantizer, ...centroidRows] = memory.layout.blocks;
  const [dataCodes, ...centroidCodes] = memory.layout.codeBlocks;
  runStepsNow(storeRows(memory, data, euclideanMapping({ vectors, dim, metric: 'neg-l2' })));
  const fitted = uniformQuantizer(fitQuantizer(memory.rows(data), { count: rows, dim, stride: memory.stride })); // prettier-ignore
  [fitted.offset, fitted.inverseScale, fitted.scale].forEach((values, row) => memory.rows(quantizer).set(values, row * memory.stride)); // prettier-ignore
  const space = { memory, data, dataCodes, quantizer };
  runStepsNow(encodeDataRows(space));
  const tables = centroidRows.map((block, i) => ({ rows: block, codes: centroidCodes[i] }));
  return { space, tables };
}
