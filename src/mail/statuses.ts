/**
 * The states of an outgoing message, in one place (src/mail/lifecycle.ts performs the moves). Pure and
 * import-free, so the entity's CHECK constraint is built from it too.
 *
 *   queued ──delivered──▶ sent
 *     │ ├──refused for good (5xx) / retried past 24 h──▶ failed ──requeue──▶ queued
 *     │ └──(temporary failure: stays queued, next attempt later)
 *     └──no SMTP server configured──▶ not_sent ──requeue──▶ queued
 */
export const MAIL_STATUSES = ['queued', 'sent', 'failed', 'not_sent'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** Locale keys of each status's label («в очереди», «отправлено», «ошибка», «не отправлено: …»). */
export const MAIL_STATUS_LABEL_KEYS: Readonly<Record<MailStatus, string>> = {
  queued: 'mail.status.queued',
  sent: 'mail.status.sent',
  failed: 'mail.status.failed',
  not_sent: 'mail.status.not_sent',
};

/** Every move a message can make, by name; `from` lists where it may start. */
export const MAIL_MOVES = {
  /** the SMTP server accepted it */
  deliver: { from: ['queued'], to: 'sent' },
  /** refused for good, or temporary failures outlasted the retry window */
  fail: { from: ['queued'], to: 'failed' },
  /** there is no SMTP server to send it to */
  keepUnsent: { from: ['queued'], to: 'not_sent' },
  /** the admin sends it again (attempts start over) */
  requeue: { from: ['failed', 'not_sent'], to: 'queued' },
} as const satisfies Record<string, { from: readonly MailStatus[]; to: MailStatus }>;

export type MailMove = keyof typeof MAIL_MOVES;

export const isMailStatus = (value: unknown): value is MailStatus => typeof value === 'string' && (MAIL_STATUSES as readonly string[]).includes(value);

/** Waiting for the mailer. */
export const QUEUED: MailStatus = 'queued';

/** What a message is created as: queued for the mail server, or kept as not sent when there is none. */
export const initialMailStatus = (mailServerConfigured: boolean): MailStatus => (mailServerConfigured ? QUEUED : 'not_sent');

/** «the message waits in the queue», for the mailer's queries and the partial index of due messages. */
export const QUEUED_SQL = `status = '${QUEUED}'`;

/** May a message in `from` make `move`? */
export const canMoveMail = (move: MailMove, from: MailStatus): boolean => (MAIL_MOVES[move].from as readonly MailStatus[]).includes(from);

const sqlList = (list: readonly string[]) => list.map((s) => `'${s}'`).join(', ');

/** The entity's CHECK constraint (kept byte for byte as the migration wrote it). */
export const MAIL_STATUS_CHECK_SQL = `status IN (${sqlList(MAIL_STATUSES)})`;
