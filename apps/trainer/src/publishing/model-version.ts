/** A sortable, unique version name: UTC time of creation plus the start of the job id. */
export function modelVersionName(createdAt: Date, jobId: string): string {
  const stamp = createdAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${jobId.slice(0, 8)}`;
}
