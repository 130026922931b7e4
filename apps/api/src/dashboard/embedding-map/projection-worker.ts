// Worker thread entry: the principal plane of the sampled item vectors and their coordinates on it, so a
// large sample never holds up the api's requests.
import { parentPort, workerData } from 'node:worker_threads';
import { principalPlane, projectOnPlane } from './pca-2d';
import type { ProjectionReply, ProjectionRequest } from './projection-messages';

function project({ vectors, dim }: ProjectionRequest): ProjectionReply {
  const basis = principalPlane(vectors, dim);
  const count = vectors.length / dim;
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  for (let row = 0; row < count; row++) {
    const point = projectOnPlane(basis, vectors, row * dim);
    x[row] = point.x;
    y[row] = point.y;
  }
  return { kind: 'done', basis, x, y };
}

try {
  parentPort?.postMessage(project(workerData as ProjectionRequest));
} catch (error) {
  parentPort?.postMessage({ kind: 'failed', message: (error as Error).message });
}
