import crypto from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { PasswordReset } from './password-reset.entity';
import { Invitation } from './invitation.entity';
import { User } from './user.entity';
import { normaliseEmail } from './password';
import { endSessionsOf } from './users-query';
import { recordAudit } from '../audit/record';
import { publish } from '../domain-events';

/** How long a password-reset link works. */
export const RESET_LINK_MINUTES = 60;
/**
 * Links one person can be sent in an hour. Anyone may type anyone's address into the form: past this the
 * form still answers the same, but the person's mailbox is not flooded (and their latest link keeps working).
 */
export const MAX_RESET_LINKS_PER_HOUR = 5;

const sha256 = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

// manager.query returns [rows, affected] for INSERT/UPDATE … RETURNING on PostgreSQL, rows alone on some drivers
const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) && Array.isArray(r[0]) ? r[0] : (r as T[]));

/**
 * Someone asked for a password-reset link for `email`. An active account gets a new link (the older ones
 * stop working) and the mail with it, through `user.passwordResetRequested`; an unknown or inactive address
 * gets nothing. Returns nothing: whoever asked learns nothing either way (the route answers before calling
 * this). The same three statements run for any address, with an id that matches no row when there is no
 * account, so not even the database's work differs until there is a letter to write.
 */
export async function requestPasswordReset(m: EntityManager, email: string, now = new Date()): Promise<void> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + RESET_LINK_MINUTES * 60_000);
  // The person's row stays locked to the end of the transaction: requests for one account go one at a time,
  // so each counts the links the one before it made (parallel ones cannot all slip under the cap).
  const found: Array<{ id: number }> = await m.query(`SELECT id FROM app_user WHERE email = $1 FOR NO KEY UPDATE`, [normaliseEmail(email)]);
  const userId = found[0]?.id ?? 0;
  // the new link, only for an active account under its hourly cap
  const inserted = rowsOf<{ id: number }>(
    await m.query(
      `INSERT INTO password_reset (user_id, token_hash, expires_at, created_at)
       SELECT u.id, $2::text, $3::timestamptz, $4::timestamptz FROM app_user u
        WHERE u.id = $1 AND u.active
          AND (SELECT count(*) FROM password_reset r WHERE r.user_id = u.id AND r.created_at > $5::timestamptz) < $6::int
       RETURNING id`,
      [userId, sha256(token), expiresAt, now, new Date(now.getTime() - 3_600_000), MAX_RESET_LINKS_PER_HOUR],
    ),
  );
  const resetId = inserted[0]?.id ?? 0;
  // Older links stop working: those with a smaller id. No new link (resetId 0) → no row matches.
  await m.query(`UPDATE password_reset SET used_at = $3 WHERE user_id = $1 AND used_at IS NULL AND id < $2`, [userId, resetId, now]);
  if (resetId) await publish(m, 'user.passwordResetRequested', { userId, resetId, token, expiresAt, at: now });
}

export type ResetLinkState = { state: 'valid'; reset: PasswordReset; user: User } | { state: 'expired' | 'used' | 'unknown' };

/** What a password-reset link is now: usable, or why not. A deactivated account's link is as good as unknown. */
export async function findPasswordReset(m: EntityManager, token: string, now = new Date()): Promise<ResetLinkState> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: 'unknown' };
  const reset = await m.findOne(PasswordReset, { where: { tokenHash: sha256(token) } });
  if (!reset) return { state: 'unknown' };
  if (reset.usedAt) return { state: 'used' };
  if (reset.expiresAt <= now) return { state: 'expired' };
  const user = await m.findOne(User, { where: { id: reset.userId } });
  if (!user || !user.active) return { state: 'unknown' };
  return { state: 'valid', reset, user };
}

/**
 * Sets a new password through a valid link and spends it. The UPDATE … WHERE used_at IS NULL makes the link
 * usable once even when two requests race. Afterwards nothing that worked before still works: every session
 * of the person ends (in every app process), their other reset links and any unused invitation stop working,
 * and a failed-sign-in lockout is lifted (the person has just proved they own the mailbox). `passwordHash`
 * is hashed by the caller, before the transaction, so argon2 does not hold it open.
 */
export async function completePasswordReset(m: EntityManager, token: string, passwordHash: string, now = new Date()): Promise<ResetLinkState> {
  const found = await findPasswordReset(m, token, now);
  if (found.state !== 'valid') return found;
  const spent = await m.update(PasswordReset, { id: found.reset.id, usedAt: IsNull() }, { usedAt: now });
  if (!spent.affected) return { state: 'used' };
  const userId = found.user.id;
  await m.update(PasswordReset, { userId, usedAt: IsNull() }, { usedAt: now });
  await m.update(Invitation, { userId, usedAt: IsNull() }, { usedAt: now });
  await m.update(User, { id: userId }, { passwordHash, failedLogins: 0, lockedUntil: null });
  await endSessionsOf(m, userId);
  await recordAudit(m, { actorId: userId, entity: 'user', entityId: userId, action: 'password.reset' });
  return found;
}
