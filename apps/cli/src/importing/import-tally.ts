/** One kind of rejection: how many lines, and the first one (to look at). */
export interface RejectionReason {
  reason: string;
  count: number;
  firstLine: number;
}

/** Counts of an import, kept as it runs. */
export class ImportTally {
  records = 0;
  accepted = 0;
  rejected = 0;
  private readonly reasons = new Map<string, RejectionReason>();

  reject(lineNumber: number, reason: string): void {
    this.rejected++;
    const known = this.reasons.get(reason);
    if (known) known.count++;
    else this.reasons.set(reason, { reason, count: 1, firstLine: lineNumber });
  }

  /** Reasons, most frequent first. */
  topReasons(limit: number): RejectionReason[] {
    return [...this.reasons.values()].sort((a, b) => b.count - a.count).slice(0, limit);
  }

  /** Distinct reasons seen. */
  get reasonCount(): number {
    return this.reasons.size;
  }
}
