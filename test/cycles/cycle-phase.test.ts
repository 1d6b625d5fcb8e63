import { useTestApp } from '../support/harness';
import { auditOf, cycleRow, insertCategory, insertCycle, insertNomination, makeJuryReady } from '../support/cycle-fixtures';
import { moveCyclePhase } from '../../src/cycles/cycle-phase';
import { gatherPhaseFacts } from '../../src/cycles/phase-facts';
import { getCycle } from '../../src/cycles/cycles-query';

describe('a phase move in the database', () => {
  const t = useTestApp();
  const adminId = async () => (await t.ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`))[0].id as number;

  it('gathers the facts: categories in page order and nominations by status, per category and in all', async () => {
    const id = await insertCycle(t.ds, { status: 'screening' });
    const second = await insertCategory(t.ds, id, 'Второй', 2);
    const first = await insertCategory(t.ds, id, 'Первый', 1);
    await insertNomination(t.ds, id, first, 'accepted');
    await insertNomination(t.ds, id, first, 'submitted');
    await insertNomination(t.ds, id, second, 'accepted');
    await insertNomination(t.ds, id, null, 'draft');
    const now = new Date('2026-01-01T00:00:00Z');
    const facts = await gatherPhaseFacts(t.ds.manager, (await getCycle(t.ds.manager, id))!, now);
    expect(facts).toEqual({
      status: 'screening',
      kind: 'award',
      tracks: 0,
      now,
      nominationsStart: new Date('2030-02-01T06:00:00Z'),
      nominationsEnd: new Date('2030-03-01T20:59:00Z'),
      judgingEnd: null,
      categories: [
        { id: first, name: 'Первый', nominations: { accepted: 1, submitted: 1 }, jury: { criteria: 0, jurors: 0, assignments: 0 } },
        { id: second, name: 'Второй', nominations: { accepted: 1 }, jury: { criteria: 0, jurors: 0, assignments: 0 } },
      ],
      nominations: { accepted: 2, submitted: 1, draft: 1 },
    });
  });

  it('lets only one of two admins confirming the same move at once succeed', async () => {
    const id = await insertCycle(t.ds, { status: 'judging' });
    const actor = await adminId();
    const results = await Promise.all([1, 2].map(() => t.ds.transaction((m) => moveCyclePhase(m, id, 'deliberation', 1, actor))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, stale: true }]);
    expect(await cycleRow(t.ds, id)).toMatchObject({ status: 'deliberation', version: 2 });
    expect(await auditOf(t.ds, 'cycle', id)).toHaveLength(1);
  });

  it('checks the preconditions on the facts inside its own transaction', async () => {
    const id = await insertCycle(t.ds, { status: 'screening' });
    const category = await insertCategory(t.ds, id, 'Единственная');
    await insertNomination(t.ds, id, category, 'accepted');
    const late = await insertNomination(t.ds, id, category, 'submitted');
    await makeJuryReady(t.ds, category);
    const result = await t.ds.transaction((m) => moveCyclePhase(m, id, 'judging', 1, 1));
    expect(result).toEqual({ ok: false, problems: [{ key: 'cycles.phase.problem.awaitingDecision', params: { count: 1 } }] });
    await t.ds.query(`UPDATE nomination SET status = 'rejected' WHERE id = $1`, [late]);
    expect(await t.ds.transaction((m) => moveCyclePhase(m, id, 'judging', 1, 1))).toEqual({ ok: true, from: 'screening', to: 'judging' });
  });
});
