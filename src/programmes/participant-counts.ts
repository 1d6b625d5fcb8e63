import type { EntityManager } from 'typeorm';
import { participantStatusIn } from './participant-statuses';

/** A track's places as the admin follows them: held for good, offered and awaiting an answer, and still free. */
export interface PlaceCounts {
  places: number;
  confirmed: number;
  offered: number;
  free: number;
}

/** The counts of every track of a programme, by track id, in one query. */
export async function placeCountsOf(m: EntityManager, cycleId: number): Promise<Map<number, PlaceCounts>> {
  const rows: Array<{ id: number; places: number; confirmed: number; offered: number }> = await m.query(
    `SELECT t.id, t.places,
            count(p.id) FILTER (WHERE ${participantStatusIn('holding')})::int AS confirmed,
            count(p.id) FILTER (WHERE ${participantStatusIn('pending')})::int AS offered
       FROM track t LEFT JOIN participant p ON p.track_id = t.id
      WHERE t.cycle_id = $1 GROUP BY t.id`,
    [cycleId],
  );
  return new Map(rows.map((r) => [r.id, { places: r.places, confirmed: r.confirmed, offered: r.offered, free: Math.max(0, r.places - r.confirmed - r.offered) }]));
}
