/** Row indices grouped by user (CSR): user u's rows are `rows[offsets[u]..offsets[u + 1])` in input order. */
export interface RowsByUser {
  offsets: Int32Array;
  rows: Int32Array;
}

/** Groups row indices by user, keeping each user's rows in input order. */
export function groupRowsByUser(users: Int32Array, userCount: number): RowsByUser {
  const offsets = new Int32Array(userCount + 1);
  for (let i = 0; i < users.length; i++) offsets[users[i] + 1]++;
  for (let u = 0; u < userCount; u++) offsets[u + 1] += offsets[u];
  const cursor = offsets.slice(0, userCount);
  const rows = new Int32Array(users.length);
  for (let i = 0; i < users.length; i++) rows[cursor[users[i]]++] = i;
  return { offsets, rows };
}
