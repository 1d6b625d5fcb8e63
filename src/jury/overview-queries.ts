import type { EntityManager } from 'typeorm';
import type { Cycle } from '../cycles/cycle.entity';
import { buildMatrix } from './matrix';
import { matrixFacts } from './matrix-queries';
import { coverageGaps, type CoverageGaps } from './coverage';
import { statusIn } from '../nominations/statuses';

/** How far a category's jury is set up and has got: the counts the cycle's jury overview shows. */
export interface CategoryJurySummary {
  id: number;
  name: string;
  criteria: number;
  jurors: number;
  chairName: string | null;
  mode: 'all' | 'k' | null;
  k: number | null;
  accepted: number;
  assignments: number;
  submitted: number;
}

/**
 * One row per category of the cycle, in page order; assignments and scorecards of accepted nominations only.
 * Each count is one grouped pass over the cycle's rows joined to its categories, instead of five
 * subqueries run again for every category.
 */
export async function cycleJurySummary(m: EntityManager, cycleId: number): Promise<CategoryJurySummary[]> {
  return m.query(
    `WITH criteria AS (
            SELECT cr.category_id, count(*)::int AS n
              FROM criterion cr JOIN category k ON k.id = cr.category_id WHERE k.cycle_id = $1 GROUP BY cr.category_id),
          members AS (
            SELECT p.category_id, count(*)::int AS n
              FROM panel_member pm JOIN panel p ON p.id = pm.panel_id JOIN category k ON k.id = p.category_id
             WHERE k.cycle_id = $1 GROUP BY p.category_id),
          accepted AS (
            SELECT n.category_id, count(*)::int AS n
              FROM nomination n JOIN category k ON k.id = n.category_id
             WHERE k.cycle_id = $1 AND ${statusIn('underJudging')} GROUP BY n.category_id),
          work AS (
            SELECT n.category_id, count(*)::int AS assignments, count(*) FILTER (WHERE s.status = 'submitted')::int AS submitted
              FROM nomination n JOIN category k ON k.id = n.category_id JOIN assignment a ON a.nomination_id = n.id
              LEFT JOIN scorecard s ON s.juror_id = a.juror_id AND s.nomination_id = a.nomination_id
             WHERE k.cycle_id = $1 AND ${statusIn('underJudging')} GROUP BY n.category_id)
     SELECT k.id, k.name, COALESCE(cr.n, 0) AS criteria, COALESCE(mb.n, 0) AS jurors,
            ch.full_name AS "chairName", p.assignment_mode AS mode, p.jurors_per_nomination AS k,
            COALESCE(ac.n, 0) AS accepted, COALESCE(w.assignments, 0) AS assignments, COALESCE(w.submitted, 0) AS submitted
       FROM category k LEFT JOIN panel p ON p.category_id = k.id LEFT JOIN app_user ch ON ch.id = p.chair_id
       LEFT JOIN criteria cr ON cr.category_id = k.id LEFT JOIN members mb ON mb.category_id = k.id
       LEFT JOIN accepted ac ON ac.category_id = k.id LEFT JOIN work w ON w.category_id = k.id
      WHERE k.cycle_id = $1 ORDER BY k.sort_order, k.id`,
    [cycleId],
  );
}

/**
 * What judging needs per category before it can start (criteria, jurors, assignments), keyed by category
 * id; read by the cycle's phase facts for the screening → judging precondition.
 */
export async function juryReadiness(m: EntityManager, cycleId: number): Promise<Map<number, { criteria: number; jurors: number; assignments: number }>> {
  const rows = await cycleJurySummary(m, cycleId);
  return new Map(rows.map((r) => [r.id, { criteria: r.criteria, jurors: r.jurors, assignments: r.assignments }]));
}

/**
 * The nominations lacking jurors or scores in each category of the cycle, keyed by category id: the same
 * list the panel and matrix pages show, read through the same matrix (a handful of queries per category).
 */
export async function cycleCoverage(m: EntityManager, cycle: Pick<Cycle, 'id' | 'name' | 'status' | 'judgingStart' | 'judgingEnd' | 'blindJudging'>, categories: Array<{ id: number; name: string }>): Promise<Map<number, CoverageGaps>> {
  const out = new Map<number, CoverageGaps>();
  for (const c of categories) {
    const head = { id: c.id, name: c.name, cycleId: cycle.id, cycleName: cycle.name, cycleStatus: cycle.status, judgingStart: cycle.judgingStart, judgingEnd: cycle.judgingEnd, blindJudging: cycle.blindJudging };
    out.set(c.id, coverageGaps(buildMatrix(await matrixFacts(m, head), new Date())));
  }
  return out;
}

/** How many scorecards of the cycle's assignments are not submitted yet, of how many: the warning before judging closes. */
export async function missingScorecards(m: EntityManager, cycleId: number): Promise<{ missing: number; assigned: number }> {
  const rows = await cycleJurySummary(m, cycleId);
  const assigned = rows.reduce((s, r) => s + r.assignments, 0);
  return { missing: assigned - rows.reduce((s, r) => s + r.submitted, 0), assigned };
}

/** The line the cycle's «close judging» confirmation shows when scorecards are still missing; null when none is. */
export async function closeJudgingWarning(m: EntityManager, cycleId: number): Promise<{ key: string; params: { count: number; assigned: number } } | null> {
  const { missing, assigned } = await missingScorecards(m, cycleId);
  return missing > 0 ? { key: 'juryAdmin.phaseWarning.missing', params: { count: missing, assigned } } : null;
}
