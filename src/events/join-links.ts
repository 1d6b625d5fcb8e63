import type { DataSource } from 'typeorm';
import { publish } from '../domain-events/bus';
import { registrationStatusIn } from './registration-statuses';

/** How long before the start the joining link goes out. */
export const JOIN_LINK_LEAD_MS = 24 * 3_600_000;

/**
 * The periodic task `events.join-links`: confirmed registrants of online and hybrid events starting within a
 * day are mailed the joining link, once each. Each registration is marked (joinLinkSentAt) in the transaction
 * that enqueues its letter, and the letter's idempotency key is the registration's, so a run that overlaps
 * another, or is retried, sends nothing twice.
 */
export async function sendDueJoinLinks(ds: DataSource, now: Date): Promise<number> {
  return ds.transaction(async (m) => {
    const due: Array<{ id: number; event_id: number }> = await m.query(
      `WITH due AS (UPDATE registration r SET join_link_sent_at = $1
         FROM event e
        WHERE e.id = r.event_id AND e.format IN ('online', 'hybrid') AND e.join_url <> ''
          AND e.starts_at > $1 AND e.starts_at <= $2 AND r.join_link_sent_at IS NULL AND ${registrationStatusIn('seated')}
        RETURNING r.id, r.event_id)
       SELECT id, event_id FROM due ORDER BY id`,
      [now, new Date(now.getTime() + JOIN_LINK_LEAD_MS)],
    );
    for (const r of due) await publish(m, 'registration.joinLinkReleased', { registrationId: r.id, eventId: r.event_id, at: now });
    return due.length;
  });
}
