import { Controller, Get, Inject } from '@nestjs/common';
import { DomainError } from '@recsys/domain';
import { Access } from '../access/access-level.decorator';
import { READINESS_CHECKS, type ReadinessCheck } from '../api-ports.module';
import { ModelHolder } from '../models/model-holder.service';

type Readiness = {
  status: 'ready';
  modelVersion: string | null;
  dependencies: Record<string, string>;
};

/**
 * Liveness (the process answers) and readiness. Ready means recommendations can be served: the current
 * model is loaded (or known not to exist yet). Dependencies are reported but do not make the api
 * unready, because it keeps serving from memory while Redis, Kafka or PostgreSQL are away.
 */
@Controller('health')
@Access('public')
export class HealthController {
  constructor(
    @Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[],
    private readonly models: ModelHolder,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<Readiness> {
    const dependencies: Record<string, string> = {};
    await Promise.all(
      this.checks.map(async (readiness) => {
        dependencies[readiness.name] = await withTimeout(readiness.check(), 2000).then(
          () => 'ok',
          (error: Error) => `failing: ${error.message}`,
        );
      }),
    );
    if (!this.models.initialised) {
      throw new DomainError('NOT_READY', 'the current model is still loading', { dependencies });
    }
    return { status: 'ready', modelVersion: this.models.current()?.version ?? null, dependencies };
  }
}

function withTimeout(promise: Promise<void>, timeoutMs: number): Promise<void> {
  return Promise.race([
    promise,
    new Promise<void>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs).unref(),
    ),
  ]);
}
