import { DomainError } from '@recsys/domain';
import { dependencyOutageOf } from './dependency-outage';

const named = (name: string, message = 'x') => Object.assign(new Error(message), { name });
const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('dependencyOutageOf', () => {
  it.each([
    [
      'pg: connection refused',
      coded('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:5432'),
      'a dependency',
    ],
    ['pg: server shutting down (57P01)', coded('57P01'), 'the database'],
    ['pg: connection exception class 08', coded('08006'), 'the database'],
    ['pg: too many connections', coded('53300'), 'the database'],
    ['pg: connection terminated', new Error('Connection terminated unexpectedly'), 'the database'],
    ['ioredis: retries exhausted', named('MaxRetriesPerRequestError'), 'the model store'],
    ['ioredis: closed connection', new Error('Connection is closed.'), 'the model store'],
    ['ioredis: command timeout', new Error('Command timed out'), 'the model store'],
    ['kafkajs: connection error', named('KafkaJSConnectionError'), 'the event stream'],
    ['kafkajs: retries exceeded', named('KafkaJSNumberOfRetriesExceeded'), 'the event stream'],
    ['an adapter code', new DomainError('REALTIME_STORE_UNAVAILABLE', 'x'), 'the model store'],
    ['a publish failure', new DomainError('EVENT_PUBLISH_FAILED', 'x'), 'the event stream'],
  ])('recognises %s', (_what, error, dependency) => {
    expect(dependencyOutageOf(error)).toBe(dependency);
  });

  it('looks through TypeORM driverError, cause and DomainError details.cause', () => {
    const refused = coded('57P03');
    expect(
      dependencyOutageOf(Object.assign(new Error('query failed'), { driverError: refused })),
    ).toBe('the database');
    expect(dependencyOutageOf(new Error('wrapped', { cause: refused }))).toBe('the database');
    expect(
      dependencyOutageOf(
        new DomainError('SOMETHING', 'x', { cause: named('KafkaJSConnectionError') }),
      ),
    ).toBe('the event stream');
  });

  it('leaves every other error alone', () => {
    for (const error of [
      new TypeError('x is undefined'),
      coded('23505', 'duplicate key value'),
      coded('22P05', 'unsupported Unicode escape sequence'),
      new DomainError('INVALID_REQUEST', 'x'),
      'a string',
      null,
    ]) {
      expect(dependencyOutageOf(error)).toBeUndefined();
    }
  });
});
