// One definition for the api and the event validation (libs/domain/src/validation/field-error.ts).
export type { FieldError } from '@recsys/input-rules';
