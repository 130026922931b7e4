/** Maps external string ids to dense indices 0..n-1 in order of first appearance. */
export class IdIndex {
  private readonly indexById = new Map<string, number>();
  private readonly idList: string[] = [];

  /** Starts from known ids (e.g. a model's id file), which keep their positions. */
  constructor(knownIds: Iterable<string> = []) {
    for (const id of knownIds) this.indexOf(id);
  }

  /** Index of `id`, adding it at the end when new. */
  indexOf(id: string): number {
    const known = this.indexById.get(id);
    if (known !== undefined) return known;
    this.idList.push(id);
    this.indexById.set(id, this.idList.length - 1);
    return this.idList.length - 1;
  }

  /** Index of `id`, or undefined when it has not been seen. */
  find(id: string): number | undefined {
    return this.indexById.get(id);
  }

  get size(): number {
    return this.idList.length;
  }

  /** The ids, index order (a copy). */
  ids(): string[] {
    return this.idList.slice();
  }
}
