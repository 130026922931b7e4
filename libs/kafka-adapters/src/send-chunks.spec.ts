import type { Message } from 'kafkajs';
import { BATCH_OVERHEAD_BYTES, messageBytes, sendChunks } from './send-chunks';

const message = (valueBytes: number, key = 'user-1'): Message => ({
  key,
  value: 'v'.repeat(valueBytes),
  headers: { schema: 'interactions.v1' },
});

describe('messageBytes', () => {
  it('bounds key, value and headers in UTF-8 bytes, plus per-record overhead', () => {
    const plain = messageBytes({ key: 'k', value: 'ab' });
    expect(plain).toBeGreaterThanOrEqual(3);
    expect(messageBytes({ key: 'k', value: 'é€' })).toBe(plain + 3);
    expect(messageBytes({ key: 'k', value: 'ab', headers: { h: 'x' } })).toBeGreaterThan(plain + 2);
    expect(messageBytes({ key: null, value: Buffer.alloc(10) })).toBeGreaterThanOrEqual(10);
  });
});

describe('sendChunks', () => {
  it('keeps a small batch whole', () => {
    const messages = [message(10), message(10)];
    expect(sendChunks(messages, 10_000)).toEqual([messages]);
  });

  it('splits in order so that every chunk stays within the bound', () => {
    const messages = Array.from({ length: 1000 }, (_, i) => message(1000, `user-${i}`));
    const maxBytes = 64 * 1024;
    const chunks = sendChunks(messages, maxBytes);
    expect(chunks.flat()).toEqual(messages);
    expect(chunks.length).toBeGreaterThan(15);
    for (const chunk of chunks) {
      const bytes = chunk.reduce((sum, m) => sum + messageBytes(m), BATCH_OVERHEAD_BYTES);
      expect(bytes).toBeLessThanOrEqual(maxBytes);
    }
  });

  it('puts a message bigger than the bound alone', () => {
    const [small, huge, small2] = [message(10), message(5000), message(10)];
    expect(sendChunks([small, huge, small2], 1000)).toEqual([[small], [huge], [small2]]);
  });

  it('returns no chunk for no message', () => {
    expect(sendChunks([], 1000)).toEqual([]);
  });
});
