/** Renders two-column rows as an aligned plain-text table. */
export function renderTable(rows: readonly [string, string][]): string {
  const width = Math.max(0, ...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n');
}
