import { DatasetFormat, InteractionTable } from '@recsys/datasets';
import { metricsRecord } from '@recsys/ranking-metrics';
import { OptionValues } from '../args/option-spec';
import { readCommandOptions } from '../args/read-command-options';
import { CliIo } from '../cli-io';
import { prepareOutputDirectory } from '../io/check-output';
import { INTERACTION_FILES, ModelMetadataFile, writeModelExport } from '../io/model-export';
import { MODEL_EXPORT_FORMAT, MODEL_FILES } from '../io/model-files';
import { readDatasetFile } from '../io/read-input-file';
import { renderTable } from '../io/render-table';
import { PipelineOptions, PipelineResult, trainFromTable } from '../training/train-pipeline';
import { trainingInteractions } from '../training/training-interactions';
import { toPipelineOptions } from './pipeline-options';
import { TRAIN_OPTION_SPECS } from './train-option-specs';
import { trainingProgress } from './training-progress';

const SUMMARY = 'Trains user and item embeddings and writes a framework-neutral export to --out.';

/** `recsys train`: reads interactions, trains, writes DIR/model.json, id files and vector files. */
export async function runTrainCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = readCommandOptions(args, io, {
    name: 'train',
    summary: SUMMARY,
    specs: TRAIN_OPTION_SPECS,
  });
  if (!values) return 0;
  const pipeline = { ...toPipelineOptions(values, io), nowMs: io.nowMs };
  const format = values.format as DatasetFormat;
  const table = await readDatasetFile({ path: values.input as string, option: 'input', format });
  // Before training: a run of minutes must not end on an unwritable --out.
  await prepareOutputDirectory(values.out as string, 'out');
  const progress = trainingProgress(io, values.quiet === true);
  const result = await trainFromTable(table, { ...pipeline, ...progress });
  progress.finish();
  const metadata = describeModel(values, { table, pipeline, result });
  await writeModelExport(values.out as string, {
    userIds: table.userIds,
    itemIds: table.itemIds,
    model: result.model,
    metadata,
    interactions: trainingInteractions(table, {
      userCount: table.userIds.length,
      itemCount: table.itemIds.length,
    }),
  });
  io.stdout.write(`${renderTable(summaryRows(values.out as string, metadata))}\n`);
  return 0;
}

interface TrainedRun {
  table: InteractionTable;
  pipeline: PipelineOptions;
  result: PipelineResult;
}

function describeModel(values: OptionValues, run: TrainedRun): ModelMetadataFile {
  const { table, pipeline, result } = run;
  const { model, options, validation } = result;
  return {
    format: MODEL_EXPORT_FORMAT,
    dim: model.dim,
    metric: model.metric,
    userCount: table.userIds.length,
    itemCount: table.itemIds.length,
    vectors: {
      dtype: 'float32',
      byteOrder: 'little-endian',
      userFile: MODEL_FILES.userVectors,
      itemFile: MODEL_FILES.itemVectors,
    },
    interactions: INTERACTION_FILES,
    trainingParams: {
      ...options,
      neutralWeight: pipeline.neutralWeight,
      unlikedWeight: pipeline.unlikedWeight,
    },
    input: { file: values.input, format: values.format, rows: table.users.length },
    validation: validation
      ? {
          ...pipeline.validation,
          bestEpoch: validation.bestEpoch,
          metrics: metricsRecord(validation.metrics),
        }
      : null,
    epochs: model.epochs,
    trainingPath: model.path,
    trainSeconds: result.trainSeconds,
  };
}

function summaryRows(out: string, metadata: ModelMetadataFile): [string, string][] {
  const validation = metadata.validation as { metrics: Record<string, number> } | null;
  return [
    ['model', out],
    ['users x items', `${metadata.userCount} x ${metadata.itemCount}`],
    ['dim / metric', `${metadata.dim} / ${metadata.metric}`],
    ['epochs run', String((metadata.epochs as unknown[]).length)],
    ['train seconds', (metadata.trainSeconds as number).toFixed(1)],
    ['training path', String(metadata.trainingPath)],
    ...Object.entries(validation?.metrics ?? {}).map(([name, value]): [string, string] => [
      `validation ${name}`,
      Number.isInteger(value) ? String(value) : value.toFixed(4),
    ]),
  ];
}
