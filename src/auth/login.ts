import type { EntityManager } from 'typeorm';
import { User } from './user.entity';
import { normaliseEmail, verifyPassword } from './password';

export const MAX_FAILED_LOGINS = 10;
export const LOCKOUT_MINUTES = 15;

export type LoginOutcome =
  | { ok: true; userId: number }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; lockedUntil: Date };

/**
 * Checks an email and password. After MAX_FAILED_LOGINS failures in a row the account locks for
 * LOCKOUT_MINUTES, whatever password comes next. Unknown and inactive accounts answer exactly like a
 * wrong password. The counter is updated in one statement, so parallel guesses cannot slip past it.
 */
export async function attemptLogin(manager: EntityManager, email: string, password: string, now = new Date()): Promise<LoginOutcome> {
  const user = await manager.findOne(User, { where: { email: normaliseEmail(email) } });
  if (user?.lockedUntil && user.lockedUntil > now) {
    return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil };
  }
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user) return { ok: false, reason: 'invalid' };
  if (passwordOk && user.active) {
    await manager.update(User, { id: user.id }, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    return { ok: true, userId: user.id };
  }
  const lockUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
  const rows: Array<{ locked_until: Date | null }> = await manager.query(
    `UPDATE app_user
        SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
            locked_until  = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
      WHERE id = $1
  RETURNING locked_until`,
    [user.id, MAX_FAILED_LOGINS, lockUntil],
  ).then((r) => (Array.isArray(r[0]) ? r[0] : r));
  const lockedUntil = rows[0]?.locked_until ? new Date(rows[0].locked_until) : null;
  if (lockedUntil && lockedUntil > now) return { ok: false, reason: 'locked', lockedUntil };
  return { ok: false, reason: 'invalid' };
}
