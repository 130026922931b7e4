import type { HardCandidateSource } from '../train-options';
import { trainEmbeddings } from '../train-embeddings';
import { hitRateAtK } from './hit-rate-at-k';
import { plantedCopiesCase } from './planted-copies-case';

/**
 * The training specs every source of copied hard candidates ('block', 'mirror') passes, in the calling
 * spec's describe: it learns planted clusters with 1 and 2 threads, and one thread is bit-reproducible and
 * differs from each source in `differsFrom`. These sources are the default only from 10,000 items; they
 * are asked for here on a small planted catalogue. (A `.spec-helper.ts` uses jest's globals: the build
 * leaves it out, as it leaves out the specs.)
 */
export function specTrainingWithCopies(
  source: HardCandidateSource,
  differsFrom: HardCandidateSource[],
): void {
  const { planted, options: base } = plantedCopiesCase();
  const options = {
    ...base,
    hardCandidateSource: source,
    // The composed path's copies: with the mirror these options would otherwise train whole user visits
    // (user-visits/user-visit-trainer.spec.ts covers those).
    visitKernel: 'off' as const,
  };

  it.each([1, 2])('learns planted clusters far above chance with %i thread(s)', async (threads) => {
    const model = await trainEmbeddings(planted.data, { ...options, threads });
    // Chance is 10/400.
    expect(hitRateAtK(model, { ...planted, k: 10 })).toBeGreaterThan((5 * 10) / 400);
  });

  it(`is bit-reproducible in one thread, and not the ${differsFrom.join(' or ')} path`, async () => {
    const first = await trainEmbeddings(planted.data, { ...options, epochs: 4 });
    const second = await trainEmbeddings(planted.data, { ...options, epochs: 4 });
    expect(second.userVectors).toEqual(first.userVectors);
    expect(second.itemVectors).toEqual(first.itemVectors);
    for (const other of differsFrom) {
      const trained = await trainEmbeddings(planted.data, {
        ...options,
        epochs: 4,
        hardCandidateSource: other,
      });
      expect(trained.itemVectors).not.toEqual(first.itemVectors);
    }
  });
}
