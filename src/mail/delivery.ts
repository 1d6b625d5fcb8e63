import type { DataSource } from 'typeorm';
import { moveMail, moveMails, scheduleRetry } from './lifecycle';
import { classifySmtpError, type MailTransport } from './transport';
import { QUEUED_SQL } from './statuses';

/** How temporary failures are retried: a growing pause, for a limited time after the message was queued. */
export interface RetryPolicy {
  /** the pause after the first failed attempt; each next one doubles it */
  firstDelayMs: number;
  /** the longest pause between two attempts */
  maxDelayMs: number;
  /** how long after queueing the mailer keeps trying; then the message fails */
  windowMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { firstDelayMs: 60_000, maxDelayMs: 60 * 60_000, windowMs: 24 * 60 * 60_000 };

/**
 * When to try again after `attempts` failed attempts (1 = the first failed), or null when the retry window
 * is over. The last attempt falls on the end of the window itself, so a server that is back by then still
 * gets the message: 1, 2, 4 … minutes, then hourly, for 24 hours.
 */
export function nextAttemptAt(policy: RetryPolicy, attempts: number, queuedAt: Date, now: Date): Date | null {
  const deadline = queuedAt.getTime() + policy.windowMs;
  if (now.getTime() >= deadline) return null;
  const delay = Math.min(policy.firstDelayMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30), policy.maxDelayMs);
  return new Date(Math.min(now.getTime() + delay, deadline));
}

/** A message taken from the queue for one attempt. */
export interface ClaimedMail {
  id: number;
  toEmail: string;
  toName: string | null;
  language: string;
  subject: string;
  text: string;
  html: string;
  attempts: number;
  queuedAt: Date;
}

/**
 * Takes up to `limit` due messages for one attempt each. One statement: rows another process is taking at
 * the same moment are skipped (SKIP LOCKED), and a taken row's next attempt is pushed past the lease, so
 * nobody else takes it while it is being sent; if this process dies mid-send, the lease runs out and the
 * message is taken again. The attempt count rises now, so a stale claim cannot settle it later.
 */
export async function claimDueMail(ds: DataSource, limit: number, leaseMs: number): Promise<ClaimedMail[]> {
  // The due rows are picked once, in a materialised CTE: as `id IN (subquery)` the planner may run the
  // subquery again and again, each time skipping the rows this very statement has just locked (PGlite does),
  // and so take every due message instead of `limit`.
  const [rows]: [ClaimedMail[], number] = await ds.query(
    `WITH due AS MATERIALIZED (
       SELECT id FROM mail_message WHERE ${QUEUED_SQL} AND next_attempt_at <= now()
        ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
     UPDATE mail_message SET attempts = attempts + 1, next_attempt_at = now() + $2 * interval '1 millisecond'
       FROM due WHERE mail_message.id = due.id
     RETURNING mail_message.id, to_email AS "toEmail", to_name AS "toName", language, subject, text, html, attempts, queued_at AS "queuedAt"`,
    [limit, leaseMs],
  );
  return rows;
}

export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'lost';

/**
 * Sends the claimed messages, `concurrency` at a time, and writes each outcome through the lifecycle: a
 * temporary failure is retried later (or fails once the retry window is over), a permanent one fails with the
 * server's answer, at once; the delivered ones are marked sent together when the round ends (one statement, not
 * one per message). `lost`: the claim had lapsed and another process settled the message meanwhile.
 */
export async function deliverClaimed(
  ds: DataSource,
  transport: MailTransport,
  from: string,
  claimed: ClaimedMail[],
  options: { retry: RetryPolicy; concurrency: number; onOutcome?: (outcome: DeliveryOutcome, id: number) => void },
): Promise<void> {
  const delivered: ClaimedMail[] = [];
  let next = 0;
  const lane = async () => {
    while (next < claimed.length) {
      const mail = claimed[next++];
      try {
        await transport.send({ id: mail.id, from, to: { email: mail.toEmail, name: mail.toName }, subject: mail.subject, text: mail.text, html: mail.html, language: mail.language });
        delivered.push(mail);
      } catch (err) {
        options.onOutcome?.(await settleFailure(ds, mail, err, options.retry), mail.id);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, claimed.length) }, lane));
  const sent = await moveMails(ds.manager, delivered.map((d) => ({ id: d.id, claimedAttempts: d.attempts })), 'deliver');
  for (const d of delivered) options.onOutcome?.(sent.has(d.id) ? 'sent' : 'lost', d.id);
}

async function settleFailure(ds: DataSource, mail: ClaimedMail, err: unknown, retry: RetryPolicy): Promise<DeliveryOutcome> {
  const failure = classifySmtpError(err);
  const at = failure.permanent ? null : nextAttemptAt(retry, mail.attempts, new Date(mail.queuedAt), new Date());
  if (at) return (await scheduleRetry(ds.manager, mail.id, at, failure.message, mail.attempts)) ? 'retry' : 'lost';
  const lastError = failure.permanent ? failure.message : `${failure.message} (given up after ${spelledDuration(retry.windowMs)} of retries)`;
  return (await moveMail(ds.manager, mail.id, 'fail', { claimedAttempts: mail.attempts, lastError })) ? 'failed' : 'lost';
}

/** Without a mail server, queued messages are kept as «not sent» (readable in the outbox); returns how many. */
export async function keepDueMailUnsent(ds: DataSource, limit: number): Promise<number> {
  const rows: Array<{ id: number }> = await ds.query(`SELECT id FROM mail_message WHERE ${QUEUED_SQL} ORDER BY id LIMIT $1`, [limit]);
  return (await moveMails(ds.manager, rows, 'keepUnsent')).size;
}

const spelledDuration = (ms: number) => (ms >= 3_600_000 ? `${Math.round(ms / 3_600_000)} h` : ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`);
