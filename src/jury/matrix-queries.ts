import type { EntityManager } from 'typeorm';
import type { CycleStatus } from '../cycles/cycle.entity';
import { buildMatrix, type Matrix, type MatrixFacts } from './matrix';
import { FULL_NAME_SQL } from '../nominations/screening-queries';
import { statusIn } from '../nominations/statuses';

/** A category with the cycle facts its jury pages show. */
export interface CategoryHead {
  id: number;
  name: string;
  cycleId: number;
  cycleName: string;
  cycleStatus: CycleStatus;
  judgingStart: Date | null;
  judgingEnd: Date | null;
  blindJudging: boolean;
}

export async function categoryHead(m: EntityManager, categoryId: number): Promise<CategoryHead | null> {
  const rows = await m.query(
    `SELECT k.id, k.name, k.cycle_id AS "cycleId", c.name AS "cycleName", c.status AS "cycleStatus",
            c.judging_start AS "judgingStart", c.judging_end AS "judgingEnd", c.blind_judging AS "blindJudging"
       FROM category k JOIN cycle c ON c.id = k.cycle_id WHERE k.id = $1`,
    [categoryId],
  );
  return rows[0] ?? null;
}

/**
 * Everything the progress matrix of a category needs, in six small queries: the jurors (panel members,
 * and anyone still holding an assignment or a recusal here), the accepted nominations, assignments,
 * recusals, scorecard states and the panel's mode. Scores themselves are not read: the matrix shows progress only.
 */
export async function matrixFacts(m: EntityManager, head: CategoryHead): Promise<MatrixFacts> {
  const categoryId = head.id;
  const nominations = await m.query(
    `SELECT n.id, ${FULL_NAME_SQL} AS "fullName", n.municipality_id AS "municipalityId", mu.name AS "municipalityName", ne.institution
       FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id JOIN municipality mu ON mu.id = n.municipality_id
      WHERE n.category_id = $1 AND ${statusIn('underJudging')} ORDER BY ne.last_name, ne.first_name, n.id`,
    [categoryId],
  );
  const ids: number[] = nominations.map((n: { id: number }) => n.id);
  const jurors = await m.query(
    `WITH seats AS (SELECT pm.juror_id, p.chair_id FROM panel_member pm JOIN panel p ON p.id = pm.panel_id WHERE p.category_id = $1),
          involved AS (SELECT juror_id FROM seats
                       UNION SELECT juror_id FROM assignment WHERE nomination_id = ANY($2)
                       UNION SELECT juror_id FROM conflict WHERE kind = 'declared' AND nomination_id = ANY($2))
     SELECT u.id, u.full_name AS "fullName", u.email, u.municipality_id AS "municipalityId", mu.name AS "municipalityName", u.institution,
            EXISTS (SELECT 1 FROM seats s WHERE s.juror_id = u.id) AS member,
            EXISTS (SELECT 1 FROM seats s WHERE s.chair_id = u.id) AS chair, u.active
       FROM app_user u JOIN involved i ON i.juror_id = u.id LEFT JOIN municipality mu ON mu.id = u.municipality_id
      ORDER BY u.full_name, u.id`,
    [categoryId, ids],
  );
  const [panel]: Array<{ mode: 'all' | 'k'; k: number | null }> = await m.query(
    `SELECT assignment_mode AS mode, jurors_per_nomination AS k FROM panel WHERE category_id = $1`,
    [categoryId],
  );
  // one after another: hand changes read the matrix inside their transaction, whose one connection
  // cannot run queries side by side (pg refuses it in its next major version)
  const [assignments, declared, scorecards] = ids.length
    ? [
        await m.query(`SELECT juror_id AS "jurorId", nomination_id AS "nominationId" FROM assignment WHERE nomination_id = ANY($1)`, [ids]),
        await m.query(`SELECT juror_id AS "jurorId", nomination_id AS "nominationId", reason FROM conflict WHERE kind = 'declared' AND nomination_id = ANY($1)`, [ids]),
        await m.query(`SELECT id, juror_id AS "jurorId", nomination_id AS "nominationId", status FROM scorecard WHERE nomination_id = ANY($1)`, [ids]),
      ]
    : [[], [], []];
  return {
    jurors,
    nominations,
    assignments,
    declared,
    scorecards,
    window: { status: head.cycleStatus, judgingStart: head.judgingStart, judgingEnd: head.judgingEnd },
    panel: panel ?? null,
  };
}

/** The matrix of a category as it is now, for the rules that judge a hand change against it; null for an unknown category. */
export async function categoryMatrix(m: EntityManager, categoryId: number, now = new Date()): Promise<Matrix | null> {
  const head = await categoryHead(m, categoryId);
  return head ? buildMatrix(await matrixFacts(m, head), now) : null;
}
