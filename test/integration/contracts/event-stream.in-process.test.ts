// The event-stream contract against the in-process channel of the embedded mode.
import { InProcessEventChannel } from '@recsys/embedded-adapters';
import { describeEventStreamContract } from './event-stream-contract';

describeEventStreamContract('in-process channel', () => {
  const channel = new InProcessEventChannel({
    maxBatchSize: 16,
    redeliveryBackoff: { initialMs: 50, maxMs: 200 },
    onHandlerError: () => undefined,
  });
  return Promise.resolve({
    sink: channel,
    deadLetters: channel,
    createSource: () => channel,
    readDeadLetters: (count) =>
      Promise.resolve(
        channel
          .deadLetters()
          .slice(0, count)
          .map(({ message, reason }) => ({
            key: message.key,
            value: message.value,
            reason,
            originalPosition: message.position,
          })),
      ),
    dispose: () => channel.close(),
  });
});
