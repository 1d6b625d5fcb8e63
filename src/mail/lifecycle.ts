import type { EntityManager } from 'typeorm';
import { MAIL_MOVES, QUEUED, type MailMove } from './statuses';

/** What a move writes besides the status. */
export interface MailMoveFields {
  /** the error of the last attempt (null clears it) */
  lastError?: string | null;
  /** the attempt count the caller claimed the message at: a move by a process whose claim expired is refused */
  claimedAttempts?: number;
}

const SET: Record<MailMove, string> = {
  deliver: `sent_at = now(), next_attempt_at = NULL, last_error = NULL`,
  fail: `next_attempt_at = NULL, last_error = $5`,
  keepUnsent: `next_attempt_at = NULL`,
  requeue: `attempts = 0, queued_at = now(), next_attempt_at = now(), sent_at = NULL`,
};

/** A message to move, with the attempt count its claim was taken at (null: no claim to hold to). */
export interface MailMoveTarget {
  id: number;
  claimedAttempts?: number | null;
}

/**
 * The one function that changes messages' status. A conditional UPDATE: it moves a message only from a
 * status the move starts from (and, with `claimedAttempts`, only while the caller's claim holds), so two
 * processes never both move it. Many messages move in one statement (the mailer settles a round at once).
 * Returns the ids that moved.
 */
export async function moveMails(m: EntityManager, targets: MailMoveTarget[], move: MailMove, fields: { lastError?: string | null } = {}): Promise<Set<number>> {
  if (!targets.length) return new Set();
  const spec = MAIL_MOVES[move];
  const params: unknown[] = [targets.map((t) => t.id), spec.to, [...spec.from], targets.map((t) => t.claimedAttempts ?? null)];
  if (move === 'fail') params.push(fields.lastError ?? null);
  const [rows]: [Array<{ id: number }>, number] = await m.query(
    `UPDATE mail_message SET status = $2, ${SET[move]}
       FROM unnest($1::int[], $4::int[]) AS target(id, claimed)
      WHERE mail_message.id = target.id AND mail_message.status = ANY($3::text[])
        AND (target.claimed IS NULL OR mail_message.attempts = target.claimed)
      RETURNING mail_message.id`,
    params,
  );
  return new Set(rows.map((r) => r.id));
}

/** moveMails for one message; whether it moved. */
export async function moveMail(m: EntityManager, id: number, move: MailMove, fields: MailMoveFields = {}): Promise<boolean> {
  return (await moveMails(m, [{ id, claimedAttempts: fields.claimedAttempts }], move, fields)).has(id);
}

/**
 * A temporary failure: the message stays queued and is due again at `at`. Not a change of status, but of the
 * same row under the same claim rule, so it lives beside moveMail.
 */
export async function scheduleRetry(m: EntityManager, id: number, at: Date, lastError: string, claimedAttempts: number): Promise<boolean> {
  const [rows]: [Array<{ id: number }>, number] = await m.query(
    `UPDATE mail_message SET next_attempt_at = $2, last_error = $3 WHERE id = $1 AND status = $4 AND attempts = $5 RETURNING id`,
    [id, at, lastError, QUEUED, claimedAttempts],
  );
  return rows.length === 1;
}
