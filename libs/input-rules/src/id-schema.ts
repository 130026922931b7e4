import { z } from 'zod';
import { idProblem } from './text-rules';

/** A zod string that follows the id rule of `idProblem`; messages start with `what`. */
export function idSchema(what: string) {
  return z.string({ error: `${what} must be a string` }).superRefine((value, context) => {
    const problem = idProblem(value);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: `${what} ${problem}` });
  });
}
