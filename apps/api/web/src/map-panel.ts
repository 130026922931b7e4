import type { ApiClient } from './api-client.js';
import { el, find } from './dom.js';

interface MapPoint {
  itemId: string;
  x: number;
  y: number;
  category: string | null;
}

/** `GET /dashboard/embedding-map`. */
interface EmbeddingMap {
  modelVersion: string;
  itemCount: number;
  sampled: number;
  points: MapPoint[];
}

/** `GET /dashboard/embedding-map/placement`. */
interface Placement {
  modelVersion: string;
  user: { x: number; y: number } | null;
  items: { itemId: string; x: number; y: number }[];
}

/** What the user inspector asks to show on the map. */
export interface Highlight {
  userId: string;
  recentItemIds: string[];
  recommendedItemIds: string[];
}

const PALETTE = ['#2f6fdd', '#e67e22', '#27ae60', '#8e44ad', '#c0392b', '#16a085', '#d35400', '#2c3e50', '#f1c40f', '#e84393', '#00a8ff', '#6ab04c']; // prettier-ignore
const NO_CATEGORY = '#b0b7bf';
const MARGIN = 16;
const HOVER_RADIUS = 7;

interface Drawn {
  label: string;
  px: number;
  py: number;
}

/** The serving model's items on a 2-D projection, coloured by category; a user can be placed on it. */
export class MapPanel {
  private map: EmbeddingMap | null = null;
  private placement: Placement | null = null;
  private highlight: Highlight | null = null;
  private drawn: Drawn[] = [];
  private readonly canvas: HTMLCanvasElement;
  private readonly tooltip: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: ApiClient,
  ) {
    this.canvas = find<HTMLCanvasElement>(root, 'canvas');
    this.tooltip = find(root, '.tooltip');
    this.canvas.addEventListener('mousemove', (event) => this.hover(event));
    this.canvas.addEventListener('mouseleave', () => (this.tooltip.hidden = true));
  }

  /** Loads the map again only when the serving model changed. */
  async refresh(servingVersion: string | null): Promise<void> {
    if (servingVersion === null) {
      find(this.root, '.summary').textContent = 'no model is served yet';
      return;
    }
    if (this.map?.modelVersion === servingVersion) return;
    this.map = await this.api.get<EmbeddingMap>('/dashboard/embedding-map');
    this.placement = null;
    if (this.highlight) await this.place(this.highlight);
    this.draw();
  }

  /** Places a user's vector, recent items and recommendations on the map. */
  async place(highlight: Highlight): Promise<void> {
    this.highlight = highlight;
    if (!this.map) return;
    const itemIds = [
      ...new Set([...highlight.recentItemIds, ...highlight.recommendedItemIds]),
    ].slice(0, 100);
    const query = new URLSearchParams({ userId: highlight.userId, itemIds: itemIds.join(',') });
    this.placement = await this.api.get<Placement>(
      `/dashboard/embedding-map/placement?${query.toString()}`,
    );
    this.draw();
  }

  private draw(): void {
    const map = this.map;
    if (!map) return;
    const context = this.canvas.getContext('2d')!;
    const { width, height } = this.canvas;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    const placed = this.placement ? [...this.placement.items, ...(this.placement.user ? [this.placement.user] : [])] : []; // prettier-ignore
    const scale = fitScale([...map.points, ...placed], width, height);
    const colours = categoryColours(map.points);
    this.drawn = [];
    for (const point of map.points) {
      const [px, py] = scale(point.x, point.y);
      context.fillStyle = colours.get(point.category) ?? NO_CATEGORY;
      context.globalAlpha = 0.75;
      context.fillRect(px - 2.5, py - 2.5, 5, 5);
      this.drawn.push({ label: `${point.itemId} · ${point.category ?? 'no category'}`, px, py });
    }
    context.globalAlpha = 1;
    this.canvas.dataset.points = String(map.points.length);
    this.drawPlacement(context, scale);
    this.showLegend(colours);
    find(this.root, '.summary').textContent =
      `model ${map.modelVersion}: ${map.sampled.toLocaleString('en')} of ${map.itemCount.toLocaleString('en')} items (PCA, first two components)` +
      (this.highlight ? `; placed user ${this.highlight.userId} (black), recent items (rings), recommendations (triangles)` : ''); // prettier-ignore
  }

  private drawPlacement(
    context: CanvasRenderingContext2D,
    scale: (x: number, y: number) => [number, number],
  ): void {
    const placement = this.placement;
    const highlight = this.highlight;
    if (!placement || !highlight) return;
    const recent = new Set(highlight.recentItemIds);
    for (const item of placement.items) {
      const [px, py] = scale(item.x, item.y);
      context.beginPath();
      if (recent.has(item.itemId)) {
        context.strokeStyle = '#1d232a';
        context.lineWidth = 1.5;
        context.arc(px, py, 8, 0, 2 * Math.PI);
        context.stroke();
      } else {
        // Black outlines for the placed things: the category colours stay the points' own.
        context.strokeStyle = '#1d232a';
        context.lineWidth = 1.5;
        context.moveTo(px, py - 8);
        context.lineTo(px + 7, py + 5);
        context.lineTo(px - 7, py + 5);
        context.closePath();
        context.stroke();
      }
      this.drawn.push({
        label: `${item.itemId} · ${recent.has(item.itemId) ? 'recent' : 'recommended'}`,
        px,
        py,
      });
    }
    if (placement.user) {
      const [px, py] = scale(placement.user.x, placement.user.y);
      context.fillStyle = '#000000';
      context.fillRect(px - 6, py - 6, 12, 12);
      this.drawn.push({ label: `user ${highlight.userId}`, px, py });
    }
    this.canvas.dataset.placed = String(placement.items.length + (placement.user ? 1 : 0));
  }

  private showLegend(colours: Map<string | null, string>): void {
    const entries = [...colours].map(([category, colour]) => {
      const swatch = el('i');
      swatch.style.background = colour;
      return el('li', {}, swatch, category ?? 'other / no category');
    });
    find(this.root, '.legend').replaceChildren(...entries);
  }

  private hover(event: MouseEvent): void {
    const box = this.canvas.getBoundingClientRect();
    const x = ((event.clientX - box.left) * this.canvas.width) / box.width;
    const y = ((event.clientY - box.top) * this.canvas.height) / box.height;
    let best: Drawn | null = null;
    let bestDistance = HOVER_RADIUS ** 2;
    for (const point of this.drawn) {
      const distance = (point.px - x) ** 2 + (point.py - y) ** 2;
      if (distance <= bestDistance) [best, bestDistance] = [point, distance];
    }
    this.tooltip.hidden = best === null;
    if (!best) return;
    this.tooltip.textContent = best.label;
    this.tooltip.style.left = `${(best.px * box.width) / this.canvas.width + 10}px`;
    this.tooltip.style.top = `${(best.py * box.height) / this.canvas.height + 10}px`;
  }
}

/** Maps data coordinates into the canvas, keeping the aspect ratio (distances stay comparable). */
function fitScale(points: { x: number; y: number }[], width: number, height: number) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  const rangeX = Math.max(maxX - minX, 1e-9);
  const rangeY = Math.max(maxY - minY, 1e-9);
  const stretch = Math.min((width - 2 * MARGIN) / rangeX, (height - 2 * MARGIN) / rangeY);
  const offsetX = (width - rangeX * stretch) / 2;
  const offsetY = (height - rangeY * stretch) / 2;
  // Canvas y grows downwards; the map's grows upwards.
  return (x: number, y: number): [number, number] => [
    offsetX + (x - minX) * stretch,
    height - (offsetY + (y - minY) * stretch),
  ];
}

/** The most frequent categories get the palette's colours; the rest (and none) are grey. */
function categoryColours(points: MapPoint[]): Map<string | null, string> {
  const counts = new Map<string | null, number>();
  for (const point of points) counts.set(point.category, (counts.get(point.category) ?? 0) + 1);
  const ranked = [...counts].filter(([category]) => category !== null).sort((a, b) => b[1] - a[1]);
  const colours = new Map<string | null, string>(
    ranked.slice(0, PALETTE.length).map(([category], i) => [category, PALETTE[i]]),
  );
  if (counts.has(null) || ranked.length > PALETTE.length) colours.set(null, NO_CATEGORY);
  return colours;
}
