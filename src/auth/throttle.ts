import type { EntityManager } from 'typeorm';

export const THROTTLE_WINDOW_MINUTES = 15;
/** Failed sign-ins per client address in a window; successful ones are not counted. */
export const THROTTLE_MAX_ATTEMPTS = 50;

export type ThrottleCheck = { allowed: true } | { allowed: false; retryAt: Date };

const windowEnd = (start: Date) => new Date(start.getTime() + THROTTLE_WINDOW_MINUTES * 60_000);

/**
 * Whether a client address may try to sign in now: it has not used up its failed attempts in the current
 * window. Only failures count, so many people signing in correctly from one address (a ministry behind one
 * proxy) are never refused; once an address is over the limit every attempt is refused, the right password
 * too, so the answer tells a guesser nothing. Parallel failures may each pass this check before the first is
 * counted: the limit can be overshot by the attempts in flight, no more (the per-account lockout still holds).
 */
export async function checkLoginThrottle(manager: EntityManager, clientKey: string, now = new Date()): Promise<ThrottleCheck> {
  const rows: Array<{ attempts: number; window_start: Date }> = await manager.query(`SELECT attempts, window_start FROM login_throttle WHERE key = $1`, [clientKey]);
  const row = rows[0];
  if (!row || windowEnd(new Date(row.window_start)) <= now || row.attempts < THROTTLE_MAX_ATTEMPTS) return { allowed: true };
  return { allowed: false, retryAt: windowEnd(new Date(row.window_start)) };
}

/** Counts one failed sign-in of a client address. One upsert, in the database, so every app process counts the same attempts. */
export async function countFailedLogin(manager: EntityManager, clientKey: string, now = new Date()): Promise<void> {
  const windowStartMin = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
  await manager.query(
    `INSERT INTO login_throttle (key, window_start, attempts) VALUES ($1, $2, 1)
     ON CONFLICT (key) DO UPDATE SET
       attempts     = CASE WHEN login_throttle.window_start <= $3 THEN 1 ELSE login_throttle.attempts + 1 END,
       window_start = CASE WHEN login_throttle.window_start <= $3 THEN $2 ELSE login_throttle.window_start END`,
    [clientKey, now, windowStartMin],
  );
}
