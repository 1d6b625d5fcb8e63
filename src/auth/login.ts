import type { EntityManager } from 'typeorm';
import { User } from './user.entity';
import { normaliseEmail, verifyPassword } from './password';

export const MAX_FAILED_LOGINS = 10;
export const LOCKOUT_MINUTES = 15;

export type PasswordCheck =
  | { ok: true }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'locked'; lockedUntil: Date };

/**
 * The one check of a person's password, for the sign-in form and for a password change alike: both count
 * toward one run of failures, and after MAX_FAILED_LOGINS in a row the account locks for LOCKOUT_MINUTES,
 * whatever password comes next. Every call costs one argon2 verification — against the stand-in hash when
 * there is no account, no password yet or a lock — so the time taken tells nothing either.
 */
export async function checkAccountPassword(manager: EntityManager, user: User | null, password: string, options: { now?: Date; signIn?: boolean } = {}): Promise<PasswordCheck> {
  const now = options.now ?? new Date();
  const lockedUntil = user?.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null;
  const passwordOk = await verifyPassword(user && !lockedUntil ? user.passwordHash : null, password);
  if (user && !lockedUntil && passwordOk && user.active) {
    // Only if no lock came in meanwhile: a parallel guess may have locked the account during the verification.
    const rows = await manager
      .query(
        `UPDATE app_user SET failed_logins = 0, last_login_at = CASE WHEN $3 THEN $2::timestamptz ELSE last_login_at END
          WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2) RETURNING id`,
        [user.id, now, options.signIn === true],
      )
      .then(rowsOf);
    if (rows.length) return { ok: true };
  }
  // Every refusal runs the same statement, which changes nothing for a lock and matches no row for an
  // unknown address: the database's share of the time tells nothing either.
  return countFailure(manager, user?.id ?? 0, now);
}

/**
 * One more failure in the run, in one statement, so parallel guesses cannot slip past the limit; the run
 * starts again after a lock. Tries while a lock lasts neither count nor lengthen it; they are answered
 * 'locked' (a sign-in shows no difference, a password change says until when).
 */
async function countFailure(manager: EntityManager, userId: number, now: Date): Promise<PasswordCheck> {
  const lockUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
  const rows = await manager
    .query(
      `UPDATE app_user
          SET failed_logins = CASE WHEN locked_until > $4 THEN failed_logins WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
              locked_until  = CASE WHEN locked_until > $4 THEN locked_until WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
        WHERE id = $1
    RETURNING locked_until`,
      [userId, MAX_FAILED_LOGINS, lockUntil, now],
    )
    .then((r) => rowsOf<{ locked_until: Date | null }>(r));
  const lockedUntil = rows[0]?.locked_until ? new Date(rows[0].locked_until) : null;
  if (lockedUntil && lockedUntil > now) return { ok: false, reason: 'locked', lockedUntil };
  return { ok: false, reason: 'wrong' };
}

// manager.query returns [rows, affected] for UPDATE … RETURNING on PostgreSQL, rows alone on some drivers
const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) && Array.isArray(r[0]) ? r[0] : (r as T[]));

export type LoginOutcome = { ok: true; userId: number } | { ok: false };

/**
 * Checks an email and password for the sign-in form. A refusal says nothing more: a wrong password, an
 * unknown or inactive account and a locked one are the same `{ ok: false }`, so no page can tell them apart.
 */
export async function attemptLogin(manager: EntityManager, email: string, password: string, now = new Date()): Promise<LoginOutcome> {
  const user = await manager.findOne(User, { where: { email: normaliseEmail(email) } });
  const check = await checkAccountPassword(manager, user, password, { now, signIn: true });
  return check.ok && user ? { ok: true, userId: user.id } : { ok: false };
}
