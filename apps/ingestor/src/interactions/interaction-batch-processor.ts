import type { ClassifiedEvent, DeadLetter, RawMessage } from '@recsys/domain';
import {
  decodeInteractionEvent,
  formatFieldErrors,
  type FieldError,
} from '@recsys/interaction-events';
import { classifyInteraction, deriveTriplets } from '@recsys/triplets';
import type { IngestorDependencies, IngestorSettings } from '../ingestor-dependencies';
import type { DeadLetterKind, IngestionObserver } from '../metrics/ingestion-observer';
import { isolateFailures } from './isolate-failures';
import type { RealtimeFeed } from './realtime-feed';
import { isTransientFailure } from './transient-failure';

/** Running totals since start, for logs and tests. */
export interface IngestionCounts {
  messages: number;
  inserted: number;
  duplicates: number;
  triplets: number;
  /** Messages that failed to decode or validate, or that the event log rejected on their own. */
  deadLetters: number;
}

/** A message that passed validation, with its event as classified. */
interface AcceptedMessage {
  message: RawMessage;
  classified: ClassifiedEvent;
}

// A batch the event log rejects twice for a reason that is not an outage is bisected (see isolateFailures).
const ATTEMPTS_BEFORE_BISECT = 2;

/**
 * Handles one batch from the stream. Messages that fail to decode or validate go to the dead-letter sink
 * with the reason; the valid ones are classified and appended to the event log with their triplets in one
 * transaction. If the log keeps rejecting the batch for a reason that is not an outage, the batch is
 * bisected until the messages that fail alone are found, and those are dead-lettered with the error: one
 * message can never stop its partition. An outage (database, dead-letter topic) rejects the whole batch,
 * which the source redelivers after a back-off; nothing valid is dead-lettered for it. The stored events
 * then go to the realtime feed, which never holds the batch up (it backlogs while Redis is away). The
 * promise resolves only when the durable writes are done, so the source commits offsets after them; the
 * log's idempotency on eventId makes a replay harmless.
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
    private readonly deps: Pick<IngestorDependencies, 'eventLog' | 'deadLetterSink' | 'clock'>,
    private readonly realtime: Pick<RealtimeFeed, 'record'>,
    private readonly settings: IngestorSettings,
    private readonly observer?: IngestionObserver,
  ) {}

  async process(batch: readonly RawMessage[]): Promise<void> {
    const now = this.deps.clock();
    const receivedAt = now.toISOString();
    const accepted: AcceptedMessage[] = [];
    const deadLetters: DeadLetter[] = [];
    const deadLetterKinds: DeadLetterKind[] = [];
    for (const message of batch) {
      const decoded = decodeInteractionEvent(message.value, { now });
      if (decoded.ok) {
        const classified = classifyInteraction(decoded.event, this.settings.signals);
        accepted.push({ message, classified: { ...classified, receivedAt } });
      } else {
        deadLetters.push({ message, reason: formatFieldErrors(decoded.errors) });
        deadLetterKinds.push(kindOf(decoded.errors));
      }
    }
    const failures = await isolateFailures(accepted, (part) => this.append(part), {
      attemptsBeforeBisect: ATTEMPTS_BEFORE_BISECT,
      isTransient: isTransientFailure,
    });
    const failed = new Set(failures.map((failure) => failure.item));
    for (const { item, error } of failures) {
      deadLetters.push({
        message: item.message,
        reason: `event log rejected it: ${describe(error)}`,
      });
      deadLetterKinds.push('rejected');
    }
    const stored = accepted.filter((entry) => !failed.has(entry)).map((entry) => entry.classified);
    await this.realtime.record(stored);
    if (deadLetters.length > 0) await this.deps.deadLetterSink.send(deadLetters);
    this.counts.deadLetters += deadLetters.length;
    this.counts.messages += batch.length;
    if (this.observer) {
      for (const entry of stored) this.observer.eventAccepted(entry.event.type);
      for (const kind of deadLetterKinds) this.observer.deadLettered(kind);
    }
  }

  private async append(part: readonly AcceptedMessage[]): Promise<void> {
    const result = await this.deps.eventLog.append(
      part.map((entry) => entry.classified),
      (newEvents, history) =>
        deriveTriplets(newEvents, history, {
          maxTripletsPerEvent: this.settings.maxTripletsPerEvent,
        }),
    );
    this.counts.inserted += result.inserted;
    this.counts.duplicates += result.duplicates;
    this.counts.triplets += result.triplets;
  }
}

// The decoder's own wording for the two message-level failures (see decodeInteractionEvent).
function kindOf(errors: readonly FieldError[]): DeadLetterKind {
  const [first] = errors;
  if (errors.length === 1 && first.field === '') {
    if (first.message === 'empty message') return 'empty';
    if (first.message.startsWith('not UTF-8 JSON')) return 'not_json';
  }
  return 'invalid';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
