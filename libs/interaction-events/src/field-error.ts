/** One reason an input was rejected: which field (a dotted path, `[3].userId` in a batch) and why. */
export interface FieldError {
  field: string;
  message: string;
}
