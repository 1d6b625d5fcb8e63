import type { EntityManager } from 'typeorm';
import type { Cycle } from './cycle.entity';
import type { NominationStatus } from '../nominations/nomination.entity';
import type { CategoryFacts, PhaseFacts, StatusCounts } from './phases';
import { juryReadiness } from '../jury/overview-queries';
import { unapprovedRankingsOf } from '../programmes/allocation-query';
import { pendingOffersOf } from '../programmes/offers-query';

type CycleState = Pick<Cycle, 'id' | 'status' | 'nominationsStart' | 'nominationsEnd' | 'judgingEnd'> & Partial<Pick<Cycle, 'kind'>>;

/** Reads what the phase rules (phases.ts) look at, for one cycle, in four small queries. */
export async function gatherPhaseFacts(m: EntityManager, cycle: CycleState, now: Date = new Date()): Promise<PhaseFacts> {
  const categoryRows: Array<{ id: number; name: string }> = await m.query(
    `SELECT id, name FROM category WHERE cycle_id = $1 ORDER BY sort_order, id`,
    [cycle.id],
  );
  const countRows: Array<{ category_id: number | null; status: NominationStatus; n: number }> = await m.query(
    `SELECT category_id, status, count(*)::int AS n FROM nomination WHERE cycle_id = $1 GROUP BY category_id, status`,
    [cycle.id],
  );
  const jury = await juryReadiness(m, cycle.id);
  const [{ tracks }]: Array<{ tracks: number }> = await m.query(`SELECT count(*)::int AS tracks FROM track WHERE cycle_id = $1`, [cycle.id]);
  // what only a programme's moves ask: its allocations' approval and the offers still awaiting an answer
  const programme = cycle.kind === 'programme' ? { unapprovedRankings: await unapprovedRankingsOf(m, cycle.id), pendingOffers: await pendingOffersOf(m, cycle.id) } : {};
  const categories: CategoryFacts[] = categoryRows.map((c) => ({ id: c.id, name: c.name, nominations: {}, jury: jury.get(c.id) }));
  const byId = new Map(categories.map((c) => [c.id, c]));
  const nominations: StatusCounts = {};
  for (const row of countRows) {
    nominations[row.status] = (nominations[row.status] ?? 0) + row.n;
    const category = row.category_id === null ? undefined : byId.get(row.category_id);
    if (category) category.nominations[row.status] = (category.nominations[row.status] ?? 0) + row.n;
  }
  return {
    status: cycle.status,
    kind: cycle.kind ?? 'award',
    now,
    nominationsStart: cycle.nominationsStart,
    nominationsEnd: cycle.nominationsEnd,
    judgingEnd: cycle.judgingEnd,
    categories,
    tracks,
    nominations,
    ...programme,
  };
}
