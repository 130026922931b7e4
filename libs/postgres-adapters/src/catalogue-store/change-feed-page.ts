import { DomainError } from '@recsys/domain';

/** A checked request for one page of the change feed: both values are safe integers, `limit` >= 0. */
export interface ChangeFeedPage {
  afterRevision: number;
  limit: number;
}

/**
 * Checks the arguments of `changesSince` before they reach SQL (as the realtime stores do for their
 * limits): a revision is any safe integer (INVALID_REVISION otherwise), a limit a non-negative safe
 * integer (INVALID_LIMIT otherwise).
 */
export function changeFeedPage(afterRevision: number, limit: number): ChangeFeedPage {
  if (!Number.isSafeInteger(afterRevision)) {
    throw new DomainError('INVALID_REVISION', 'afterRevision must be an integer', {
      afterRevision,
    });
  }
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new DomainError('INVALID_LIMIT', 'limit must be a non-negative integer', { limit });
  }
  return { afterRevision, limit };
}
