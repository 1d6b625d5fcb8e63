import session, { type SessionData } from 'express-session';
import type { Pool } from 'pg';
import type { SessionUser } from './session-user';

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

/**
 * Login sessions in the `session` table (the layout connect-pg-simple uses), shared by every app
 * process. Reading a session also reads its active user in the same query, so a signed-in request
 * costs one round trip for both; a deactivated user comes back as nobody at once.
 */
export class PgSessionStore extends session.Store {
  constructor(private readonly pool: Pool) {
    super();
  }

  get(sid: string, cb: (err: unknown, session?: SessionData | null) => void): void {
    this.pool
      .query(
        `SELECT s.sess, ${USER_COLUMNS}
           FROM session s
           LEFT JOIN app_user u ON u.id = CASE WHEN (s.sess -> 'passport' ->> 'user') ~ '^[0-9]{1,9}$' THEN (s.sess -> 'passport' ->> 'user')::int END AND u.active
           LEFT JOIN municipality m ON m.id = u.municipality_id
          WHERE s.sid = $1 AND s.expire >= now()`,
        [sid],
      )
      .then((res) => {
        const row = res.rows[0];
        if (!row) return cb(null, null);
        const sess = row.sess as SessionData & Record<string, unknown>;
        sess[PREFETCHED_USER] = row.id === null ? null : toSessionUser(row);
        cb(null, sess);
      }, cb);
  }

  set(sid: string, sess: SessionData, cb?: (err?: unknown) => void): void {
    const { [PREFETCHED_USER]: _user, ...data } = sess as SessionData & Record<string, unknown>;
    const expire = sess.cookie?.expires ? new Date(sess.cookie.expires) : new Date(Date.now() + 86_400_000);
    this.pool
      .query(`INSERT INTO session (sid, sess, expire) VALUES ($1, $2, $3) ON CONFLICT (sid) DO UPDATE SET sess = $2, expire = $3`, [sid, JSON.stringify(data), expire])
      .then(() => cb?.(), (err) => cb?.(err));
  }

  destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.pool.query(`DELETE FROM session WHERE sid = $1`, [sid]).then(() => cb?.(), (err) => cb?.(err));
  }

  /** Drops expired sessions; run now and then, by any process. */
  async prune(): Promise<void> {
    await this.pool.query(`DELETE FROM session WHERE expire < now()`);
  }
}
