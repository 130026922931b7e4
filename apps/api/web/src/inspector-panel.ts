import { ApiError, type ApiClient } from './api-client.js';
import { fillTable, find, formatNumber, row } from './dom.js';
import type { Highlight } from './map-panel.js';

interface RecentInteraction {
  itemId: string;
  polarity: -1 | 0 | 1;
  weight: number;
  at: string;
}

interface Recommendations {
  modelVersion: string | null;
  items: { itemId: string; score: number; source: string }[];
}

interface UserView {
  recent: RecentInteraction[];
  recommendations: Recommendations;
}

const RECENT_SHOWN = 20;
const RECOMMENDED_SHOWN = 10;
// How long a test click may take to reach the realtime store (stream, ingestor) before we say so.
const CLICK_WAIT_MS = 20_000;
const CLICK_POLL_MS = 500;
const RECOMMENDATIONS_SETTLE_MS = 3_000;
const UNAVAILABLE_RETRY_MS = 10_000;

/** A user's recent interactions and recommendations, and what a test click changes (write key). */
export class InspectorPanel {
  private userId: string | null = null;
  private view: UserView | null = null;
  private readonly button: HTMLButtonElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: ApiClient,
    private readonly onPlaced: (highlight: Highlight) => Promise<void>,
  ) {
    this.button = find<HTMLButtonElement>(root, 'button.test-click');
    this.button.title = api.canWrite
      ? 'Sends a click on the top recommendation'
      : 'Needs a write key';
    find<HTMLFormElement>(root, 'form').addEventListener('submit', (event) => {
      event.preventDefault();
      const input = find<HTMLInputElement>(root, 'input[name="user-id"]');
      void this.guard(() => this.inspect(input.value.trim()));
    });
    this.button.addEventListener('click', () => void this.guard(() => this.sendTestClick()));
  }

  async inspect(userId: string): Promise<void> {
    this.userId = userId;
    this.view = await this.readRetrying(userId);
    this.show(this.view, null);
    find(this.root, '.changes').textContent = '';
    this.button.disabled = !this.api.canWrite || this.clickTarget() === null;
    await this.place();
  }

  private async sendTestClick(): Promise<void> {
    const userId = this.userId;
    const itemId = this.clickTarget();
    if (userId === null || itemId === null || !this.view) return;
    this.button.disabled = true;
    const before = this.view;
    const timestamp = new Date().toISOString();
    const eventId = `dashboard-test-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;
    await this.api.post('/events', { eventId, userId, itemId, type: 'click', timestamp });
    const changes = find(this.root, '.changes');
    changes.textContent = `sent a click on ${itemId}; waiting for it to reach the realtime store…`;
    const waited = (view: UserView) => arrived(view, itemId, timestamp);
    let after = await this.readUntil(userId, waited, CLICK_WAIT_MS, before);
    // Each api replica learns of the click from the realtime store's change notice, a moment after the
    // store has it: give the recommendations that moment before saying they did not change.
    if (waited(after)) {
      const changed = (view: UserView) => !sameList(before, view);
      after = await this.readUntil(userId, changed, RECOMMENDATIONS_SETTLE_MS, after);
    }
    this.view = after;
    this.show(after, before);
    changes.textContent = describeChanges(before, after, itemId, waited(after));
    this.root.dataset.clickedItem = itemId;
    this.button.disabled = false;
    await this.place();
  }

  /** Reads the user, again every CLICK_POLL_MS for a while when the api answers 503 (a store briefly away). */
  private async readRetrying(userId: string): Promise<UserView> {
    const deadline = Date.now() + UNAVAILABLE_RETRY_MS;
    for (;;) {
      try {
        return await this.read(userId);
      } catch (error) {
        const unavailable = error instanceof ApiError && error.status === 503;
        if (!unavailable || Date.now() >= deadline) throw error;
        await sleep(CLICK_POLL_MS);
      }
    }
  }

  /**
   * Reads the user again every CLICK_POLL_MS until `done` or `waitMs` passed; a read the api answers with
   * 503 (a store briefly away) counts as no news, any other failure ends the wait.
   */
  private async readUntil(
    userId: string,
    done: (view: UserView) => boolean,
    waitMs: number,
    last: UserView,
  ): Promise<UserView> {
    const deadline = Date.now() + waitMs;
    let view = last;
    for (;;) {
      try {
        view = await this.read(userId);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 503)) throw error;
      }
      if (done(view) || Date.now() >= deadline) return view;
      await sleep(CLICK_POLL_MS);
    }
  }

  private async read(userId: string): Promise<UserView> {
    const id = encodeURIComponent(userId);
    const [recent, recommendations] = await Promise.all([
      this.api.get<{ interactions: RecentInteraction[] }>(
        `/users/${id}/recent?limit=${RECENT_SHOWN}`,
      ),
      this.api.get<Recommendations>(`/recommend/${id}?limit=${RECOMMENDED_SHOWN}`),
    ]);
    return { recent: recent.interactions, recommendations };
  }

  private show(view: UserView, before: UserView | null): void {
    const wasRecent = new Set(before?.recent.map((r) => `${r.itemId}@${r.at}`));
    const wasRecommended = new Set(before?.recommendations.items.map((r) => r.itemId));
    const isNew = (known: Set<string>, key: string): Record<string, string> =>
      before && !known.has(key) ? { class: 'new' } : {};
    fillTable(
      find<HTMLTableElement>(this.root, 'table.recent'),
      ['item', 'signal', 'at'],
      view.recent.map((r) => row([r.itemId, signalOf(r), new Date(r.at).toLocaleTimeString()], isNew(wasRecent, `${r.itemId}@${r.at}`))), // prettier-ignore
    );
    fillTable(
      find<HTMLTableElement>(this.root, 'table.recommendations'),
      ['#', 'item', 'score', 'source'],
      view.recommendations.items.map((r, i) => row([i + 1, r.itemId, formatNumber(r.score, 4), r.source], isNew(wasRecommended, r.itemId))), // prettier-ignore
    );
  }

  /** The item a test click goes to: the top recommendation, else the newest recent item. */
  private clickTarget(): string | null {
    return this.view?.recommendations.items[0]?.itemId ?? this.view?.recent[0]?.itemId ?? null;
  }

  private place(): Promise<void> {
    if (this.userId === null || !this.view) return Promise.resolve();
    return this.onPlaced({
      userId: this.userId,
      recentItemIds: this.view.recent.map((r) => r.itemId),
      recommendedItemIds: this.view.recommendations.items.map((r) => r.itemId),
    });
  }

  private async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      find(this.root, '.changes').textContent = `failed: ${(error as Error).message}`;
      this.button.disabled = !this.api.canWrite || this.clickTarget() === null;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function sameList(a: UserView, b: UserView): boolean {
  const key = (view: UserView) =>
    view.recommendations.items.map((r) => `${r.itemId}:${r.source}:${r.score}`).join('|');
  return key(a) === key(b);
}

function arrived(view: UserView, itemId: string, sentAt: string): boolean {
  const newest = view.recent[0];
  return newest !== undefined && newest.itemId === itemId && newest.at >= sentAt;
}

function signalOf(interaction: RecentInteraction): string {
  if (interaction.polarity === 1) return `liked (${formatNumber(interaction.weight)})`;
  return interaction.polarity === -1 ? 'unliked' : 'neutral';
}

/** One sentence on what the click changed: the recent list, and which recommendations came and went. */
function describeChanges(before: UserView, after: UserView, itemId: string, seen: boolean): string {
  if (!seen)
    return `the click on ${itemId} has not reached the realtime store within ${CLICK_WAIT_MS / 1000} s`;
  const was = before.recommendations.items.map((r) => r.itemId);
  const now = after.recommendations.items.map((r) => r.itemId);
  const added = now.filter((id) => !was.includes(id));
  const removed = was.filter((id) => !now.includes(id));
  const moved = now.filter((id, rank) => was.includes(id) && was.indexOf(id) !== rank).length;
  const parts = [`${itemId} is now the newest recent interaction`];
  parts.push(added.length || removed.length || moved ? `recommendations: +${added.length} new (${added.join(', ') || 'none'}), −${removed.length} gone (${removed.join(', ') || 'none'}), ${moved} moved` : 'recommendations unchanged'); // prettier-ignore
  return parts.join('; ');
}
