import { redactSecrets, redactUrlCredentials } from './redact-secrets';

describe('redactUrlCredentials', () => {
  it.each([
    ['redis://user:pw@host:6379', 'redis://user:***@host:6379'],
    ['redis://:pw@host:6379/0', 'redis://:***@host:6379/0'],
    ['redis://pw@host', 'redis://***@host'],
    ['rediss://default:p@ss@host:6380', 'rediss://default:***@host:6380'],
    ['redis://host:6379?password=pw&db=2', 'redis://host:6379?password=***&db=2'],
    ['redis://host?db=1&password=pw', 'redis://host?db=1&password=***'],
    ['postgres://u:pw@h:5432/db?sslpassword=x', 'postgres://u:***@h:5432/db?sslpassword=***'],
    ['redis://:pw@a,redis://:pw2@b', 'redis://:***@a,redis://:***@b'],
  ])('%s → %s', (input, expected) => {
    expect(redactUrlCredentials(input)).toBe(expected);
    expect(redactUrlCredentials(input)).not.toMatch(/pw/);
  });

  it('leaves URLs without credentials and plain text alone', () => {
    for (const text of [
      'redis://127.0.0.1:6379',
      'postgres://h/db?application_name=x',
      '127.0.0.1:9092',
    ]) {
      expect(redactUrlCredentials(text)).toBe(text);
    }
  });
});

describe('redactSecrets', () => {
  it('hides secret-named values, URL credentials of any key and in lists', () => {
    const redacted = redactSecrets({
      API_WRITE_KEYS: ['k1'],
      REDIS_URL: 'redis://:hunter2@cache:6379',
      SENTINELS: ['redis://:hunter2@s1', 'redis://s2?password=hunter2'],
      PORT: 3000,
    });
    expect(redacted).toEqual({
      API_WRITE_KEYS: '***',
      REDIS_URL: 'redis://:***@cache:6379',
      SENTINELS: ['redis://:***@s1', 'redis://s2?password=***'],
      PORT: 3000,
    });
    expect(JSON.stringify(redacted)).not.toContain('hunter2');
  });
});
