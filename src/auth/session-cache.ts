import type { ChangeFeed } from '../db/change-feed';
import type { SessionUser } from './session-user';

/** A session as the store read it, with its signed-in person (null: nobody, or a deactivated person). */
export interface CachedSession {
  sess: Record<string, unknown>;
  user: SessionUser | null;
  /** the person the session names (passport.user), whether or not they are active */
  userId: number | null;
  /** when the session row expires (ms) */
  expire: number;
}

interface Entry extends CachedSession {
  /** when this copy stops being trusted (ms), whatever the notices say */
  until: number;
}

/**
 * Ten seconds of trust at most, as belt and braces: the notices are what keeps the cache right, and a lost
 * listener connection empties it, but a connection that died without a word (a half-open TCP connection,
 * until keep-alive notices), or a write made with triggers switched off, would otherwise be served for ever.
 * Ten seconds cost one session read per person per ten seconds, which is nothing.
 */
export const SESSION_CACHE_TTL_MS = 10_000;
const MAX_ENTRIES = 20_000;

/**
 * This process's copy of the sessions it served and their people, so that a signed-in request costs no
 * database round trip. The database's change notices (triggers, see the migration SessionChangeNotices)
 * drop a session when it changes or ends and every session of a person when the person changes, on every
 * process; a gap in the notices drops everything. A read that was under way while anything was dropped is
 * not kept (the generation moved on): it may have read the row just before the change committed.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byUser = new Map<number, Set<string>>();
  private generation = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly ttlMs = SESSION_CACHE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.unsubscribe = feed.subscribe({ change: (payload) => this.onChange(payload), gap: () => this.clear() });
  }

  get(sid: string): CachedSession | undefined {
    const entry = this.entries.get(sid);
    if (!entry) return undefined;
    const now = this.now();
    if (!this.feed.live || entry.until <= now || entry.expire < now) {
      this.dropSession(sid);
      return undefined;
    }
    return entry;
  }

  /** Call before reading a session from the database; hand the answer to put() with it. */
  begin(): number {
    return this.feed.live ? this.generation : -1;
  }

  put(sid: string, session: CachedSession, token: number): void {
    if (token !== this.generation || !this.feed.live) return;
    this.forget(sid);
    if (this.entries.size >= MAX_ENTRIES) this.forget(this.entries.keys().next().value!);
    this.entries.set(sid, { ...session, until: this.now() + this.ttlMs });
    if (session.userId !== null) {
      let sids = this.byUser.get(session.userId);
      if (!sids) this.byUser.set(session.userId, (sids = new Set()));
      sids.add(sid);
    }
  }

  dropSession(sid: string): void {
    this.generation++;
    this.forget(sid);
  }

  dropUser(userId: number): void {
    this.generation++;
    for (const sid of this.byUser.get(userId) ?? []) this.entries.delete(sid);
    this.byUser.delete(userId);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.byUser.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  close(): void {
    this.unsubscribe();
    this.clear();
  }

  private onChange(payload: string): void {
    if (payload.startsWith('s:')) this.dropSession(payload.slice(2));
    else if (payload.startsWith('u:')) this.dropUser(Number(payload.slice(2)));
    else this.clear();
  }

  private forget(sid: string): void {
    const entry = this.entries.get(sid);
    if (!entry) return;
    this.entries.delete(sid);
    if (entry.userId !== null) {
      const sids = this.byUser.get(entry.userId);
      sids?.delete(sid);
      if (sids?.size === 0) this.byUser.delete(entry.userId);
    }
  }
}
