import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import { requeueMail } from './outbox';
import type { MailStatus } from './statuses';

export type ResendOutcome = { ok: true } | { ok: false; notFound: true } | { ok: false; status: MailStatus };

/**
 * The admin sends a message again: a failed or kept-unsent message goes back to the queue (attempts start
 * over), and the audit log keeps who did it. Call inside a transaction. A message in another status (sent,
 * or still queued) is left as it is, and the outcome says which status that is.
 */
export async function resendMail(m: EntityManager, messageId: number, actorId: number): Promise<ResendOutcome> {
  // the row is locked first, so the status recorded is the one the move started from
  const [message]: Array<{ status: MailStatus; kind: string; cycleId: number | null; toEmail: string }> = await m.query(
    `SELECT status, kind, cycle_id AS "cycleId", to_email AS "toEmail" FROM mail_message WHERE id = $1 FOR UPDATE`,
    [messageId],
  );
  if (!message) return { ok: false, notFound: true };
  if (!(await requeueMail(m, messageId))) return { ok: false, status: message.status };
  // the statuses go in data, not from/to: the log labels states of the things it lists (audit-view.ts), and a message is not one of them
  await recordAudit(m, {
    actorId,
    entity: 'mail',
    entityId: messageId,
    action: 'mail.resent',
    cycleId: message.cycleId,
    data: { kind: message.kind, to: message.toEmail, previousStatus: message.status },
  });
  return { ok: true };
}
