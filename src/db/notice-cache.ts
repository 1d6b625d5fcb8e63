import type { ChangeFeed } from './change-feed';

/** What a change notice means for a cache: drop everything, drop some keys, or nothing. */
export type NoticeEffect<K> = 'all' | K[] | null;

/**
 * A per-process copy of rows that the database's change notices keep right (src/db/change-feed.ts), for a
 * hot page whose data changes far less often than it is read. Notices say what changed; `effectOf` says
 * what this cache must forget for each; a gap in the notices forgets everything, and while the feed is
 * not live nothing is kept. A read that was under way while anything was forgotten is not stored (the
 * generation moved on): it may have read the rows just before the change committed. Entries are trusted
 * for `ttlMs` at most, as belt and braces against a change made with triggers switched off.
 */
export class NoticeCache<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();
  private generation = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly effectOf: (payload: string) => NoticeEffect<K>,
    private readonly options: { ttlMs: number; maxEntries: number; now?: () => number },
  ) {
    this.unsubscribe = feed.subscribe({ change: (payload) => this.onChange(payload), gap: () => this.clear() });
  }

  /** The kept value, or else `load()`'s, kept for next time unless a notice arrived meanwhile. */
  async get(key: K, load: () => Promise<V>): Promise<V> {
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry && entry.until > now && this.feed.live) return entry.value;
    if (entry) this.entries.delete(key);
    const token = this.feed.live ? this.generation : -1;
    const value = await load();
    if (token === this.generation && this.feed.live) {
      if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
      this.entries.set(key, { value, until: this.now() + this.options.ttlMs });
    }
    return value;
  }

  /** The keys kept now (to find those a notice concerns). */
  keys(): K[] {
    return [...this.entries.keys()];
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  close(): void {
    this.unsubscribe();
    this.clear();
  }

  private onChange(payload: string): void {
    const effect = this.effectOf(payload);
    if (effect === null) return;
    this.generation++;
    if (effect === 'all') this.entries.clear();
    else for (const key of effect) this.entries.delete(key);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
