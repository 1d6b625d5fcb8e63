import type { EntityManager } from 'typeorm';
import { statusIn } from '../../nominations/statuses';
import { automaticConflict } from '../../jury/conflict-rules';
import type { Outstanding } from './schedule';

/**
 * Who still has something to do in a cycle, and how much: what the reminders are about, and the broadcast's
 * group «jurors who have not finished». Only active people: a deactivated account gets no mail.
 */

export interface Person extends Outstanding {
  fullName: string;
}

/**
 * Officers whose municipality has drafts in the cycle, with the number of drafts. Drafts belong to the
 * municipality (any of its officers may finish one: see nominations/scope.ts), so each of its officers is told.
 */
export async function officersWithDrafts(m: EntityManager, cycleId: number): Promise<Person[]> {
  return m.query(
    `SELECT u.id AS "userId", u.full_name AS "fullName", count(*)::int AS "left"
       FROM nomination n JOIN app_user u ON u.municipality_id = n.municipality_id AND u.role = 'officer' AND u.active
      WHERE n.cycle_id = $1 AND ${statusIn('unsent')}
      GROUP BY u.id, u.full_name ORDER BY u.full_name, u.id`,
    [cycleId],
  );
}

/**
 * Jurors with nominations of the cycle still to score: assigned, under judging, not recused, not in an automatic
 * conflict (the juror cannot open those: nominations/scope.ts), and without a submitted scorecard.
 */
export async function jurorsWithUnscored(m: EntityManager, cycleId: number): Promise<Person[]> {
  const rows: Array<{ userId: number; fullName: string; jurorMunicipalityId: number | null; jurorInstitution: string | null; nominationId: number; municipalityId: number; institution: string }> = await m.query(
    `SELECT u.id AS "userId", u.full_name AS "fullName", u.municipality_id AS "jurorMunicipalityId", u.institution AS "jurorInstitution",
            n.id AS "nominationId", n.municipality_id AS "municipalityId", ne.institution
       FROM assignment a
       JOIN nomination n ON n.id = a.nomination_id
       JOIN nominee ne ON ne.id = n.nominee_id
       JOIN app_user u ON u.id = a.juror_id AND u.active
      WHERE n.cycle_id = $1 AND ${statusIn('underJudging')}
        AND NOT EXISTS (SELECT 1 FROM conflict x WHERE x.juror_id = a.juror_id AND x.nomination_id = a.nomination_id AND x.kind = 'declared')
        AND NOT EXISTS (SELECT 1 FROM scorecard s WHERE s.juror_id = a.juror_id AND s.nomination_id = a.nomination_id AND s.status = 'submitted')
      ORDER BY u.full_name, u.id`,
    [cycleId],
  );
  const people = new Map<number, Person>();
  for (const r of rows) {
    const juror = { id: r.userId, municipalityId: r.jurorMunicipalityId, institution: r.jurorInstitution };
    if (automaticConflict(juror, { id: r.nominationId, municipalityId: r.municipalityId, institution: r.institution })) continue;
    const person = people.get(r.userId) ?? { userId: r.userId, fullName: r.fullName, left: 0 };
    person.left += 1;
    people.set(r.userId, person);
  }
  return [...people.values()];
}
