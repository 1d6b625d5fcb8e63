import type { EntityManager } from 'typeorm';

export const THROTTLE_WINDOW_MINUTES = 15;
export const THROTTLE_MAX_ATTEMPTS = 50;

/**
 * Counts one login attempt for a client address and says whether it is still within the limit.
 * One upsert, in the database, so every app process counts the same attempts.
 */
export async function countLoginAttempt(manager: EntityManager, clientKey: string, now = new Date()): Promise<{ allowed: boolean; retryAt: Date }> {
  const windowStartMin = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
  const result = await manager.query(
    `INSERT INTO login_throttle (key, window_start, attempts) VALUES ($1, $2, 1)
     ON CONFLICT (key) DO UPDATE SET
       attempts     = CASE WHEN login_throttle.window_start < $3 THEN 1 ELSE login_throttle.attempts + 1 END,
       window_start = CASE WHEN login_throttle.window_start < $3 THEN $2 ELSE login_throttle.window_start END
     RETURNING attempts, window_start`,
    [clientKey, now, windowStartMin],
  );
  const row = result[0] as { attempts: number; window_start: Date };
  const retryAt = new Date(new Date(row.window_start).getTime() + THROTTLE_WINDOW_MINUTES * 60_000);
  return { allowed: row.attempts <= THROTTLE_MAX_ATTEMPTS, retryAt };
}
