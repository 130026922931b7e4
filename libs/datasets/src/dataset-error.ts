import { DomainError } from '@recsys/domain';

/** A parse error that names the format and the 1-based line. */
export function datasetError(format: string, lineNumber: number, problem: string): DomainError {
  return new DomainError('INVALID_DATASET', `${format} line ${lineNumber}: ${problem}`, {
    format,
    line: lineNumber,
  });
}
