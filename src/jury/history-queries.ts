import type { EntityManager } from 'typeorm';
import { FULL_NAME_SQL } from '../nominations/screening-queries';

/** A scorecard as the admin reads it: who scored whom, its current values and every earlier version. */
export interface ScorecardHistory {
  card: {
    id: number;
    status: 'draft' | 'submitted';
    comment: string;
    weightedTotal: number | null;
    submittedAt: Date | null;
    updatedAt: Date;
    jurorName: string;
    nominationId: number;
    nomineeName: string;
    categoryId: number;
    categoryName: string;
    cycleName: string;
  };
  criteria: Array<{ id: number; name: string; weight: number; scaleMin: number; scaleMax: number }>;
  current: Record<string, number>;
  versions: Array<{ changedAt: Date; changedByName: string; previousStatus: string; previousScores: Record<string, number>; previousComment: string }>;
}

export async function scorecardHistory(m: EntityManager, scorecardId: number): Promise<ScorecardHistory | null> {
  const [card] = await m.query(
    `SELECT s.id, s.status, s.comment, s.weighted_total AS "weightedTotal", s.submitted_at AS "submittedAt", s.updated_at AS "updatedAt",
            u.full_name AS "jurorName", n.id AS "nominationId", ${FULL_NAME_SQL} AS "nomineeName",
            k.id AS "categoryId", k.name AS "categoryName", c.name AS "cycleName"
       FROM scorecard s JOIN app_user u ON u.id = s.juror_id JOIN nomination n ON n.id = s.nomination_id
       JOIN nominee ne ON ne.id = n.nominee_id JOIN category k ON k.id = n.category_id JOIN cycle c ON c.id = n.cycle_id
      WHERE s.id = $1`,
    [scorecardId],
  );
  if (!card) return null;
  const [criteria, scores, versions] = await Promise.all([
    m.query(
      `SELECT id, name, weight, scale_min AS "scaleMin", scale_max AS "scaleMax" FROM criterion WHERE category_id = $1 ORDER BY sort_order, id`,
      [card.categoryId],
    ),
    m.query(`SELECT criterion_id AS "criterionId", value FROM score WHERE scorecard_id = $1`, [scorecardId]),
    m.query(
      `SELECT h.changed_at AS "changedAt", u.full_name AS "changedByName", h.previous_status AS "previousStatus",
              h.previous_scores AS "previousScores", h.previous_comment AS "previousComment"
         FROM score_history h JOIN app_user u ON u.id = h.changed_by_id WHERE h.scorecard_id = $1 ORDER BY h.changed_at DESC, h.id DESC`,
      [scorecardId],
    ),
  ]);
  const current = Object.fromEntries(scores.map((s: { criterionId: number; value: number }) => [String(s.criterionId), s.value]));
  return { card, criteria, current, versions };
}
