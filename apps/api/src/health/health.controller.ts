import { Controller, Get, Inject } from '@nestjs/common';
import { DomainError } from '@recsys/domain';
import { API_DEPENDENCIES, type ApiDependencies } from '../api-dependencies';
import { ModelHolder } from '../recommendations/model-holder.service';

/** Liveness (the process answers) and readiness (dependencies answer and the model state is known). */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies,
    private readonly models: ModelHolder,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{
    status: 'ready';
    modelVersion: string | null;
    checks: Record<string, string>;
  }> {
    const checks: Record<string, string> = {};
    await Promise.all(
      this.deps.readinessChecks.map(async (readiness) => {
        checks[readiness.name] = await readiness.check().then(
          () => 'ok',
          (error: Error) => `failing: ${error.message}`,
        );
      }),
    );
    checks.model = this.models.initialised ? 'ok' : 'failing: still loading';
    if (Object.values(checks).some((state) => state !== 'ok')) {
      throw new DomainError('NOT_READY', 'not ready', { checks });
    }
    return { status: 'ready', modelVersion: this.models.current()?.version ?? null, checks };
  }
}
