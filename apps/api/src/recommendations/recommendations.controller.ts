import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { DomainError } from '@recsys/domain';
import { recommendForUser, type Recommendations } from '@recsys/recommendations';
import { API_SETTINGS, type ApiSettings } from '../api-dependencies';
import { ModelHolder } from './model-holder.service';

/** `GET /recommend/:userId`: the nearest unseen items, or popular items for users the model lacks. */
@Controller('recommend')
export class RecommendationsController {
  constructor(
    private readonly models: ModelHolder,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  @Get(':userId')
  recommend(@Param('userId') userId: string, @Query('limit') limit?: string): Recommendations {
    const model = this.models.current();
    if (!model)
      throw new DomainError(
        'MODEL_NOT_READY',
        'no model has been published yet; run a training job',
      );
    return recommendForUser(model, userId, { limit: this.parseLimit(limit) });
  }

  private parseLimit(raw: string | undefined): number {
    if (raw === undefined) return this.settings.recommendDefaultLimit;
    const limit = Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > this.settings.recommendMaxLimit) {
      throw new DomainError(
        'INVALID_REQUEST',
        `limit must be an integer from 1 to ${this.settings.recommendMaxLimit}`,
        {
          errors: [
            {
              field: 'limit',
              message: `must be an integer from 1 to ${this.settings.recommendMaxLimit}`,
            },
          ],
        },
      );
    }
    return limit;
  }
}
