export { ID_MAX_LENGTH, idProblem, textProblem } from './text-rules';
export { idSchema } from './id-schema';
export { fieldErrorsOf, formatFieldPath } from './field-error';
export type { FieldError } from './field-error';
export { jsonTextProblems } from './json-text-problems';
export type { JsonTextLimits } from './json-text-problems';
export { isUuid } from './is-uuid';
