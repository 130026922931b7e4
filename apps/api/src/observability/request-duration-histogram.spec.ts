import { Registry, type Metric } from 'prom-client';
import { RequestDurationHistogram } from './request-duration-histogram';

describe('RequestDurationHistogram', () => {
  it('writes cumulative buckets, +Inf, sum and count per method, route and status', async () => {
    const histogram = new RequestDurationHistogram([0.01, 0.1]);
    const registry = new Registry();
    registry.registerMetric(histogram as unknown as Metric);
    histogram.observe('GET', '/recommend/:userId', 200, 0.005);
    histogram.observe('GET', '/recommend/:userId', 200, 0.01);
    histogram.observe('GET', '/recommend/:userId', 200, 0.05);
    histogram.observe('GET', '/recommend/:userId', 200, 3);
    histogram.observe('POST', '/events', 202, 0.2);
    const text = await registry.metrics();
    const series = 'method="GET",route="/recommend/:userId",status_code="200"';
    expect(text).toContain('# TYPE recsys_http_request_duration_seconds histogram');
    expect(text).toContain(`recsys_http_request_duration_seconds_bucket{le="0.01",${series}} 2`);
    expect(text).toContain(`recsys_http_request_duration_seconds_bucket{le="0.1",${series}} 3`);
    expect(text).toContain(`recsys_http_request_duration_seconds_bucket{le="+Inf",${series}} 4`);
    expect(text).toContain(`recsys_http_request_duration_seconds_sum{${series}} 3.065`);
    expect(text).toContain(`recsys_http_request_duration_seconds_count{${series}} 4`);
    expect(text).toContain('recsys_http_request_duration_seconds_bucket{le="0.1",method="POST",route="/events",status_code="202"} 0'); // prettier-ignore
    histogram.reset();
    expect(await registry.metrics()).not.toContain('_count{');
  });
});
