// Tiny DOM helpers: every value from the api is set as text (textContent), never parsed as HTML.

type Child = Node | string | number | null | undefined;

/** `tag` with attributes and children (strings become text nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** The element matching `selector` inside `root`; throws when the page lacks it (a broken build). */
export function find<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`the page has no ${selector}`);
  return found;
}

/** Replaces a table's header and rows. */
export function fillTable(
  table: HTMLTableElement,
  header: string[],
  rows: HTMLTableRowElement[],
): void {
  find(table, 'thead').replaceChildren(el('tr', {}, ...header.map((name) => el('th', {}, name))));
  find(table, 'tbody').replaceChildren(...rows);
}

/** A table row of cells (strings, numbers or elements). */
export function row(cells: Child[], attributes: Record<string, string> = {}): HTMLTableRowElement {
  return el('tr', attributes, ...cells.map((cell) => el('td', {}, cell)));
}

export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return Number.isInteger(value) ? value.toLocaleString('en') : value.toPrecision(digits);
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
