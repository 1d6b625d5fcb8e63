import type { DataSource } from 'typeorm';
import { participantStatusIn } from './participant-statuses';
import { OFFER_PHASES_SQL } from './confirmation-rules';
import { releasePlace } from './reserve';

/**
 * The periodic task `programmes.offers`: offers left unanswered past their deadline expire, and each place goes
 * to the reserve (reserve.ts). One transaction per offer, so a failure stops one chain, not the sweep. Safe to
 * run twice at once or again: releasePlace locks the allocation and expires only an offer still pending and due.
 * Returns how many offers it expired.
 */
export async function expireDueOffers(ds: DataSource, now: Date): Promise<number> {
  const due: Array<{ id: number }> = await ds.query(
    `SELECT p.id FROM participant p JOIN track t ON t.id = p.track_id JOIN cycle c ON c.id = t.cycle_id
      WHERE ${participantStatusIn('pending', 'p')} AND p.offer_expires_at <= $1 AND c.status IN (${OFFER_PHASES_SQL})
      ORDER BY p.offer_expires_at, p.id`,
    [now],
  );
  let expired = 0;
  for (const { id } of due) {
    const done = await ds.transaction((m) => releasePlace(m, id, 'expire', { actorId: null, now }));
    if (done.ok) expired += 1;
  }
  return expired;
}
