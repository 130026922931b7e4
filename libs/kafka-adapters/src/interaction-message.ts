import type { Message } from 'kafkajs';
import type { InteractionEventV1 } from '@recsys/interaction-events';

/** Header that names the schema of a message value, so consumers can reject versions they do not know. */
export const SCHEMA_HEADER = 'schema';
export const INTERACTIONS_V1_SCHEMA = 'interactions.v1';

/**
 * The Kafka message for one event: JSON value, key = userId so that one user's events land on one
 * partition and stay in order.
 */
export function toInteractionMessage(event: InteractionEventV1): Message {
  return {
    key: event.userId,
    value: Buffer.from(JSON.stringify(event), 'utf8'),
    headers: { [SCHEMA_HEADER]: INTERACTIONS_V1_SCHEMA },
  };
}
