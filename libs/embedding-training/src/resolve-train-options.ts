import { DomainError } from '@recsys/domain';
import { softPickDefaults, type CatalogueShape, type SoftPickOptions } from './catalogue-defaults';
import { defaultTrainOptions, type TrainOptions } from './train-options';
import { userVisitsApply, VISIT_KERNEL_COMBINATION } from './user-visits/user-visits-apply';

const LOSSES = [
  'triplet',
  'squared-triplet',
  'cosine-triplet',
  'soft-margin',
  'bpr',
  'cosine-contrastive',
];
const OPTIMIZERS = ['sgd', 'adagrad', 'row-adagrad', 'lazy-adam'];
const SOURCES = ['uniform', 'popularity', 'explicit', 'hardest', 'semi-hard'];
const IN_BATCH = ['none', 'batch-all', 'batch-hard'];
const REDUCTIONS = ['mean', 'sum', 'rank-weighted', 'softmax'];
/** The losses with a hinge argument, which the 'softmax' reduction exponentiates. */
const HINGE_LOSSES = ['triplet', 'squared-triplet', 'cosine-triplet'];
/**
 * Losses whose every negative has a gradient: 'rank-weighted' estimates the positive's rank from the
 * negatives that violate, so with these it would only scale every pair by log(itemCount).
 */
const ALWAYS_ACTIVE_LOSSES = ['bpr', 'soft-margin'];

/**
 * Fills omitted options with the defaults for a catalogue of `shape` and throws INVALID_TRAIN_OPTIONS
 * listing every bad one.
 */
export function resolveTrainOptions(
  partial: Partial<TrainOptions>,
  shape: CatalogueShape,
): TrainOptions {
  const options: TrainOptions = { ...defaultTrainOptions(shape), ...stripUndefined(partial) };
  // In-batch negatives need batches that mix users.
  if (options.inBatchNegatives !== 'none') options.exampleOrder = 'shuffled';
  // The tfjs reference trains plain user rows; the catalogue's default mode falls back to the export mix.
  if (options.engine === 'tfjs' && partial.userAggregationMode === undefined) {
    options.userAggregationMode = 'export';
  }
  // The default reduction needs negatives that can stop violating; these losses keep the mean unless asked.
  if (ALWAYS_ACTIVE_LOSSES.includes(options.loss) && partial.negativeReduction === undefined) {
    options.negativeReduction = 'mean';
  }
  applySoftPicks(options, stripUndefined(partial), shape);
  const problems = [...numberProblems(options), ...choiceProblems(options)];
  if (problems.length > 0) {
    throw new DomainError('INVALID_TRAIN_OPTIONS', `Bad training options: ${problems.join('; ')}`, {
      problems,
    });
  }
  return options;
}

/**
 * A large catalogue's soft picks (`softPickDefaults`: t, 2.5 times the tuned W and three negatives) where the
 * whole-visit kernel trains the options so resolved (it alone draws them); elsewhere, or with t given as
 * 0, the hardest of the catalogue's W with its negatives, as before. A given t > 0, W or K is kept, so
 * naming the default t trains what leaving it out does.
 */
function applySoftPicks(
  options: TrainOptions,
  given: Partial<TrainOptions>,
  shape: CatalogueShape,
): void {
  const soft = softPickDefaults(shape);
  if (soft === null || given.hardNegativeTemperature === 0) return;
  const chosen: SoftPickOptions = {
    hardNegativeTemperature: given.hardNegativeTemperature ?? soft.hardNegativeTemperature,
    hardNegativeCandidates: given.hardNegativeCandidates ?? soft.hardNegativeCandidates,
    negativesPerPositive: given.negativesPerPositive ?? soft.negativesPerPositive,
  };
  if (userVisitsApply({ ...options, ...chosen })) Object.assign(options, chosen);
}

function stripUndefined(partial: Partial<TrainOptions>): Partial<TrainOptions> {
  const defined: Partial<TrainOptions> = Object.fromEntries(
    Object.entries(partial).filter(([, value]) => value !== undefined),
  );
  return defined;
}

function numberProblems(o: TrainOptions): string[] {
  const checks: [string, number, boolean][] = [
    ['dim', o.dim, Number.isInteger(o.dim) && o.dim >= 1 && o.dim <= 4096],
    ['epochs', o.epochs, Number.isInteger(o.epochs) && o.epochs >= 0],
    ['learningRate', o.learningRate, o.learningRate > 0],
    ['margin', o.margin, Number.isFinite(o.margin)],
    ['softmaxTemperature', o.softmaxTemperature, o.softmaxTemperature > 0],
    ['seed', o.seed, Number.isInteger(o.seed)],
    ['negativesPerPositive', o.negativesPerPositive, Number.isInteger(o.negativesPerPositive)],
    ['hardNegativeCandidates', o.hardNegativeCandidates, o.hardNegativeCandidates >= 1],
    [
      'hardCandidateReuse',
      o.hardCandidateReuse,
      Number.isInteger(o.hardCandidateReuse) && o.hardCandidateReuse >= 1,
    ],
    ['hardNegativeWarmupEpochs', o.hardNegativeWarmupEpochs, o.hardNegativeWarmupEpochs >= 0],
    [
      'hardNegativeTemperature',
      o.hardNegativeTemperature,
      Number.isFinite(o.hardNegativeTemperature) && o.hardNegativeTemperature >= 0,
    ],
    [
      'averagedEpochShare',
      o.averagedEpochShare,
      o.averagedEpochShare >= 0 && o.averagedEpochShare <= 1,
    ],
    ['batchSize', o.batchSize, Number.isInteger(o.batchSize) && o.batchSize >= 1],
    ['threads', o.threads, Number.isInteger(o.threads) && o.threads >= 1 && o.threads <= 64],
    ['maxNorm', o.maxNorm, o.maxNorm >= 0],
    ['l2', o.l2, o.l2 >= 0],
    ['initStd', o.initStd, o.initStd >= 0],
    ['explicitTripletWeight', o.explicitTripletWeight, o.explicitTripletWeight >= 0],
    ['negativeWeight', o.negativeWeight, o.negativeWeight >= 0],
    ['epsilon', o.epsilon, o.epsilon > 0],
    ['userAggregation', o.userAggregation, o.userAggregation >= 0 && o.userAggregation <= 1],
    [
      'userAggregationSlope',
      o.userAggregationSlope,
      o.userAggregationSlope >= -4 && o.userAggregationSlope <= 4,
    ],
    ['itemPropagation', o.itemPropagation, o.itemPropagation >= 0 && o.itemPropagation <= 1],
  ];
  const bad = checks.filter(([, value, ok]) => typeof value !== 'number' || !ok);
  const problems = bad.map(([name, value]) => `${name}=${String(value)}`);
  if (
    o.negativesPerPositive < 0 ||
    (o.negativesPerPositive === 0 && o.inBatchNegatives === 'none')
  ) {
    problems.push('negativesPerPositive must be >= 1 unless in-batch negatives are on');
  }
  return problems;
}

function choiceProblems(o: TrainOptions): string[] {
  const choices: [string, string, string[]][] = [
    ['loss', o.loss, LOSSES],
    ['optimizer', o.optimizer, OPTIMIZERS],
    ['inBatchNegatives', o.inBatchNegatives, IN_BATCH],
    ['negativeReduction', o.negativeReduction, REDUCTIONS],
    ['engine', o.engine, ['kernel', 'tfjs']],
    ['exampleOrder', o.exampleOrder, ['by-user', 'shuffled']],
    ['hardCandidateSource', o.hardCandidateSource, ['fresh', 'block', 'mirror']],
    ['hardNegativeSelection', o.hardNegativeSelection, ['each', 'top']],
    ['userAggregationMode', o.userAggregationMode, ['export', 'train']],
    ['visitKernel', o.visitKernel, ['on', 'off']],
  ];
  const problems = choices
    .filter(([, value, allowed]) => !allowed.includes(value))
    .map(([name, value, allowed]) => `${name}=${String(value)} (one of ${allowed.join(', ')})`);
  const mix = Object.entries(o.negativeMix ?? {});
  if (mix.some(([source, weight]) => !SOURCES.includes(source) || !(weight >= 0))) {
    problems.push(`negativeMix=${JSON.stringify(o.negativeMix)}`);
  }
  if (!mix.some(([, weight]) => weight > 0)) problems.push('negativeMix needs a positive weight');
  if (o.userAggregationMode === 'train' && o.engine !== 'kernel') {
    problems.push('userAggregationMode=train needs the kernel engine');
  }
  if (o.negativeReduction === 'softmax' && !HINGE_LOSSES.includes(o.loss)) {
    problems.push(`negativeReduction=softmax needs a hinge loss (${HINGE_LOSSES.join(', ')})`);
  }
  if (o.negativeReduction === 'softmax' && o.engine !== 'kernel') {
    problems.push('negativeReduction=softmax needs the kernel engine');
  }
  if (o.hardNegativeSelection === 'top' && o.hardCandidateReuse > 1) {
    problems.push('hardNegativeSelection=top needs hardCandidateReuse 1');
  }
  // Only the whole-visit kernel draws soft picks; elsewhere t would be silently ignored.
  if (o.hardNegativeTemperature > 0 && !userVisitsApply(o)) {
    problems.push(
      `hardNegativeTemperature > 0 needs the whole-visit kernel (${VISIT_KERNEL_COMBINATION}); ` +
        'set it to 0 or use that combination',
    );
  }
  return problems;
}
