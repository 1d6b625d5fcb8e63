import type { EntityManager } from 'typeorm';
import { subscribeInTransaction } from '../../domain-events/bus';
import { mailUser } from '../outbox';
import { activeOfficers, cycleHead, groupBy } from './audience';
import { FULL_NAME_SQL } from '../../nominations/screening-queries';
import { statusIn } from '../../nominations/statuses';

/**
 * The officers' message when a cycle's results go public: their municipality's nominees and how each did,
 * with the link to the public winners list. Every active officer of a municipality with a placed nominee
 * receives it (the diplomas' links follow in their own letter: certificates.ts).
 */

interface Outcome {
  municipalityId: number;
  fullName: string;
  categoryName: string;
  won: boolean;
  place: number | null;
}

/** The nominations the approved results placed, winners first within each category. */
async function outcomes(m: EntityManager, cycleId: number): Promise<Outcome[]> {
  return m.query(
    `SELECT n.municipality_id AS "municipalityId", ${FULL_NAME_SQL} AS "fullName", k.name AS "categoryName",
            ${statusIn('awarded')} AS won, CASE WHEN ${statusIn('awarded')} THEN n.place END AS place
       FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id JOIN category k ON k.id = n.category_id
      WHERE n.cycle_id = $1 AND ${statusIn('placed')}
      ORDER BY k.sort_order, k.id, ${statusIn('awarded')} DESC, n.place NULLS LAST, ne.last_name, ne.first_name, n.id`,
    [cycleId],
  );
}

const outcomeKey = (o: Outcome) => `mail.results_published.${!o.won ? 'notAwarded' : o.place ? 'winner' : 'winnerNoPlace'}`;

subscribeInTransaction('results.published', async (e, m) => {
  const cycle = await cycleHead(m, e.cycleId);
  if (!cycle) return;
  const byMunicipality = groupBy(await outcomes(m, e.cycleId), (o) => o.municipalityId);
  const officers = await activeOfficers(m, [...byMunicipality.keys()]);
  for (const [municipalityId, nominees] of byMunicipality) {
    for (const officerId of officers.get(municipalityId) ?? []) {
      await mailUser(m, officerId, {
        kind: 'results_published',
        // keyed by the publication's moment: publishing again after a correction is news, hearing the same publication twice is not
        idempotencyKey: `results_published:cycle:${e.cycleId}:at:${e.at.getTime()}:officer:${officerId}`,
        cycleId: e.cycleId,
        data: {
          cycleName: cycle.name,
          winnersPath: `/cycles/${cycle.slug}/winners`,
          nominees: nominees.map((o) => ({ fullName: o.fullName, categoryName: o.categoryName, won: o.won, place: o.place, outcomeKey: outcomeKey(o) })),
          winners: nominees.filter((o) => o.won).length,
        },
      });
    }
  }
});
