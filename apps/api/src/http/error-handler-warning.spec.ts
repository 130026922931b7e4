// Fastify warns (FSTWRN004) when an error handler is set twice in one scope; the api sets none of its own
// (Nest's answers through DomainErrorFilter), so starting it prints no Fastify warning.
import { startInMemoryApi } from './testing/in-memory-api';

describe('api start-up', () => {
  it('emits no Fastify warning, and a body error still has the one error shape', async () => {
    // Fastify's warnings go through process.emitWarning (a 'warning' listener would not see them in jest's
    // sandbox).
    const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const api = await startInMemoryApi();
    try {
      const answer = await api.app.inject({
        method: 'POST',
        url: '/events',
        headers: { 'content-type': 'text/plain', 'x-api-key': 'spec-write-key' },
        payload: 'hello',
      });
      expect(answer.statusCode).toBe(415);
      expect(answer.json()).toEqual({
        statusCode: 415,
        error: 'UNSUPPORTED_MEDIA_TYPE',
        message: expect.any(String),
      });
      expect(emitWarning.mock.calls.map((call) => String(call[0]))).toEqual([]);
    } finally {
      emitWarning.mockRestore();
      await api.close();
    }
  });
});
