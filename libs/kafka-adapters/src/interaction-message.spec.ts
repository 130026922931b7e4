import type { InteractionEventV1 } from '@recsys/interaction-events';
import { toInteractionMessage } from './interaction-message';

describe('toInteractionMessage', () => {
  const event: InteractionEventV1 = {
    eventId: 'e-1',
    userId: 'u-7',
    itemId: 'i-3',
    type: 'impression',
    shownItemIds: ['i-3', 'i-4'],
    timestamp: '2025-01-01T00:00:00Z',
  };

  it('keys by userId so that one user stays on one partition', () => {
    expect(toInteractionMessage(event).key).toBe('u-7');
  });

  it('carries the event as UTF-8 JSON and the schema version header', () => {
    const message = toInteractionMessage(event);
    expect(message.value).toEqual(Buffer.from(JSON.stringify(event), 'utf8'));
    expect(message.headers).toEqual({ schema: 'interactions.v1' });
  });
});
