import {
  formatFieldErrors,
  InteractionEventV1,
  validateInteractionEvent,
} from '@recsys/interaction-events';
import type { EventSender } from './event-sender';
import { ImportRecord } from './import-record';
import { ImportTally } from './import-tally';
import { Pacer } from './pacer';

/** What one import run needs. */
export interface ImportRun {
  records: AsyncIterable<ImportRecord>;
  sender: EventSender;
  batchSize: number;
  pacer: Pacer;
  /** The service's clock, for the future-skew bound of event validation. */
  now: () => Date;
  /** Called after each batch (and at the end). */
  onBatch?: (tally: ImportTally) => void;
}

/**
 * Validates every record with the service's own rules (`validateInteractionEvent`: the same bounds the
 * api and the ingestor apply, no extra era limit here), sends valid events in batches in file order
 * (one batch in flight, so each user's events keep their order), and tallies accepted and rejected
 * lines with reasons. Throws when delivery fails; the tally says how far it got.
 */
export async function runImport(run: ImportRun, tally = new ImportTally()): Promise<ImportTally> {
  let batch: { event: InteractionEventV1; lineNumber: number }[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const sending = batch;
    batch = [];
    await run.pacer.take(sending.length);
    const refused = await run.sender.send(sending.map((entry) => entry.event));
    for (const { index, reason } of refused) tally.reject(sending[index].lineNumber, reason);
    tally.accepted += sending.length - refused.length;
    run.onBatch?.(tally);
  };
  for await (const record of run.records) {
    tally.records++;
    if ('problem' in record) {
      tally.reject(record.lineNumber, record.problem);
      continue;
    }
    const result = validateInteractionEvent(record.candidate, { now: run.now() });
    if (!result.ok) {
      tally.reject(record.lineNumber, formatFieldErrors(result.errors));
      continue;
    }
    batch.push({ event: result.event, lineNumber: record.lineNumber });
    if (batch.length >= run.batchSize) await flush();
  }
  await flush();
  run.onBatch?.(tally);
  return tally;
}
