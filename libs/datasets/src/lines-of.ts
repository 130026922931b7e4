/** Calls `visit` with each non-blank line (trimmed, CR stripped) and its 1-based line number. */
export function forEachLine(text: string, visit: (line: string, lineNumber: number) => void): void {
  let start = 0;
  let lineNumber = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNumber++;
    const line = text.slice(start, end).trim();
    if (line.length > 0) visit(line, lineNumber);
    start = end + 1;
  }
}
