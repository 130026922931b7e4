import { logLevel, type LogEntry } from 'kafkajs';
import { createKafkaConsoleLogCreator } from './kafka-console-log-creator';

function entry(level: logLevel, message: string, extra: Record<string, unknown> = {}): LogEntry {
  return {
    namespace: 'Consumer',
    level,
    label: logLevel[level],
    log: { timestamp: '2025-01-01T00:00:00Z', logger: 'kafkajs', message, ...extra },
  };
}

describe('createKafkaConsoleLogCreator', () => {
  function record() {
    const lines = { warn: [] as string[], error: [] as string[] };
    const log = createKafkaConsoleLogCreator({
      warn: (line) => lines.warn.push(line),
      error: (line) => lines.error.push(line),
    })(logLevel.WARN);
    return { lines, log };
  }

  it('writes errors and warnings with namespace and details on one line', () => {
    const { lines, log } = record();
    log(entry(logLevel.ERROR, 'Crash', { groupId: 'g' }));
    log(entry(logLevel.WARN, 'Rebalancing'));
    expect(lines.error).toEqual(['[kafkajs] Consumer: Crash {"groupId":"g"}']);
    expect(lines.warn).toEqual(['[kafkajs] Consumer: Rebalancing']);
  });

  it('drops INFO and DEBUG, and the warning the sink causes on purpose', () => {
    const { lines, log } = record();
    log(entry(logLevel.INFO, 'Starting'));
    log(entry(logLevel.DEBUG, 'Fetching'));
    log(
      entry(
        logLevel.WARN,
        'Limiting retries for the idempotent producer may invalidate EoS guarantees',
      ),
    );
    expect(lines).toEqual({ warn: [], error: [] });
  });
});
