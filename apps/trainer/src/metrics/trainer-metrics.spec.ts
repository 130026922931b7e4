import { DomainError } from '@recsys/domain';
import { TrainerMetrics } from './trainer-metrics';

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('TrainerMetrics', () => {
  it('counts jobs by outcome and keeps the last trained model figures', async () => {
    const metrics = new TrainerMetrics();
    const first = metrics.jobStarted();
    expect(sample(await metrics.registry.metrics(), 'recsys_training_running')).toBe(1);
    await metrics.timePublish(() => Promise.resolve());
    first.succeeded({ trainSeconds: 12.5, epochs: 8, finalLoss: 0.25, 'recall@10': 0.4, 'ndcg@10': 0.3, users: 5 }); // prettier-ignore
    const afterFirst = await metrics.registry.metrics();
    expect(sample(afterFirst, 'recsys_training_last_train_seconds')).toBe(12.5);
    expect(sample(afterFirst, 'recsys_training_last_final_loss')).toBe(0.25);
    expect(sample(afterFirst, 'recsys_training_last_heldout{metric="ndcg",k="10"}')).toBe(0.3);
    // A gate refusal carries the refused model's figures: they become the last ones.
    metrics.jobStarted().failed(
      new DomainError('QUALITY_GATE_FAILED', 'below the gate', { metrics: { epochs: 3, 'recall@10': 0.01 } }), // prettier-ignore
    );
    metrics.jobStarted().failed(new Error('connection reset'));
    const text = await metrics.registry.metrics();
    expect(sample(text, 'recsys_training_jobs_total{outcome="succeeded",code=""}')).toBe(1);
    expect(sample(text, 'recsys_training_jobs_total{outcome="failed",code="QUALITY_GATE_FAILED"}')).toBe(1); // prettier-ignore
    expect(sample(text, 'recsys_training_jobs_total{outcome="failed",code="ERROR"}')).toBe(1);
    expect(sample(text, 'recsys_training_job_duration_seconds_count{outcome="failed"}')).toBe(2);
    expect(sample(text, 'recsys_training_publish_seconds_count')).toBe(1);
    expect(sample(text, 'recsys_training_running')).toBe(0);
    expect(sample(text, 'recsys_training_last_train_seconds')).toBeNaN();
    expect(sample(text, 'recsys_training_last_final_loss')).toBeNaN();
    expect(sample(text, 'recsys_training_last_epochs')).toBe(3);
    expect(sample(text, 'recsys_training_last_heldout{metric="recall",k="10"}')).toBe(0.01);
    expect(text).not.toContain('recsys_training_last_heldout{metric="ndcg"');
    expect(sample(text, 'recsys_training_last_finished_timestamp_seconds')).toBeGreaterThan(1.7e9);
    expect(text).toContain('recsys_trainer_process_cpu_user_seconds_total');
  });
});
