// Pure: which rows of a model's item table the dashboard's map shows.

/**
 * At most `max` row numbers of `count`, spread evenly over the table (every row when count <= max), in
 * increasing order. Deterministic, so a model version always maps the same items.
 */
export function sampleRows(count: number, max: number): Int32Array {
  const size = Math.max(0, Math.min(count, Math.floor(max)));
  const rows = new Int32Array(size);
  for (let i = 0; i < size; i++) rows[i] = Math.floor((i * count) / size);
  return rows;
}
