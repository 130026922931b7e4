import type { EachBatchPayload } from 'kafkajs';
import type { RawMessage } from '@recsys/domain';
import { KafkaBatchProcessor, type KafkaBatchProcessorOptions } from './kafka-batch-processor';

interface FakeConsumer {
  payload: EachBatchPayload;
  calls: string[];
}

function fakePayload(offsets: string[], partition = 2, highWatermark = '100'): FakeConsumer {
  const calls: string[] = [];
  const payload = {
    batch: {
      topic: 't',
      partition,
      highWatermark,
      messages: offsets.map((offset) => ({
        key: Buffer.from(`user-${offset}`),
        value: Buffer.from(`{"n":${offset}}`),
        offset,
        timestamp: '0',
        attributes: 0,
        headers: {},
      })),
    },
    isRunning: () => true,
    isStale: () => false,
    heartbeat: () => {
      calls.push('heartbeat');
      return Promise.resolve();
    },
    resolveOffset: (offset: string) => calls.push(`resolve ${offset}`),
    uncommittedOffsets: () => ({
      topics: [{ topic: 't', partitions: [{ partition, offset: 'x' }] }],
    }),
    commitOffsetsIfNecessary: () => {
      calls.push('commit');
      return Promise.resolve();
    },
    pause: () => {
      calls.push('pause');
      return () => calls.push('resume');
    },
  };
  return { payload: payload as unknown as EachBatchPayload, calls };
}

function processor(overrides: Partial<KafkaBatchProcessorOptions> = {}) {
  const seeks: string[] = [];
  const notices: unknown[] = [];
  const instance = new KafkaBatchProcessor({
    handler: () => Promise.resolve(),
    seek: ({ topic, partition, offset }) => seeks.push(`${topic}/${partition}/${offset}`),
    backoff: { initialMs: 100, maxMs: 1_000 },
    heartbeatIntervalMs: 50,
    onHandlerError: (_error, notice) => notices.push(notice),
    ...overrides,
  });
  return { instance, seeks, notices };
}

describe('KafkaBatchProcessor', () => {
  afterEach(() => jest.useRealTimers());

  it('hands the batch over as raw messages with topic/partition/offset positions', async () => {
    const seen: RawMessage[][] = [];
    const { instance } = processor({
      handler: (batch) => Promise.resolve(void seen.push([...batch])),
    });
    await instance.process(fakePayload(['5', '6']).payload);
    expect(seen).toEqual([
      [
        { key: 'user-5', value: Buffer.from('{"n":5}'), position: 't/2/5' },
        { key: 'user-6', value: Buffer.from('{"n":6}'), position: 't/2/6' },
      ],
    ]);
  });

  it('resolves the last offset and commits only after the handler resolved', async () => {
    const fake = fakePayload(['5', '6']);
    const { instance } = processor({
      handler: () => Promise.resolve(void fake.calls.push('handled')),
    });
    await instance.process(fake.payload);
    expect(fake.calls).toEqual(['handled', 'resolve 6', 'commit']);
  });

  it('on rejection commits nothing, pauses, seeks back to the first offset, resumes after the back-off', async () => {
    jest.useFakeTimers();
    const fake = fakePayload(['5', '6']);
    const { instance, seeks, notices } = processor({
      handler: () => Promise.reject(new Error('db down')),
    });
    await instance.process(fake.payload);
    expect(fake.calls).toEqual(['pause']);
    expect(seeks).toEqual(['t/2/5']);
    expect(notices).toEqual([
      { topic: 't', partition: 2, firstOffset: '5', attempt: 1, retryInMs: 100 },
    ]);
    jest.advanceTimersByTime(99);
    expect(fake.calls).not.toContain('resume');
    jest.advanceTimersByTime(1);
    expect(fake.calls).toEqual(['pause', 'resume']);
  });

  it('doubles the back-off per consecutive rejection and resets it after a success', async () => {
    jest.useFakeTimers();
    let fail = true;
    const { instance, notices } = processor({
      handler: () => (fail ? Promise.reject(new Error('no')) : Promise.resolve()),
    });
    await instance.process(fakePayload(['1']).payload);
    await instance.process(fakePayload(['1']).payload);
    fail = false;
    await instance.process(fakePayload(['1']).payload);
    fail = true;
    await instance.process(fakePayload(['2']).payload);
    expect(notices.map((notice) => (notice as { retryInMs: number }).retryInMs)).toEqual([
      100, 200, 100,
    ]);
  });

  it('heartbeats while a long handler runs', async () => {
    jest.useFakeTimers();
    let finish: () => void = () => undefined;
    const fake = fakePayload(['1']);
    const { instance } = processor({
      handler: () => new Promise<void>((resolve) => (finish = resolve)),
    });
    const processing = instance.process(fake.payload);
    jest.advanceTimersByTime(160);
    finish();
    await processing;
    expect(fake.calls.filter((call) => call === 'heartbeat')).toHaveLength(3);
  });

  it('keeps the lag of each partition behind the high watermark, also while a batch fails', async () => {
    let fail = false;
    const { instance } = processor({
      handler: () => (fail ? Promise.reject(new Error('down')) : Promise.resolve()),
    });
    await instance.process(fakePayload(['5', '6'], 2, '10').payload);
    await instance.process(fakePayload(['0'], 3, '1').payload);
    expect([...instance.lagByPartition()]).toEqual([['t/2', 3], ['t/3', 0]]); // prettier-ignore
    fail = true;
    await instance.process(fakePayload(['7', '8'], 2, '20').payload);
    expect(instance.lagByPartition().get('t/2')).toBe(13);
    instance.cancelPendingResumes();
    instance.forgetPartitionsExcept(new Set(['t/3']));
    expect([...instance.lagByPartition().keys()]).toEqual(['t/3']);
  });

  it('skips a stale batch (the consumer already sought elsewhere)', async () => {
    const fake = fakePayload(['1']);
    const handler = jest.fn(() => Promise.resolve());
    const { instance } = processor({ handler });
    await instance.process({ ...fake.payload, isStale: () => true });
    expect(handler).not.toHaveBeenCalled();
    expect(fake.calls).toEqual([]);
  });

  it('cancels scheduled resumes when stopping', async () => {
    jest.useFakeTimers();
    const fake = fakePayload(['1']);
    const { instance } = processor({ handler: () => Promise.reject(new Error('no')) });
    await instance.process(fake.payload);
    instance.cancelPendingResumes();
    jest.advanceTimersByTime(10_000);
    expect(fake.calls).toEqual(['pause']);
  });
});
