import type { EntityManager } from 'typeorm';
import { participantStatusIn } from './participant-statuses';

/** How many offers of the programme's places still await an answer (the phase rule before training reads it). */
export async function pendingOffersOf(m: EntityManager, cycleId: number): Promise<number> {
  const [row]: Array<{ n: number }> = await m.query(
    `SELECT count(*)::int AS n FROM participant p JOIN track t ON t.id = p.track_id WHERE t.cycle_id = $1 AND ${participantStatusIn('pending', 'p')}`,
    [cycleId],
  );
  return row.n;
}
