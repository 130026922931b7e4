/** The versions retention deletes: all but the newest `keepVersions`, never the current one. */
export function versionsToPrune(options: {
  newestFirst: readonly string[];
  current: string | null;
  keepVersions: number;
}): string[] {
  const { newestFirst, current, keepVersions } = options;
  return newestFirst.slice(keepVersions).filter((version) => version !== current);
}
