import { z } from 'zod';
import { EVENT_LIMITS, interactionEventV1Schema } from '@recsys/interaction-events';
import { jsonAnswer, operation, type FeaturePaths } from '../openapi/operation';

const event = interactionEventV1Schema.meta({
  id: 'InteractionEventV1',
  description:
    'One interaction. `value` is a rating (type rating); `shownItemIds` the items shown and skipped ' +
    '(type impression). Timestamps carry a time zone and may be at most a day in the future.',
});

const sample = {
  eventId: '7d7e4f1c-0001',
  userId: 'user-42',
  itemId: 'item-5',
  type: 'click',
  timestamp: '2026-12-01T12:00:00Z',
};

/** `POST /events`: interaction events over HTTP, all of a batch or none. */
export const eventsPaths: FeaturePaths = () => ({
  '/events': {
    post: operation({
      operationId: 'publishEvents',
      tag: 'events',
      summary: 'Send one interaction event or a batch',
      description:
        `A batch holds 1 to ${EVENT_LIMITS.maxBatchSize} events and is accepted whole or refused whole ` +
        '(INVALID_EVENT lists every bad field, `[i].field`). 202 once the event stream acknowledged every event.',
      access: 'write',
      body: {
        schema: z.union([event, z.array(event).min(1).max(EVENT_LIMITS.maxBatchSize)]),
        example: sample,
      },
      responses: {
        202: jsonAnswer(
          'every event is on the event stream',
          z.object({ accepted: z.int().min(1) }).meta({ id: 'AcceptedEvents' }),
          { accepted: 1 },
        ),
      },
      errors: [503],
    }),
  },
});
