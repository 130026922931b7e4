import { ApiError, type ApiClient } from './api-client.js';
import { LineChart } from './charts.js';
import { el, fillTable, find, formatDuration, formatNumber, row } from './dom.js';

/** A job's live progress (null until the trainer reports its first epoch). */
interface Progress {
  epoch: number;
  epochs: number;
  lossPerEpoch: number[];
  elapsedMs: number;
  remainingMs: number | null;
}

interface TrainingJob {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  createdAt: string;
  modelVersion: string | null;
  error: string | null;
  progress?: Progress | null;
}

const JOBS_SHOWN = 10;

/** The running job's progress and the loss-per-epoch curve of each recent job. */
export class TrainingPanel {
  private readonly chart: LineChart;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: ApiClient,
  ) {
    this.chart = new LineChart(find(root, '.chart'), { xLabel: 'epoch' });
  }

  async refresh(): Promise<void> {
    let jobs: TrainingJob[];
    try {
      ({ jobs } = await this.api.get<{ jobs: TrainingJob[] }>(
        `/training-jobs?limit=${JOBS_SHOWN}`,
      ));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) throw error;
      find(this.root, '.progress').textContent = 'this api does not list training jobs';
      return;
    }
    this.showRunning(jobs.find((job) => job.status === 'running') ?? null);
    const curves = jobs
      .filter((job) => job.progress && job.progress.lossPerEpoch.length > 0)
      .reverse();
    const epochs = Math.max(0, ...curves.map((job) => job.progress!.lossPerEpoch.length));
    this.chart.update(
      Array.from({ length: epochs }, (_, i) => i + 1),
      curves.map((job) => ({
        name: `${job.id.slice(0, 8)} (${job.status})`,
        values: Array.from({ length: epochs }, (_, i) => job.progress!.lossPerEpoch[i] ?? null),
      })),
    );
    const rows = jobs.map((job) =>
      row([
        job.id.slice(0, 8),
        job.status,
        new Date(job.createdAt).toLocaleString(),
        job.progress ? `${job.progress.epoch}/${job.progress.epochs}` : '–',
        formatNumber(job.progress?.lossPerEpoch.at(-1)),
        job.modelVersion ?? job.error ?? '',
      ]),
    );
    fillTable(
      find(this.root, 'table.jobs'),
      ['job', 'status', 'queued', 'epoch', 'last loss', 'model / error'],
      rows,
    );
  }

  private showRunning(job: TrainingJob | null): void {
    const target = find(this.root, '.progress');
    if (!job) {
      target.replaceChildren(el('p', { class: 'summary' }, 'no job is running'));
      return;
    }
    const progress = job.progress;
    const share = progress ? progress.epoch / Math.max(1, progress.epochs) : 0;
    const filled = el('div');
    // Through the CSSOM: the page's content security policy refuses inline style attributes.
    filled.style.width = `${(share * 100).toFixed(1)}%`;
    const bar = el('div', { class: 'bar' }, filled);
    const text = progress
      ? `job ${job.id.slice(0, 8)}: epoch ${progress.epoch} of ${progress.epochs}, ${formatDuration(progress.elapsedMs)} elapsed, ${formatDuration(progress.remainingMs)} left`
      : `job ${job.id.slice(0, 8)} started, no epoch finished yet`;
    target.replaceChildren(el('p', {}, text), bar);
  }
}
