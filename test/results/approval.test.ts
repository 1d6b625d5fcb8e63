import { signIn, useTestApp, type Agent, versionOf } from '../support/harness';
import { adminOf, createResultsScene } from './scene';
import { buildCategoryInput } from '../../src/results/engine-input';
import { computeResults } from '../../src/results/engine';
import { canonicalDigest, canonicalize } from '../../src/results/engine/canonical';
import { saveScorecard } from '../../src/jury/scorecards';
import { createCriterion } from '../../src/jury/criteria';

describe('approving and reopening the results', () => {
  const t = useTestApp();
  let admin: Agent;
  let csrf: string;
  beforeAll(async () => {
    ({ agent: admin, csrf } = await signIn(t.app, 'admin@example.org'));
  });

  const scene = () =>
    createResultsScene(t.ds, {
      municipalities: ['Красногорск', 'Щёлково', 'Балашиха', 'Мытищи'],
      maxWinners: 2,
      cards: [
        [0, 0, [9, 9, 8]], [0, 1, [7, 7, 7]], [0, 2, [6, 5, 6]], [0, 3, [5, 5, 4]],
        [1, 0, [10, 10, 10]], [1, 1, [9, 9, 9]], [1, 2, [9, 8, 9]], [1, 3, [8, 8, 8]],
        [2, 1, [5, 4, 5]], [2, 2, [3, 3, 3]], [2, 3, [2, 3, 2]],
      ],
      recused: [[2, 0]],
    });

  const approve = async (cycleId: number) => {
    const confirm = await admin.get(`/admin/cycles/${cycleId}/results/approve`);
    expect(confirm.status).toBe(200);
    return admin.post(`/admin/cycles/${cycleId}/results/approve`).type('form').send({ _csrf: csrf, version: versionOf(confirm.text) });
  };

  it('freezes a snapshot per category: the input with its SHA-256, the output and the winners; places the winners', async () => {
    const s = await scene();
    const input = (await buildCategoryInput(t.ds.manager, s.category.id))!.input;
    const res = await approve(s.cycle.id);
    expect(res.status).toBe(303);

    const snapshots = await t.ds.query(`SELECT * FROM result_snapshot WHERE category_id = $1`, [s.category.id]);
    expect(snapshots).toHaveLength(1);
    const [snap] = snapshots;
    expect(snap.input).toEqual(JSON.parse(JSON.stringify(input)));
    // the hash is the canonical digest of the frozen input, recomputed here from what was stored
    expect(snap.input_hash).toBe(canonicalDigest(canonicalize(snap.input)).toString('hex'));
    expect(snap.input_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(snap.output).toEqual(JSON.parse(JSON.stringify(computeResults(snap.input))));
    expect(snap.method).toBe('zscore');
    expect(snap.winners).toEqual(snap.output.winners.map(Number));
    expect(snap.approved_by_id).toBe(await adminOf(t.ds));
    expect(snap.superseded_at).toBeNull();

    const nominations = await t.ds.query(`SELECT id, status, place FROM nomination WHERE category_id = $1 ORDER BY id`, [s.category.id]);
    const placeOf = new Map<number, number>(snap.winners.map((id: number, i: number) => [id, i + 1]));
    expect(nominations).toEqual(s.ids.map((id) => ({ id, status: placeOf.has(id) ? 'winner' : 'not_awarded', place: placeOf.get(id) ?? null })));

    const [cycle] = await t.ds.query(`SELECT status, approved_at FROM cycle WHERE id = $1`, [s.cycle.id]);
    expect(cycle.status).toBe('approved');
    expect(cycle.approved_at).not.toBeNull();
    const audit = await t.ds.query(`SELECT entity, action, from_state, to_state FROM audit_event WHERE cycle_id = $1 AND (action = 'nomination.winner' OR action LIKE 'results.%') ORDER BY id`, [s.cycle.id]);
    expect(audit).toEqual(expect.arrayContaining([
      { entity: 'cycle', action: 'results.approved', from_state: 'deliberation', to_state: 'approved' },
      { entity: 'category', action: 'results.approved', from_state: null, to_state: null },
      { entity: 'nomination', action: 'nomination.winner', from_state: 'accepted', to_state: 'winner' },
    ]));
  });

  it('changes no score after approval: the juror is refused and criteria cannot be added', async () => {
    const s = await scene();
    await t.ds.query(`INSERT INTO assignment (juror_id, nomination_id, confirmed_no_conflict_at) VALUES ($1, $2, now())`, [s.jurors[0], s.ids[0]]);
    expect((await approve(s.cycle.id)).status).toBe(303);
    const before = await t.ds.query(`SELECT v.criterion_id, v.value FROM score v JOIN scorecard c ON c.id = v.scorecard_id WHERE c.juror_id = $1 AND c.nomination_id = $2 ORDER BY 1`, [s.jurors[0], s.ids[0]]);
    const scores = Object.fromEntries(s.criteria.map((c) => [String(c.id), '1']));
    const saved = await t.ds.transaction((m) => saveScorecard(m, s.jurors[0], s.ids[0], { scores, comment: 'передумал' }, 'submit'));
    expect(saved.ok).toBe(false);
    const after = await t.ds.query(`SELECT v.criterion_id, v.value FROM score v JOIN scorecard c ON c.id = v.scorecard_id WHERE c.juror_id = $1 AND c.nomination_id = $2 ORDER BY 1`, [s.jurors[0], s.ids[0]]);
    expect(after).toEqual(before);
    const juror = await signIn(t.app, 'juror@example.org');
    const http = await juror.agent.post(`/jury/nominations/${s.ids[0]}/scorecard`).type('form').send({ _csrf: juror.csrf, action: 'submit', ...Object.fromEntries(s.criteria.map((c) => [`score_${c.id}`, '1'])) });
    expect([404, 409]).toContain(http.status);
    const criterion = await t.ds.transaction((m) => createCriterion(m, 1, s.category.id, { name: 'Новый', description: '', weight: 1, scaleMin: 1, scaleMax: 5, rubric: [] }));
    expect(criterion).toMatchObject({ ok: false, problem: 'locked' });
  });

  it('refuses approval at a version the admin did not see', async () => {
    const s = await scene();
    const confirm = await admin.get(`/admin/cycles/${s.cycle.id}/results/approve`);
    await admin.post(`/admin/cycles/${s.cycle.id}/results/method`).type('form').send({ _csrf: csrf, method: 'raw' });
    const res = await admin.post(`/admin/cycles/${s.cycle.id}/results/approve`).type('form').send({ _csrf: csrf, version: versionOf(confirm.text) });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Пока страница была открыта, итоги изменились.');
    expect((await t.ds.query(`SELECT status FROM cycle WHERE id = $1`, [s.cycle.id]))[0].status).toBe('deliberation');
  });

  it('reopens only with a reason: snapshots superseded, places cleared, back to deliberation; a new approval freezes again', async () => {
    const s = await scene();
    expect((await approve(s.cycle.id)).status).toBe(303);
    const confirm = await admin.get(`/admin/cycles/${s.cycle.id}/results/reopen`);
    expect(confirm.text).toContain('name="reason"');
    const bare = await admin.post(`/admin/cycles/${s.cycle.id}/results/reopen`).type('form').send({ _csrf: csrf, version: versionOf(confirm.text), reason: ' ' });
    expect(bare.status).toBe(400);
    expect(bare.text).toContain('Укажите причину.');
    expect((await t.ds.query(`SELECT status FROM cycle WHERE id = $1`, [s.cycle.id]))[0].status).toBe('approved');

    const res = await admin.post(`/admin/cycles/${s.cycle.id}/results/reopen`).type('form').send({ _csrf: csrf, version: versionOf(confirm.text), reason: 'Найдена ошибка в данных заявки.' });
    expect(res.status).toBe(303);
    const [snap] = await t.ds.query(`SELECT superseded_at, superseded_reason FROM result_snapshot WHERE category_id = $1`, [s.category.id]);
    expect(snap.superseded_at).not.toBeNull();
    expect(snap.superseded_reason).toBe('Найдена ошибка в данных заявки.');
    const statuses = await t.ds.query(`SELECT DISTINCT status, place FROM nomination WHERE category_id = $1`, [s.category.id]);
    expect(statuses).toEqual([{ status: 'accepted', place: null }]);
    const [cycle] = await t.ds.query(`SELECT status, approved_at FROM cycle WHERE id = $1`, [s.cycle.id]);
    expect(cycle).toEqual({ status: 'deliberation', approved_at: null });
    const [event] = await t.ds.query(`SELECT reason, from_state, to_state FROM audit_event WHERE action = 'results.reopened' AND cycle_id = $1`, [s.cycle.id]);
    expect(event).toEqual({ reason: 'Найдена ошибка в данных заявки.', from_state: 'approved', to_state: 'deliberation' });

    expect((await approve(s.cycle.id)).status).toBe(303);
    const live = await t.ds.query(`SELECT count(*)::int AS n FROM result_snapshot WHERE category_id = $1 AND superseded_at IS NULL`, [s.category.id]);
    expect(live[0].n).toBe(1);
  });

  it('lists the accepted nominations without a counted scorecard, and approves only once the admin confirms they go unawarded', async () => {
    // nomination 3 has no scorecard at all; nomination 2's only scorecard is from a juror who then recused
    const s = await createResultsScene(t.ds, {
      municipalities: ['Красногорск', 'Щёлково', 'Балашиха', 'Мытищи'],
      lastNames: ['Смирнова', 'Кузнецова', 'Неоценённая', 'Забытая'],
      maxWinners: 1,
      cards: [[0, 0, [9, 9, 9]], [1, 0, [8, 8, 8]], [0, 1, [6, 6, 6]], [1, 1, [7, 7, 7]], [2, 2, [10, 10, 10]]],
      recused: [[2, 2]],
    });
    const page = await admin.get(`/admin/categories/${s.category.id}/results`);
    expect(page.text).toContain('Заявки без засчитанных оценочных листов');
    const listed = /<div class="flash flash-error unscored" id="unscored"[\s\S]*?<\/div>/.exec(page.text)![0];
    expect(listed).toContain('Неоценённая');
    expect(listed).toContain('Забытая');
    expect(listed).not.toContain('Смирнова');
    expect((await admin.get(`/admin/cycles/${s.cycle.id}/results`)).text).toContain('без засчитанных листов: 2');

    const confirm = await admin.get(`/admin/cycles/${s.cycle.id}/results/approve`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Неоценённая');
    expect(confirm.text).toContain('name="confirmUnscored"');
    const refused = await admin.post(`/admin/cycles/${s.cycle.id}/results/approve`).type('form').send({ _csrf: csrf, version: versionOf(confirm.text) });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Отметьте, что понимаете: заявки без засчитанных листов получат статус «без награды».');
    expect(refused.text).toContain('Забытая');
    expect((await t.ds.query(`SELECT status FROM cycle WHERE id = $1`, [s.cycle.id]))[0].status).toBe('deliberation');
    expect(await t.ds.query(`SELECT id FROM result_snapshot WHERE category_id = $1`, [s.category.id])).toEqual([]);

    const approved = await admin.post(`/admin/cycles/${s.cycle.id}/results/approve`).type('form').send({ _csrf: csrf, version: versionOf(confirm.text), confirmUnscored: 'on' });
    expect(approved.status).toBe(303);
    const statuses = await t.ds.query(`SELECT id, status FROM nomination WHERE category_id = $1 ORDER BY id`, [s.category.id]);
    expect(statuses.map((n: { status: string }) => n.status)).toEqual(['winner', 'not_awarded', 'not_awarded', 'not_awarded']);
    // once approved, nothing is pending any more
    expect((await admin.get(`/admin/categories/${s.category.id}/results`)).text).not.toContain('id="unscored"');
  });

  it('asks for no confirmation when every accepted nomination has a counted scorecard', async () => {
    const s = await scene();
    const confirm = await admin.get(`/admin/cycles/${s.cycle.id}/results/approve`);
    expect(confirm.text).not.toContain('name="confirmUnscored"');
    expect((await admin.get(`/admin/categories/${s.category.id}/results`)).text).not.toContain('id="unscored"');
  });

  it('offers approval only in deliberation', async () => {
    const s = await scene();
    await t.ds.query(`UPDATE cycle SET status = 'judging' WHERE id = $1`, [s.cycle.id]);
    const res = await admin.get(`/admin/cycles/${s.cycle.id}/results/approve`);
    expect(res.status).toBe(409);
    expect(res.text).toContain('недоступно');
    const post = await admin.post(`/admin/cycles/${s.cycle.id}/results/approve`).type('form').send({ _csrf: csrf, version: 999 });
    expect(post.status).toBe(409);
  });
});
