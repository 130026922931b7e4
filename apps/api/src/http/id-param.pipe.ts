import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '@recsys/domain';
import { idProblem } from '@recsys/input-rules';

/**
 * Applies the id rule (idProblem) to every route parameter: user, item, job and model ids. Runs after the
 * guards, so an unauthenticated caller learns nothing; the services never see a NUL or a lone surrogate.
 */
@Injectable()
export class IdParamPipe implements PipeTransform<unknown> {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'param' || typeof value !== 'string') return value;
    const problem = idProblem(value);
    if (problem === undefined) return value;
    const field = metadata.data ?? 'path parameter';
    const message = `${field} ${problem}`;
    throw new DomainError('INVALID_REQUEST', message, { errors: [{ field, message }] });
  }
}
