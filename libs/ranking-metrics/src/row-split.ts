/** A split of interaction rows (indices into the caller's parallel arrays) into train and test. */
export interface RowSplit {
  /** Ascending row indices. */
  trainRows: Int32Array;
  /** Ascending row indices. */
  testRows: Int32Array;
}

/** Builds a RowSplit from a per-row flag (1 = test). */
export function rowSplitFromFlags(isTest: Uint8Array): RowSplit {
  let testCount = 0;
  for (let i = 0; i < isTest.length; i++) testCount += isTest[i];
  const trainRows = new Int32Array(isTest.length - testCount);
  const testRows = new Int32Array(testCount);
  let train = 0;
  let test = 0;
  for (let i = 0; i < isTest.length; i++) {
    if (isTest[i]) testRows[test++] = i;
    else trainRows[train++] = i;
  }
  return { trainRows, testRows };
}
