import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '@recsys/domain';
import { Access } from '../access/access-level.decorator';
import { API_SETTINGS, type ApiSettings } from '../api-settings';
import { ApiMetrics } from './api-metrics';

/**
 * `GET /metrics`: the api's Prometheus metrics in the text exposition format. Public, like the health
 * routes, so a scraper needs no key: it holds counts and timings, no user, item or key. Operators who do not
 * want it reachable turn it off (METRICS_ENABLED=false: 404) or keep the path off their ingress.
 */
@Controller('metrics')
@Access('public')
export class MetricsController {
  constructor(
    private readonly metrics: ApiMetrics,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  @Get()
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    if (this.settings.metricsEnabled === false) {
      throw new DomainError('NOT_FOUND', 'metrics are turned off (METRICS_ENABLED=false)');
    }
    const text = await this.metrics.registry.metrics();
    // Set here, not by @Header: an error answer must keep its JSON content type.
    void reply.header('content-type', this.metrics.registry.contentType);
    return text;
  }
}
