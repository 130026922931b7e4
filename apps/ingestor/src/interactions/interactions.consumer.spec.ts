import type { EventSource, RawMessage } from '@recsys/domain';
import type { InteractionBatchProcessor } from './interaction-batch-processor';
import { InteractionsConsumer } from './interactions.consumer';
import type { RealtimeFeed } from './realtime-feed';

type BatchHandler = (batch: readonly RawMessage[]) => Promise<void>;

// An event source whose first `failures` starts reject, as a broker that is down at start-up.
function flakySource(failures: number): EventSource & { starts: number; handler?: BatchHandler } {
  const source = {
    starts: 0,
    handler: undefined as BatchHandler | undefined,
    start(handler: BatchHandler) {
      source.starts++;
      if (source.starts <= failures) return Promise.reject(new Error('ECONNREFUSED 127.0.0.1:1'));
      source.handler = handler;
      return Promise.resolve();
    },
    stop: () => Promise.resolve(),
  };
  return source;
}

const realtime = { start: () => undefined, stop: () => Promise.resolve(), counts: {} };
const processor = { counts: {}, process: () => Promise.resolve() };

describe('InteractionsConsumer', () => {
  it('keeps trying to start consuming while the broker is down, then consumes', async () => {
    const source = flakySource(2);
    const consumer = new InteractionsConsumer(
      source,
      processor as unknown as InteractionBatchProcessor,
      realtime as unknown as RealtimeFeed,
    );
    await consumer.onApplicationBootstrap();
    expect(source.starts).toBe(3);
    expect(source.handler).toBeDefined();
    await consumer.onApplicationShutdown();
  });
});
