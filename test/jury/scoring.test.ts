import { useTestApp } from '../support/harness';
import { createJudgingScene } from '../support/jury-fixtures';
import { runAssignment } from '../../src/jury/assignments';
import { saveScorecard } from '../../src/jury/scorecards';
import { confirmNoConflict, recuse } from '../../src/jury/recusal';

describe('scoring by jurors (domain rules on the real database)', () => {
  const t = useTestApp();
  let scene: Awaited<ReturnType<typeof createJudgingScene>>;
  let admin: number;

  beforeAll(async () => {
    // juror@ is from Подольск, juror2@ from Химки, juror3@ from Коломна
    scene = await createJudgingScene(t.ds, { municipalities: ['Красногорск', 'Подольск', 'Химки', 'Мытищи'] });
    admin = (await t.ds.query(`SELECT id FROM app_user WHERE role = 'admin'`))[0].id;
    await t.ds.transaction((m) => runAssignment(m, admin, scene.category.id));
  });

  const [juror] = [0];
  const n = (i: number) => scene.nominations[i].id;
  const scores = (a: unknown, b: unknown, c: unknown) => ({ [scene.criteria[0].id]: a, [scene.criteria[1].id]: b, [scene.criteria[2].id]: c });
  const save = (j: number, nom: number, s: Record<string, unknown>, action: 'save' | 'submit', comment = '') =>
    t.ds.transaction((m) => saveScorecard(m, scene.jurors[j], nom, { scores: s, comment }, action));

  it('assigns every panel juror every nomination except their own municipality\'s', async () => {
    const rows = await t.ds.query(`SELECT juror_id, nomination_id FROM assignment ORDER BY juror_id, nomination_id`);
    expect(rows).toHaveLength(3 * 4 - 2);
    expect(rows).not.toContainEqual({ juror_id: scene.jurors[0], nomination_id: n(1) });
    expect(rows).not.toContainEqual({ juror_id: scene.jurors[1], nomination_id: n(2) });
    const conflicts = await t.ds.query(`SELECT juror_id, nomination_id, kind FROM conflict ORDER BY juror_id`);
    expect(conflicts).toEqual([
      { juror_id: scene.jurors[0], nomination_id: n(1), kind: 'municipality' },
      { juror_id: scene.jurors[1], nomination_id: n(2), kind: 'municipality' },
    ]);
  });

  it('refuses scores until the juror confirms having no conflict', async () => {
    expect(await save(juror, n(0), scores(5, 5, 5), 'save')).toEqual({ ok: false, problem: 'notConfirmed' });
  });

  it('refuses out-of-range, missing and non-integer scores, naming each criterion, and saves nothing', async () => {
    await t.ds.transaction((m) => confirmNoConflict(m, scene.jurors[0], n(0)));
    const r = await save(juror, n(0), scores('11', '', '7.5'), 'submit');
    expect(r).toEqual({
      ok: false,
      problem: 'scores',
      problems: [
        { criterionId: scene.criteria[0].id, key: 'jury.scores.outOfRange', min: 1, max: 10 },
        { criterionId: scene.criteria[1].id, key: 'jury.scores.missing', min: 1, max: 10 },
        { criterionId: scene.criteria[2].id, key: 'jury.scores.notInteger', min: 1, max: 10 },
      ],
    });
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM scorecard`))[0].n).toBe(0);
  });

  it('saves a partial draft, then submits with the weighted total computed once', async () => {
    expect(await save(juror, n(0), scores('9', '', ''), 'save')).toMatchObject({ ok: true, status: 'draft' });
    expect(await save(juror, n(0), scores('9', '9', '8'), 'submit', 'сильная заявка')).toMatchObject({ ok: true, status: 'submitted' });
    const [card] = await t.ds.query(`SELECT status, weighted_total, comment FROM scorecard WHERE juror_id = $1 AND nomination_id = $2`, [scene.jurors[0], n(0)]);
    expect(card.status).toBe('submitted');
    expect(card.weighted_total).toBeCloseTo(0.5 * 9 + 0.3 * 9 + 0.2 * 8, 10);
  });

  it('keeps one scorecard per juror and nomination when the same POST arrives twice at once', async () => {
    await t.ds.transaction((m) => confirmNoConflict(m, scene.jurors[0], n(2)));
    const both = await Promise.all([save(juror, n(2), scores('5', '6', '7'), 'submit'), save(juror, n(2), scores('5', '6', '7'), 'submit')]);
    expect(both.every((r) => r.ok)).toBe(true);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM scorecard WHERE juror_id = $1 AND nomination_id = $2`, [scene.jurors[0], n(2)]))[0].n).toBe(1);
  });

  it('keeps the previous values in the history when a submitted scorecard changes', async () => {
    await save(juror, n(0), scores('7', '9', '8'), 'submit', 'пересмотрела');
    const history = await t.ds.query(`SELECT previous_scores, previous_comment, changed_by_id FROM score_history`);
    expect(history).toHaveLength(1);
    expect(history[0]).toEqual({ previous_scores: { [scene.criteria[0].id]: 9, [scene.criteria[1].id]: 9, [scene.criteria[2].id]: 8 }, previous_comment: 'сильная заявка', changed_by_id: scene.jurors[0] });
  });

  it('treats a nomination not assigned to the juror as not found', async () => {
    expect(await save(juror, n(1), scores('5', '5', '5'), 'submit')).toEqual({ ok: false, problem: 'notFound' });
    expect(await t.ds.transaction((m) => confirmNoConflict(m, scene.jurors[0], n(1)))).toEqual({ ok: false, problem: 'notFound' });
  });

  it('lets a juror recuse with a reason: the assignment goes and the pair is never assigned again', async () => {
    expect(await t.ds.transaction((m) => recuse(m, scene.jurors[2], n(3), ''))).toEqual({ ok: false, problem: 'reasonRequired' });
    expect(await t.ds.transaction((m) => recuse(m, scene.jurors[2], n(3), 'Номинант — мой бывший ординатор'))).toEqual({ ok: true });
    expect(await save(2, n(3), scores('5', '5', '5'), 'submit')).toEqual({ ok: false, problem: 'notFound' });
    await t.ds.transaction((m) => runAssignment(m, admin, scene.category.id));
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM assignment WHERE juror_id = $1 AND nomination_id = $2`, [scene.jurors[2], n(3)]))[0].n).toBe(0);
  });

  it('refuses scores outside the judging window', async () => {
    await t.ds.query(`UPDATE cycle SET judging_end = now() - interval '1 minute' WHERE id = $1`, [scene.cycle.id]);
    const r = await save(juror, n(0), scores('5', '5', '5'), 'submit');
    expect(r).toMatchObject({ ok: false, problem: 'closed' });
    await t.ds.query(`UPDATE cycle SET judging_end = now() + interval '10 days' WHERE id = $1`, [scene.cycle.id]);
  });

  it('refuses a score outside the scale in the database itself, whatever the app does', async () => {
    const [card] = await t.ds.query(`SELECT id FROM scorecard LIMIT 1`);
    await expect(t.ds.query(`UPDATE score SET value = 42 WHERE scorecard_id = $1`, [card.id])).rejects.toThrow(/outside the scale/);
  });
});
