import type { EntityManager } from 'typeorm';
import { useTestApp } from '../support/harness';
import { createJudgingScene } from '../support/jury-fixtures';
import { createNomination, municipalityId, userId } from '../support/fixtures';
import { Category } from '../../src/cycles/category.entity';
import { runAssignment } from '../../src/jury/assignments';
import { confirmNoConflict } from '../../src/jury/recusal';
import { saveScorecard } from '../../src/jury/scorecards';
import { cycleJurySummary } from '../../src/jury/overview-queries';

/** The counts as the overview used to read them, one correlated subquery per count and category: the reference. */
const REFERENCE = `SELECT k.id, k.name,
        (SELECT count(*)::int FROM criterion cr WHERE cr.category_id = k.id) AS criteria,
        (SELECT count(*)::int FROM panel_member pm WHERE pm.panel_id = p.id) AS jurors,
        ch.full_name AS "chairName", p.assignment_mode AS mode, p.jurors_per_nomination AS k,
        (SELECT count(*)::int FROM nomination n WHERE n.category_id = k.id AND n.status = 'accepted') AS accepted,
        (SELECT count(*)::int FROM assignment a JOIN nomination n ON n.id = a.nomination_id WHERE n.category_id = k.id AND n.status = 'accepted') AS assignments,
        (SELECT count(*)::int FROM assignment a JOIN nomination n ON n.id = a.nomination_id
           JOIN scorecard s ON s.juror_id = a.juror_id AND s.nomination_id = a.nomination_id
          WHERE n.category_id = k.id AND n.status = 'accepted' AND s.status = 'submitted') AS submitted
   FROM category k LEFT JOIN panel p ON p.category_id = k.id LEFT JOIN app_user ch ON ch.id = p.chair_id
  WHERE k.cycle_id = $1 ORDER BY k.sort_order, k.id`;

describe('the cycle\'s jury overview counts', () => {
  const t = useTestApp();
  let scene: Awaited<ReturnType<typeof createJudgingScene>>;

  beforeAll(async () => {
    scene = await createJudgingScene(t.ds);
    const adminId = await userId(t.ds, 'admin@example.org');
    await t.ds.transaction((m) => runAssignment(m, adminId, scene.category.id));
    const juror = scene.jurors[2];
    await t.ds.transaction((m) => confirmNoConflict(m, juror, scene.nominations[0].id));
    const all = Object.fromEntries(scene.criteria.map((c) => [c.id, '7']));
    await t.ds.transaction((m) => saveScorecard(m, juror, scene.nominations[0].id, { scores: all, comment: '' }, 'submit'));
    // a second category with no jury yet, a nomination still submitted, and another cycle's rows beside them
    const empty = await t.ds.getRepository(Category).save({ ...scene.category, id: undefined, name: 'Вторая номинация', sortOrder: 5 } as Partial<Category>);
    await createNomination(t.ds, { cycleId: scene.cycle.id, categoryId: empty.id, municipalityId: await municipalityId(t.ds, 'Химки'), authorId: await userId(t.ds, 'officer@example.org'), status: 'submitted' });
    await createJudgingScene(t.ds);
  });

  it('are the same as one subquery per count and category gave', async () => {
    const rows = await cycleJurySummary(t.ds.manager, scene.cycle.id);
    expect(rows).toEqual(await t.ds.query(REFERENCE, [scene.cycle.id]));
    expect(rows.map((r) => [r.name, r.criteria, r.jurors, r.accepted, r.assignments, r.submitted])).toEqual([
      [scene.category.name, 3, 3, 4, rows[0].assignments, 1],
      ['Вторая номинация', 0, 0, 0, 0, 0],
    ]);
    expect(rows[0].assignments).toBeGreaterThan(4);
  });

  it('are read in one pass per count over the cycle, with no subquery run again for each category', async () => {
    const seen: string[] = [];
    const recording = { query: (sql: string, params: unknown[]) => (seen.push(sql), t.ds.query(sql, params)) } as unknown as EntityManager;
    await cycleJurySummary(recording, scene.cycle.id);
    expect(seen).toHaveLength(1);
    const [plan] = await t.ds.query(`EXPLAIN (FORMAT JSON) ${seen[0]}`, [scene.cycle.id]);
    expect(JSON.stringify(plan)).not.toContain('SubPlan');
  });
});
