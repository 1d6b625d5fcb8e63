import type { EntityManager } from 'typeorm';
import type { MailKind } from './kinds';
import type { Locale } from '../web/i18n';
import { isLocale, DEFAULT_LOCALE } from '../web/i18n';
import { composeMail, type MailContent } from './compose';
import { mailSettings } from './settings';
import { moveMail } from './lifecycle';
import { initialMailStatus, QUEUED } from './statuses';

export interface MailRequest {
  kind: MailKind;
  to: { userId: number | null; email: string; name: string | null };
  language: Locale;
  /** unique per message ever sent, e.g. `juror_assigned:cycle:5:juror:12:v3`; a second enqueue with the
   *  same key does nothing and returns created:false */
  idempotencyKey: string;
  content: MailContent;
  cycleId?: number | null;
}

/**
 * Enqueues inside the caller's transaction: a rolled-back action sends nothing. The row is the queue entry
 * (the mailer takes queued rows that are due); with no mail server configured it is kept as «not sent» at once.
 */
export async function enqueueMail(m: EntityManager, mail: MailRequest): Promise<{ id: number; created: boolean }> {
  const status = initialMailStatus(mailSettings().smtpUrl !== null);
  const inserted: Array<{ id: number }> = await m.query(
    `INSERT INTO mail_message (kind, recipient_user_id, to_email, to_name, language, subject, text, html, status, idempotency_key, cycle_id, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $12 THEN now() END)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [mail.kind, mail.to.userId, mail.to.email, mail.to.name, mail.language, mail.content.subject, mail.content.text, mail.content.html, status, mail.idempotencyKey, mail.cycleId ?? null, status === QUEUED],
  );
  if (inserted.length) return { id: inserted[0].id, created: true };
  const existing: Array<{ id: number }> = await m.query(`SELECT id FROM mail_message WHERE idempotency_key = $1`, [mail.idempotencyKey]);
  return { id: existing[0].id, created: false };
}

/**
 * Loads the user (email, full name, language, active), composes `kind` in their language with `data`
 * and enqueues; returns null (and sends nothing) for an inactive user.
 */
export async function mailUser(
  m: EntityManager,
  userId: number,
  mail: { kind: MailKind; idempotencyKey: string; data: Record<string, unknown>; cycleId?: number | null },
): Promise<{ id: number; created: boolean } | null> {
  const rows: Array<{ email: string; full_name: string; language: string; active: boolean }> = await m.query(
    `SELECT email, full_name, language, active FROM app_user WHERE id = $1`,
    [userId],
  );
  const user = rows[0];
  if (!user || !user.active) return null;
  const language = isLocale(user.language) ? user.language : DEFAULT_LOCALE;
  const content = composeMail(mail.kind, language, { recipientName: user.full_name, ...mail.data });
  return enqueueMail(m, {
    kind: mail.kind,
    to: { userId, email: user.email, name: user.full_name },
    language,
    idempotencyKey: mail.idempotencyKey,
    content,
    cycleId: mail.cycleId ?? null,
  });
}

/**
 * A failed or not-sent message back to the queue, attempts starting over and due at once; false when it is
 * in another status (sent, or already queued).
 */
export async function requeueMail(m: EntityManager, messageId: number): Promise<boolean> {
  return moveMail(m, messageId, 'requeue');
}
