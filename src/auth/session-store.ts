import session, { type SessionData } from 'express-session';
import type { Pool } from 'pg';
import type { SessionUser } from './session-user';
import type { SessionCache } from './session-cache';

/** Where the store leaves the signed-in person it loaded with the session (read by the passport deserializer). */
export const PREFETCHED_USER = '__user';

export const USER_COLUMNS = `u.id, u.email, u.full_name, u.role, u.municipality_id, m.name AS municipality_name, u.institution`;

export function toSessionUser(r: Record<string, unknown>): SessionUser {
  return {
    id: r.id as number,
    email: r.email as string,
    fullName: r.full_name as string,
    role: r.role as SessionUser['role'],
    municipalityId: r.municipality_id as number | null,
    municipalityName: r.municipality_name as string | null,
    institution: r.institution as string | null,
  };
}

const SESSION_READ = `SELECT s.sess, s.expire, ${USER_COLUMNS}
   FROM session s
   LEFT JOIN app_user u ON u.id = CASE WHEN (s.sess -> 'passport' ->> 'user') ~ '^[0-9]{1,9}$' THEN (s.sess -> 'passport' ->> 'user')::int END AND u.active
   LEFT JOIN municipality m ON m.id = u.municipality_id
  WHERE s.sid = $1 AND s.expire >= now()`;

/**
 * Login sessions in the `session` table (the layout connect-pg-simple uses), shared by every app
 * process. Reading a session also reads its active user in the same query, so a signed-in request
 * costs one round trip for both — or none, when this process's cache (session-cache.ts) holds them; a
 * deactivated user comes back as nobody at once.
 */
export class PgSessionStore extends session.Store {
  /**
   * `cache`: this process's copy of sessions and their people, kept right by the database's change notices;
   * `named`: run the session read as a named (prepared) statement, planned once per connection (PostgreSQL
   * only: the embedded database's connections share one session, where a name would clash).
   */
  constructor(
    private readonly pool: Pool,
    private readonly options: { cache?: SessionCache; named?: boolean } = {},
  ) {
    super();
  }

  get(sid: string, cb: (err: unknown, session?: SessionData | null) => void): void {
    // A copy is answered only after the I/O already waiting in this turn of the event loop: a change notice
    // that reached this process together with the request (another process has just deactivated the person,
    // and answered its admin once the notice came back) drops the copy before it is used.
    if (this.options.cache?.get(sid)) return void setImmediate(() => this.read(sid, cb));
    this.read(sid, cb);
  }

  private read(sid: string, cb: (err: unknown, session?: SessionData | null) => void): void {
    const cache = this.options.cache;
    const hit = cache?.get(sid);
    // express-session turns the object it gets into the request's session (and changes it): a copy each time
    if (hit) return cb(null, { ...structuredClone(hit.sess), [PREFETCHED_USER]: hit.user && { ...hit.user } } as unknown as SessionData);
    const token = cache?.begin() ?? -1;
    this.pool
      .query({ ...(this.options.named ? { name: 'laureate_session_get' } : {}), text: SESSION_READ, values: [sid] })
      .then((res) => {
        const row = res.rows[0];
        if (!row) return cb(null, null);
        const sess = row.sess as SessionData & Record<string, unknown>;
        const user = row.id === null ? null : toSessionUser(row);
        if (cache) {
          const named = (sess.passport as { user?: unknown } | undefined)?.user;
          const userId = typeof named === 'number' ? named : /^[0-9]{1,9}$/.test(String(named)) ? Number(named) : null;
          cache.put(sid, { sess: structuredClone(sess), user, userId, expire: new Date(row.expire).getTime() }, token);
        }
        sess[PREFETCHED_USER] = user;
        cb(null, sess);
      }, cb);
  }

  /**
   * Saves a session. One read from this store (it carries PREFETCHED_USER) is only updated, never inserted
   * again: a request that loaded its session before a password change, a deactivation or a sign-out
   * elsewhere deleted it must not bring it back when it ends. Only a new session (a sign-in, a regenerated
   * id, an anonymous visitor's first form) inserts a row.
   */
  set(sid: string, sess: SessionData, cb?: (err?: unknown) => void): void {
    const loaded = PREFETCHED_USER in sess;
    const { [PREFETCHED_USER]: _user, ...data } = sess as SessionData & Record<string, unknown>;
    const expire = sess.cookie?.expires ? new Date(sess.cookie.expires) : new Date(Date.now() + 86_400_000);
    const sql = loaded
      ? `UPDATE session SET sess = $2, expire = $3 WHERE sid = $1`
      : `INSERT INTO session (sid, sess, expire) VALUES ($1, $2, $3) ON CONFLICT (sid) DO UPDATE SET sess = $2, expire = $3`;
    this.writing(sid, this.pool.query(sql, [sid, JSON.stringify(data), expire]), cb);
  }

  destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.writing(sid, this.pool.query(`DELETE FROM session WHERE sid = $1`, [sid]), cb);
  }

  /**
   * This process's own writes drop its copy at once, before and after the statement: its notice reaches
   * this process's listener a moment later (on PostgreSQL), and the next request of the same browser — the
   * page a redirect leads to — must not come sooner and find the old session.
   */
  private writing(sid: string, write: Promise<unknown>, cb?: (err?: unknown) => void): void {
    this.options.cache?.dropSession(sid);
    write.then(
      () => {
        this.options.cache?.dropSession(sid);
        cb?.();
      },
      (err) => {
        this.options.cache?.dropSession(sid);
        cb?.(err);
      },
    );
  }

  /** Drops expired sessions; run now and then, by any process. */
  async prune(): Promise<void> {
    await this.pool.query(`DELETE FROM session WHERE expire < now()`);
  }
}
