import type { ApiClient } from './api-client.js';
import { LineChart } from './charts.js';
import { el, fillTable, find, formatNumber, row } from './dom.js';

/** A version as `GET /models` lists it; `rejected` says why the gate refused a candidate (if it did). */
interface ModelVersion {
  version: string;
  createdAt: string;
  itemCount: number;
  userCount: number;
  metrics: Record<string, number>;
  jobId?: string;
  rejected?: string | null;
}

interface ModelVersions {
  current: string | null;
  serving: string | null;
  versions: ModelVersion[];
}

// Held-out ranking metrics are the ones worth a line over time (losses and counts have other scales).
const HELD_OUT = /recall|ndcg|precision|hit|map|mrr/i;

/** Versions over time with their held-out metrics, which one serves, activate / roll back (write key). */
export class ModelsPanel {
  private readonly chart: LineChart;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: ApiClient,
    private readonly onActivated: () => void,
  ) {
    this.chart = new LineChart(find(root, '.chart'), { xLabel: 'published', time: true });
  }

  async refresh(): Promise<ModelVersions> {
    const models = await this.api.get<ModelVersions>('/models');
    const versions = [...models.versions].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    find(this.root, '.summary').textContent =
      `${versions.length} version(s); current ${models.current ?? 'none'}, this replica serves ${models.serving ?? 'none'}`;
    const names = [...new Set(versions.flatMap((v) => Object.keys(v.metrics)))]
      .filter((name) => HELD_OUT.test(name))
      .sort();
    this.chart.update(
      versions.map((v) => Date.parse(v.createdAt) / 1000),
      names.map((name) => ({ name, values: versions.map((v) => v.metrics[name] ?? null) })),
    );
    const rows = [...versions].reverse().map((v) => this.versionRow(v, models, names));
    fillTable(
      find(this.root, 'table.versions'),
      ['version', 'published', 'items', 'users', ...names, 'state', ''],
      rows,
    );
    return models;
  }

  private versionRow(v: ModelVersion, models: ModelVersions, names: string[]): HTMLTableRowElement {
    const states = [
      v.version === models.current ? 'current' : null,
      v.version === models.serving ? 'serving' : null,
    ];
    const state = el('span', {}, states.filter(Boolean).join(', '));
    if (v.rejected) state.append(el('div', { class: 'rejected' }, `rejected: ${v.rejected}`));
    const button = el(
      'button',
      { type: 'button', 'data-version': v.version },
      v.version === models.current ? 'Current' : 'Activate',
    );
    button.disabled = !this.api.canWrite || v.version === models.current;
    button.title = this.api.canWrite ? 'Serve this version everywhere' : 'Needs a write key';
    button.addEventListener('click', () => void this.activate(v.version, button));
    return row([
      v.version,
      new Date(v.createdAt).toLocaleString(),
      formatNumber(v.itemCount),
      formatNumber(v.userCount),
      ...names.map((name) => formatNumber(v.metrics[name])),
      state,
      button,
    ]);
  }

  private async activate(version: string, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      await this.api.post(`/models/${encodeURIComponent(version)}/activate`);
      this.onActivated();
    } catch (error) {
      button.disabled = false;
      find(this.root, '.summary').textContent = `activation failed: ${(error as Error).message}`;
    }
  }
}
