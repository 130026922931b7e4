import { z } from 'zod';
import { idProblem } from '@recsys/input-rules';

/** Most interactions `GET /users/:userId/recent` returns (and its default). */
export const MAX_RECENT_LIMIT = 200;
/** Most items one placement request may name (they travel in a query string). */
export const MAX_PLACED_ITEMS = 100;

const id = z.string().superRefine((value, context) => {
  const problem = idProblem(value);
  if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
});

/** `GET /users/:userId/recent?limit=`. */
export const recentQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(MAX_RECENT_LIMIT).default(20) })
  .strict();

/** `GET /dashboard/embedding-map/placement?userId=&itemIds=a,b`: item ids comma-separated. */
export const placementQuerySchema = z
  .object({
    userId: id,
    itemIds: z
      .string()
      .default('')
      .transform((list) => list.split(',').filter((itemId) => itemId.length > 0))
      .pipe(z.array(id).max(MAX_PLACED_ITEMS)),
  })
  .strict();
