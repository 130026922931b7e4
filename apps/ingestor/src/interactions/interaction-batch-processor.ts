import type { ClassifiedEvent, DeadLetter, RawMessage } from '@recsys/domain';
import { decodeInteractionEvent, formatFieldErrors } from '@recsys/interaction-events';
import { classifyInteraction, deriveTriplets } from '@recsys/triplets';
import type { IngestorDependencies, IngestorSettings } from '../ingestor-dependencies';

/** Running totals since start, for logs and tests. */
export interface IngestionCounts {
  messages: number;
  inserted: number;
  duplicates: number;
  triplets: number;
  deadLetters: number;
}

/**
 * Handles one batch from the stream: bad messages go to the dead-letter sink with the reason, good ones
 * are classified and appended to the event log with their triplets in one transaction, then recorded in
 * the realtime store (recent items, popularity). It resolves only when all writes are done, so the source commits offsets after them; a failure rejects and the
 * batch is redelivered (the log's idempotency on eventId makes the replay harmless).
 */
export class InteractionBatchProcessor {
  readonly counts: IngestionCounts = {
    messages: 0,
    inserted: 0,
    duplicates: 0,
    triplets: 0,
    deadLetters: 0,
  };

  constructor(
    private readonly deps: Pick<
      IngestorDependencies,
      'eventLog' | 'realtimeStore' | 'deadLetterSink' | 'clock'
    >,
    private readonly settings: IngestorSettings,
  ) {}

  async process(batch: readonly RawMessage[]): Promise<void> {
    const now = this.deps.clock();
    const events: ClassifiedEvent[] = [];
    const deadLetters: DeadLetter[] = [];
    for (const message of batch) {
      const decoded = decodeInteractionEvent(message.value, { now });
      if (decoded.ok) events.push(classifyInteraction(decoded.event, this.settings.signals));
      else deadLetters.push({ message, reason: formatFieldErrors(decoded.errors) });
    }
    if (events.length > 0) {
      const result = await this.deps.eventLog.append(events, (newEvents, history) =>
        deriveTriplets(newEvents, history, {
          maxTripletsPerEvent: this.settings.maxTripletsPerEvent,
        }),
      );
      this.counts.inserted += result.inserted;
      this.counts.duplicates += result.duplicates;
      this.counts.triplets += result.triplets;
      await this.deps.realtimeStore.record(events);
    }
    if (deadLetters.length > 0) await this.deps.deadLetterSink.send(deadLetters);
    this.counts.deadLetters += deadLetters.length;
    this.counts.messages += batch.length;
  }
}
