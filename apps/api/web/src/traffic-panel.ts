import type { ApiClient } from './api-client.js';
import { LineChart } from './charts.js';
import { el, fillTable, find, formatNumber, row } from './dom.js';

type Reading<T> = { value: T } | { error: string };

/** `GET /dashboard/traffic`. */
interface Traffic {
  at: string;
  eventsPerSecond: Reading<number>;
  deadLetters: Reading<number>;
  consumerLag: Reading<{ partition: number; lag: number }[]>;
  recommend: {
    requests: number;
    latencyMs: { p50: number | null; p95: number | null; p99: number | null };
    answers: { source: string; path: string; count: number }[];
  };
}

// Samples kept for the chart: at one poll every few seconds, the last several minutes.
const KEPT_SAMPLES = 120;

/** Events/s, dead letters, consumer lag, recommend latency and sources, polled from the api's counters. */
export class TrafficPanel {
  private readonly chart: LineChart;
  private readonly samples: {
    at: number;
    events: number | null;
    lag: number | null;
    p95: number | null;
  }[] = [];

  constructor(
    private readonly root: HTMLElement,
    private readonly api: ApiClient,
  ) {
    this.chart = new LineChart(find(root, '.chart'), { xLabel: 'time', time: true });
  }

  async refresh(): Promise<void> {
    const traffic = await this.api.get<Traffic>('/dashboard/traffic');
    const totalLag = valueOf(traffic.consumerLag)?.reduce((sum, p) => sum + p.lag, 0) ?? null;
    const { latencyMs } = traffic.recommend;
    this.samples.push({ at: Date.parse(traffic.at) / 1000, events: valueOf(traffic.eventsPerSecond), lag: totalLag, p95: latencyMs.p95 }); // prettier-ignore
    if (this.samples.length > KEPT_SAMPLES) this.samples.shift();
    find(this.root, '.figures').replaceChildren(
      figure(
        'events/s (last minute)',
        shown(traffic.eventsPerSecond, (v) => formatNumber(v)),
      ),
      figure(
        'dead letters',
        shown(traffic.deadLetters, (v) => formatNumber(v)),
      ),
      figure('consumer lag', shown(traffic.consumerLag, (parts) => `${formatNumber(totalLag)} (${parts.map((p) => `p${p.partition}: ${p.lag}`).join(', ')})`)), // prettier-ignore
      figure('recommend requests', formatNumber(traffic.recommend.requests)),
      figure('latency p50 / p95 / p99', [latencyMs.p50, latencyMs.p95, latencyMs.p99].map((ms) => (ms === null ? '–' : `${ms.toFixed(1)} ms`)).join(' / ')), // prettier-ignore
    );
    this.chart.update(
      this.samples.map((s) => s.at),
      [
        { name: 'events/s', values: this.samples.map((s) => s.events) },
        { name: 'consumer lag', values: this.samples.map((s) => s.lag) },
        { name: 'recommend p95 ms', values: this.samples.map((s) => s.p95) },
      ],
    );
    const total = traffic.recommend.answers.reduce((sum, a) => sum + a.count, 0);
    const rows = [...traffic.recommend.answers]
      .sort((a, b) => b.count - a.count)
      .map((a) => row([a.source, a.path, formatNumber(a.count), total > 0 ? `${((100 * a.count) / total).toFixed(1)} %` : '–'])); // prettier-ignore
    fillTable(
      find<HTMLTableElement>(this.root, 'table.sources'),
      ['source', 'path', 'answers', 'share'],
      rows,
    );
  }
}

function valueOf<T>(reading: Reading<T>): T | null {
  return 'value' in reading ? reading.value : null;
}

function shown<T>(reading: Reading<T>, format: (value: T) => string): string {
  return 'value' in reading ? format(reading.value) : `unavailable (${reading.error})`;
}

function figure(label: string, value: string): HTMLElement {
  return el('div', { class: 'figure' }, el('b', {}, value), el('span', {}, label));
}
