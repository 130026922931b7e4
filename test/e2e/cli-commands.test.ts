// The CLI against a running stack (api, ingestor, trainer on real Kafka, PostgreSQL and Redis):
// `recsys publish` of a `recsys train` export is served by the api and gated like the trainer's models;
// `recsys import` replays files over HTTP (through the api's rate limit) and straight to Kafka.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Recommendations } from '@recsys/recommendations';
import { RedisEmbeddingStore } from '@recsys/redis-adapters';
import { runCli } from '../../apps/cli/src/cli';
import type { CliIo } from '../../apps/cli/src/cli-io';
import { contentEventId } from '../../apps/cli/src/importing/import-record';
import { uniqueName } from '../support/services';
import { requestJson, TEST_KEYS } from './support/http-client';
import {
  startRunningStack,
  waitForServedVersion,
  type RunningStack,
} from './support/running-stack';
import { waitFor } from './support/wait-for';

jest.setTimeout(300_000);

function captureIo(): CliIo & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: { write: (text) => void out.push(text) },
    stderr: { write: (text) => void err.push(text) },
    nowMs: () => performance.now(),
    now: () => new Date(),
    cpuCount: 1,
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

async function cli(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const io = captureIo();
  const status = await runCli(args, io);
  return { status, out: io.out(), err: io.err() };
}

const lastJson = <T>(text: string): T => JSON.parse(text.trim().split('\n').at(-1)!) as T;

/** MovieLens lines with planted tastes: 2 groups of 12 users, each rating 8 of its group's 12 items 5 stars. */
function plantedRatings(): string {
  const lines: string[] = [];
  for (let user = 0; user < 24; user++) {
    for (let slot = 0; slot < 8; slot++) {
      const item = (user % 2) * 12 + ((slot + user) % 12);
      lines.push(`u${user}\titem${item}\t5\t${1_764_000_000 + user * 100 + slot}`);
    }
  }
  return lines.join('\n');
}

describe('recsys publish, import against a running stack', () => {
  let running: RunningStack;
  let directory: string;
  let trainFile: string;

  beforeAll(async () => {
    // A small rate limit for the write key, so the HTTP import meets 429s it must wait out.
    running = await startRunningStack('e2e_cli', {
      api: { RATE_LIMIT_PER_SECOND: '1', RATE_LIMIT_BURST: '1' },
    });
    directory = await mkdtemp(join(tmpdir(), 'recsys-cli-e2e-'));
    trainFile = join(directory, 'ratings.data');
    await writeFile(trainFile, plantedRatings());
  });

  afterAll(async () => {
    await running?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  const redisArgs = (): string[] => [
    '--redis-url',
    running.stack.env.REDIS_URL,
    '--key-prefix',
    running.stack.redisKeyPrefix,
  ];
  // The stack allows one request per second per key (so the HTTP import meets 429s): reads wait their turn
  // as any client would, by Retry-After.
  async function read<T>(path: string) {
    for (;;) {
      const answer = await requestJson<T>(`${running.baseUrl}${path}`, { apiKey: TEST_KEYS.read });
      if (answer.status !== 429) return answer;
      await sleep(1000 * Number(answer.headers.get('retry-after') ?? 1));
    }
  }

  async function train(out: string, extra: string[]): Promise<number> {
    const args = ['train', '--input', trainFile, '--format', 'movielens', '--out', out];
    const options = ['--dim', '8', '--threads', '1', '--seed', '5', '--quiet'];
    const validation = ['--validation', '0.25', '--val-k', '4', '--eval-every', '1', '--patience', '50']; // prettier-ignore
    const result = await cli([...args, ...options, ...validation, ...extra]);
    expect(result.status).toBe(0);
    const metadata = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    return metadata.validation.metrics['recall@4'] as number;
  }

  it('publishes a trained model the api serves, and gates a worse one unless forced', async () => {
    const good = join(directory, 'good');
    const bad = join(directory, 'bad');
    const goodRecall = await train(good, ['--epochs', '15']);
    const badRecall = await train(bad, ['--epochs', '1', '--lr', '1e-9']);
    expect(goodRecall).toBeGreaterThan(badRecall);
    const gate = ['--min-recall', String((goodRecall + badRecall) / 2)];

    const published = await cli(['publish', '--model', good, ...redisArgs(), ...gate]);
    expect(published.status).toBe(0);
    const { version } = lastJson<{ version: string }>(published.out);
    expect(version).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{8}$/);
    await waitForServedVersion(running, version);
    const answer = await read<Recommendations>('/recommend/u0?limit=4');
    expect(answer.body.modelVersion).toBe(version);
    const seen = new Set(plantedRatings().split('\n').filter((l) => l.startsWith('u0\t')).map((l) => l.split('\t')[1])); // prettier-ignore
    expect(answer.body.items).toHaveLength(4);
    for (const item of answer.body.items) {
      expect(item.source).toBe('model');
      expect(seen.has(item.itemId)).toBe(false);
    }

    // What the api loads is what the export holds: read back with the api's own adapter.
    const store = new RedisEmbeddingStore({ url: running.stack.env.REDIS_URL, keyPrefix: running.stack.redisKeyPrefix }); // prettier-ignore
    try {
      const loaded = (await store.load(version))!;
      const itemVectors = await readFile(join(good, 'item_vectors.f32'));
      expect(Buffer.from(loaded.itemVectors.buffer, loaded.itemVectors.byteOffset, loaded.itemVectors.byteLength)).toEqual(itemVectors); // prettier-ignore
      expect(loaded.userIds).toEqual((await readFile(join(good, 'user_ids.txt'), 'utf8')).trim().split('\n')); // prettier-ignore
      expect(loaded.seenItems.offsets[24]).toBe(24 * 8);
      expect(loaded.popularItems.length).toBe(24);
      expect(loaded.metadata.metrics['recall@4']).toBeCloseTo(goodRecall, 6);
    } finally {
      await store.close();
    }

    const refused = await cli(['publish', '--model', bad, ...redisArgs(), ...gate]);
    expect(refused.status).toBe(3);
    expect(refused.err).toContain('the quality gate refuses the model: held-out recall@4');
    expect((await read<{ current: string }>('/models')).body.current).toBe(version);

    const forced = await cli(['publish', '--model', bad, ...redisArgs(), ...gate, '--force']);
    expect(forced.status).toBe(0);
    await waitForServedVersion(running, lastJson<{ version: string }>(forced.out).version);
  });

  it('imports an events CSV over HTTP through the rate limit, counting rejected lines with reasons', async () => {
    const valid = Array.from({ length: 40 }, (_, i) => ({
      userId: `http-user-${i % 7}`,
      itemId: i === 3 ? 'item, with "comma"' : `http-item-${i}`,
      type: i % 5 === 0 ? 'rating' : 'click',
      timestamp: new Date(Date.UTC(2026, 10, 1, 12, i)).toISOString(),
      ...(i % 5 === 0 ? { value: 4 } : {}),
    }));
    const csvField = (text: string) => (/[,"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text); // prettier-ignore
    const lines = valid.map((e) => [e.userId, csvField(e.itemId), e.type, e.value ?? '', e.timestamp].join(',')); // prettier-ignore
    lines.splice(5, 0, 'bad-user,i1,teleport,,2026-11-01T00:00:00Z');
    lines.splice(9, 0, 'bad-user,i1,click,,');
    lines.splice(20, 0, 'bad-user,i1,click,,2099-01-01T00:00:00Z');
    const file = join(directory, 'events.csv');
    await writeFile(file, ['userId,itemId,type,value,timestamp', ...lines].join('\n'));

    const args = ['import', '--input', file, '--format', 'events-csv', '--to', 'http'];
    const target = ['--url', running.baseUrl, '--key', TEST_KEYS.write, '--batch-size', '2'];
    const result = await cli([...args, ...target]);
    expect(result.status).toBe(0);
    const summary = lastJson<{ accepted: number; rejected: number; reasons: { reason: string; firstLine: number }[] }>(result.out); // prettier-ignore
    expect(summary).toMatchObject({ accepted: 40, rejected: 3 });
    expect(summary.reasons.map((r) => r.firstLine).sort((a, b) => a - b)).toEqual([7, 11, 22]);
    const reasons = summary.reasons.map((r) => r.reason).join(' | ');
    expect(reasons).toContain('type: ');
    expect(reasons).toContain('timestamp is empty');
    expect(result.err).toContain('rate limited (429)');

    const ids = valid.map((event) => contentEventId(event));
    await waitFor(
      async () => (await running.storage.eventLog.countByEventIds(ids)) === ids.length,
      {
        timeoutMs: 60_000,
        what: 'the imported events in the event log',
        onTimeout: () => running.apps.ingestor.logs,
      },
    );
  });

  it('imports MovieLens ratings straight to the Kafka topic, keyed by userId', async () => {
    const ratings = ['k1\tm1\t4\t1764000000', 'k2\tm2\t2\t1764000100', 'broken line', 'k1\tm3\t5\t1764000200']; // prettier-ignore
    const file = join(directory, 'u.data');
    await writeFile(file, ratings.join('\n'));
    const brokers = running.stack.env.KAFKA_BROKERS;
    const args = ['import', '--input', file, '--format', 'movielens', '--to', 'kafka'];
    const result = await cli([...args, '--brokers', brokers, '--topic', running.stack.topic, '--quiet']); // prettier-ignore
    expect(result.status).toBe(0);
    expect(lastJson(result.out)).toMatchObject({ records: 4, accepted: 3, rejected: 1 });
    expect(result.out).toContain('expected 4 fields, found 2 (first: line 3)');

    const expected = [ratings[0], ratings[1], ratings[3]].map((line) => {
      const [userId, itemId, value, seconds] = line.split('\t');
      const timestamp = new Date(Number(seconds) * 1000).toISOString();
      return { eventId: contentEventId({ userId, itemId, type: 'rating', value: Number(value), timestamp }), userId }; // prettier-ignore
    });
    const consumer = running.stack.kafka.consumer({ groupId: uniqueName('e2e_cli_check') });
    const keys = new Map<string, string>();
    await consumer.connect();
    await consumer.subscribe({ topic: running.stack.topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        const event = JSON.parse(message.value!.toString()) as { eventId: string };
        keys.set(event.eventId, message.key!.toString());
        return Promise.resolve();
      },
    });
    try {
      await waitFor(() => expected.every((e) => keys.has(e.eventId)), { timeoutMs: 60_000, what: 'the imported messages' }); // prettier-ignore
    } finally {
      await consumer.disconnect();
    }
    for (const { eventId, userId } of expected) expect(keys.get(eventId)).toBe(userId);
    const ids = expected.map((e) => e.eventId);
    await waitFor(async () => (await running.storage.eventLog.countByEventIds(ids)) === 3, {
      timeoutMs: 60_000,
      what: 'the Kafka-imported events in the event log',
    });
  });
});
