import type { TrainedEmbeddings, TrainingData } from '@recsys/embedding-training';
import { buildUserItemSets } from '@recsys/ranking-metrics';
import { secondMoment } from './second-moment';

/**
 * The served user vector a plus c times the user's implicit-ALS fold-in h against the fixed item rows:
 * h = argmin sum_i w_ui (p_ui - h.i)^2 + lambda |h|^2 with p = 1, w = 1 + alpha on liked items and
 * p = 0, w = 1 on every other item, i.e. (V^T V + alpha V_u^T V_u + lambda I) h = (1 + alpha) V_u^T 1.
 * Ranking by the squared distance to a + c h is ranking by 2 a.i - |i|^2 + 2 c h.i: the Euclidean order
 * blended with the fold-in's dot product, still one vector per user (c large: the fold-in alone).
 * Asks whether a user vector fitted against every item (not the trained anchor's hard negatives)
 * ranks the held-out items better; applied to the tables as given (cache them with --averaged).
 */
export function implicitFoldIn(
  model: TrainedEmbeddings,
  data: TrainingData,
  setting: { alpha: number; lambda: number; c: number },
): TrainedEmbeddings {
  const { dim, itemVectors, userVectors } = model;
  const { alpha, lambda, c } = setting;
  const gram = secondMoment(itemVectors, dim);
  const liked = buildUserItemSets({
    userCount: userVectors.length / dim,
    users: data.positives.users,
    items: data.positives.items,
  });
  const out = Float32Array.from(userVectors);
  const system = new Float64Array(dim * dim);
  const right = new Float64Array(dim);
  for (let user = 0; user < liked.userCount; user++) {
    const first = liked.offsets[user];
    const end = liked.offsets[user + 1];
    if (first === end) continue;
    system.set(gram);
    right.fill(0);
    for (let k = 0; k < dim; k++) system[k * dim + k] += lambda;
    for (let at = first; at < end; at++) {
      const row = liked.items[at] * dim;
      for (let i = 0; i < dim; i++) {
        const value = itemVectors[row + i];
        right[i] += (1 + alpha) * value;
        // The lower triangle is all the solver reads.
        for (let j = 0; j <= i; j++) system[i * dim + j] += alpha * value * itemVectors[row + j];
      }
    }
    const h = solveCholesky(system, right, dim);
    for (let k = 0; k < dim; k++) out[user * dim + k] += c * h[k];
  }
  return { ...model, userVectors: out };
}

/**
 * Solves A x = b for a symmetric positive definite A (row-major, n x n; only its lower triangle is read,
 * and overwritten by its Cholesky factor). A 64 x 64 system per user: no linear-algebra package here
 * (TensorFlow.js has no solver) and a bench needs nothing more.
 */
function solveCholesky(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let pivot = a[j * n + j];
    for (let k = 0; k < j; k++) pivot -= a[j * n + k] ** 2;
    pivot = Math.sqrt(pivot);
    a[j * n + j] = pivot;
    for (let i = j + 1; i < n; i++) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k++) sum -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = sum / pivot;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let sum = x[i];
    for (let k = 0; k < i; k++) sum -= a[i * n + k] * x[k];
    x[i] = sum / a[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = x[i];
    for (let k = i + 1; k < n; k++) sum -= a[k * n + i] * x[k];
    x[i] = sum / a[i * n + i];
  }
  return x;
}
