import type { RawMessage } from '@recsys/domain';
import type { InteractionEventV1 } from '@recsys/interaction-events';
import { InProcessEventChannel } from './in-process-event-channel';

function event(n: number, userId = `u-${n % 3}`): InteractionEventV1 {
  return {
    eventId: `e-${n}`,
    userId,
    itemId: `i-${n}`,
    type: 'click',
    timestamp: '2025-01-01T00:00:00Z',
  };
}

function eventIds(batch: readonly RawMessage[]): string[] {
  return batch.map(
    (message) => (JSON.parse(message.value!.toString('utf8')) as InteractionEventV1).eventId,
  );
}

/** Resolves once `predicate` holds, checking after every macrotask (no wall-clock waiting). */
async function until(predicate: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1_000 && !predicate(); turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(predicate()).toBe(true);
}

describe('InProcessEventChannel', () => {
  const quiet = { onHandlerError: () => undefined, redeliveryBackoff: { initialMs: 1, maxMs: 1 } };

  it('delivers the exact JSON bytes keyed by userId, in publish order, in batches of at most maxBatchSize', async () => {
    const channel = new InProcessEventChannel({ maxBatchSize: 2 });
    const batches: RawMessage[][] = [];
    await channel.publish([event(1), event(2), event(3)]);
    await channel.start((batch) => Promise.resolve(void batches.push([...batch])));
    await until(() => channel.pendingCount() === 0);
    await channel.close();
    expect(batches.map((batch) => batch.length)).toEqual([2, 1]);
    expect(batches[0][0]).toEqual({
      key: 'u-1',
      value: Buffer.from(JSON.stringify(event(1)), 'utf8'),
      position: 'in-process/0/0',
    });
    expect(batches.flatMap(eventIds)).toEqual(['e-1', 'e-2', 'e-3']);
  });

  it('delivers the same batch again when the handler rejects, and nothing is skipped', async () => {
    const channel = new InProcessEventChannel(quiet);
    const deliveries: string[][] = [];
    let rejections = 1;
    await channel.start((batch) => {
      deliveries.push(eventIds(batch));
      return rejections-- > 0 ? Promise.reject(new Error('db down')) : Promise.resolve();
    });
    await channel.publish([event(1), event(2)]);
    await until(() => channel.pendingCount() === 0);
    await channel.close();
    expect(deliveries).toEqual([
      ['e-1', 'e-2'],
      ['e-1', 'e-2'],
    ]);
  });

  it('does not shorten the back-off when new events arrive', async () => {
    jest.useFakeTimers();
    try {
      const channel = new InProcessEventChannel({
        onHandlerError: () => undefined,
        redeliveryBackoff: { initialMs: 1_000, maxMs: 1_000 },
      });
      let calls = 0;
      await channel.start(() =>
        calls++ === 0 ? Promise.reject(new Error('no')) : Promise.resolve(),
      );
      await channel.publish([event(1)]);
      await jest.advanceTimersByTimeAsync(10);
      await channel.publish([event(2)]);
      await jest.advanceTimersByTimeAsync(500);
      expect(calls).toBe(1);
      await jest.advanceTimersByTimeAsync(500);
      expect(calls).toBe(2);
      await channel.close();
    } finally {
      jest.useRealTimers();
    }
  });

  it('resumes after the last consumed batch when stopped and started again', async () => {
    const channel = new InProcessEventChannel({ maxBatchSize: 1 });
    const first: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await channel.publish([event(1), event(2)]);
    await channel.start(async (batch) => {
      first.push(...eventIds(batch));
      await gate;
    });
    await until(() => first.length === 1);
    const stopping = channel.stop();
    release();
    await stopping;
    expect(channel.pendingCount()).toBe(1);
    const second: string[] = [];
    await channel.start((batch) => Promise.resolve(void second.push(...eventIds(batch))));
    await until(() => channel.pendingCount() === 0);
    await channel.close();
    expect({ first, second }).toEqual({ first: ['e-1'], second: ['e-2'] });
  });

  it('keeps dead letters with their reasons, inspectable', async () => {
    const channel = new InProcessEventChannel();
    const message = { key: 'u-1', value: Buffer.from('not json'), position: 'in-process/0/9' };
    await channel.send([{ message, reason: 'INVALID_EVENT: not JSON' }]);
    expect(channel.deadLetters()).toEqual([{ message, reason: 'INVALID_EVENT: not JSON' }]);
  });

  it('rejects a second start and any use after close with stable codes', async () => {
    const channel = new InProcessEventChannel();
    await channel.start(() => Promise.resolve());
    await expect(channel.start(() => Promise.resolve())).rejects.toMatchObject({
      code: 'EVENT_SOURCE_ALREADY_STARTED',
    });
    await channel.close();
    await expect(channel.publish([event(1)])).rejects.toMatchObject({
      code: 'EVENT_STREAM_CLOSED',
    });
    await expect(channel.send([])).rejects.toMatchObject({ code: 'EVENT_STREAM_CLOSED' });
  });
});
