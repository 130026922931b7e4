/** Why a message was dead-lettered, as a bounded label: the reasons themselves are free text. */
export type DeadLetterKind = 'empty' | 'not_json' | 'invalid' | 'rejected';

/** Told what a batch did, once its durable writes are done (a redelivered batch is told once). */
export interface IngestionObserver {
  eventAccepted(type: string): void;
  deadLettered(reason: DeadLetterKind): void;
}
