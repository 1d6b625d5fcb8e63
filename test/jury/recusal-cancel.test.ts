import { signIn, useTestApp, type Agent } from '../support/harness';
import { createJudgingScene } from '../support/jury-fixtures';
import { runAssignment } from '../../src/jury/assignments';
import { confirmNoConflict, recuse } from '../../src/jury/recusal';
import { saveScorecard } from '../../src/jury/scorecards';

/** The row of one conflict on the admin's conflicts page. */
const rowOf = (html: string, jurorId: number, nominationId: number) => new RegExp(`<tr id="conflict-${jurorId}-${nominationId}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? null;

describe('the admin cancels a juror\'s recusal on the conflicts page', () => {
  const t = useTestApp();
  let scene: Awaited<ReturnType<typeof createJudgingScene>>;
  let admin: { agent: Agent; csrf: string };
  let juror: { agent: Agent; csrf: string };
  let adminId: number;
  let url: string;
  beforeAll(async () => {
    scene = await createJudgingScene(t.ds);
    adminId = (await t.ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`))[0].id;
    await t.ds.transaction((m) => runAssignment(m, adminId, scene.category.id));
    const [j1, j2] = scene.jurors;
    const all = (v: string) => Object.fromEntries(scene.criteria.map((c) => [c.id, v]));
    // juror@ scored the first nomination and then recused from it; recused from the second before opening it.
    await t.ds.transaction((m) => confirmNoConflict(m, j1, n(0)));
    expect((await t.ds.transaction((m) => saveScorecard(m, j1, n(0), { scores: all('7'), comment: 'до самоотвода' }, 'submit'))).ok).toBe(true);
    await t.ds.transaction((m) => recuse(m, j1, n(0), 'Вспомнила: работали вместе'));
    await t.ds.transaction((m) => recuse(m, j1, n(1), 'Номинант — моя бывшая ординатор'));
    await t.ds.transaction((m) => recuse(m, j2, n(2), 'Родственник'));
    admin = await signIn(t.app, 'admin@example.org');
    juror = await signIn(t.app, 'juror@example.org');
    url = `/admin/categories/${scene.category.id}/conflicts`;
  });
  const n = (i: number) => scene.nominations[i].id;
  const cancel = (jurorId: number, nominationId: number, reason: string) =>
    admin.agent.post(`${url}/cancel-recusal`).type('form').send({ _csrf: admin.csrf, jurorId, nominationId, reason });
  const declared = async (jurorId: number, nominationId: number) =>
    (await t.ds.query(`SELECT 1 FROM conflict WHERE juror_id = $1 AND nomination_id = $2 AND kind = 'declared'`, [jurorId, nominationId])).length > 0;
  const assignment = async (jurorId: number, nominationId: number) =>
    (await t.ds.query(`SELECT confirmed_no_conflict_at AS "confirmedAt" FROM assignment WHERE juror_id = $1 AND nomination_id = $2`, [jurorId, nominationId]))[0];

  it('offers a cancel form with a reason field on each recusal while judging is open', async () => {
    const page = await admin.agent.get(url);
    expect(page.status).toBe(200);
    const row = rowOf(page.text, scene.jurors[0], n(1))!;
    expect(row).toContain('Номинант — моя бывшая ординатор');
    expect(row).toContain(`action="${url}/cancel-recusal#conflict-${scene.jurors[0]}-${n(1)}"`);
    expect(row).toMatch(/<textarea id="cancel-reason-\d+-\d+" name="reason"/);
    expect(row).toContain('Отменить самоотвод');
  });

  it('refuses without a written reason, with the message on the row, and changes nothing', async () => {
    const res = await cancel(scene.jurors[0], n(1), '   ');
    expect(res.status).toBe(400);
    const row = rowOf(res.text, scene.jurors[0], n(1))!;
    expect(row).toMatch(/id="cancel-reason-\d+-\d+-error">Укажите, почему самоотвод отменяется\./);
    expect(row).toContain('aria-invalid="true"');
    expect(await declared(scene.jurors[0], n(1))).toBe(true);
    expect(await assignment(scene.jurors[0], n(1))).toBeUndefined();
  });

  it('gives the nomination back, unconfirmed, and records who did it and why in the audit log', async () => {
    const res = await cancel(scene.jurors[0], n(1), 'Самоотвод взят по ошибке: номинант — однофамилица');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(url);
    expect((await admin.agent.get(url)).text).toContain('Самоотвод отменён: заявка вернулась члену жюри.');
    expect(await declared(scene.jurors[0], n(1))).toBe(false);
    expect(await assignment(scene.jurors[0], n(1))).toEqual({ confirmedAt: null });
    const [event] = await t.ds.query(`SELECT actor_id, action, reason, data FROM audit_event WHERE action = 'juror.recusalCancelled' AND entity_id = $1`, [String(n(1))]);
    expect(event).toEqual({
      actor_id: adminId, action: 'juror.recusalCancelled', reason: 'Самоотвод взят по ошибке: номинант — однофамилица',
      data: { jurorId: scene.jurors[0], recusalReason: 'Номинант — моя бывшая ординатор', scorecardReopened: false },
    });
    expect((await admin.agent.get('/admin/audit')).text).toContain('самоотвод отменён оргкомитетом');
  });

  it('lets the juror see the nomination again, behind the no-conflict confirmation', async () => {
    const home = await juror.agent.get('/jury');
    expect(home.text).toContain(`href="/jury/nominations/${n(1)}"`);
    expect(home.text).not.toContain('Номинант — моя бывшая ординатор');
    const page = await juror.agent.get(`/jury/nominations/${n(1)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Конфликта интересов нет');
    expect(page.text).not.toContain('Ходатайство.pdf');
  });

  it('puts a scorecard submitted before the recusal back to draft, so it counts only when submitted again', async () => {
    const res = await cancel(scene.jurors[0], n(0), 'Совместная работа была 20 лет назад, конфликта нет');
    expect(res.status).toBe(303);
    expect((await admin.agent.get(url)).text).toContain('его прежний оценочный лист — в черновике');
    const [card] = await t.ds.query(`SELECT id, status, comment, weighted_total FROM scorecard WHERE juror_id = $1 AND nomination_id = $2`, [scene.jurors[0], n(0)]);
    expect(card).toMatchObject({ status: 'draft', comment: 'до самоотвода', weighted_total: null });
    expect((await t.ds.query(`SELECT value FROM score WHERE scorecard_id = $1`, [card.id])).map((r: { value: number }) => r.value)).toEqual([7, 7, 7]);
    const [version] = await t.ds.query(`SELECT changed_by_id, previous_status FROM score_history WHERE scorecard_id = $1`, [card.id]);
    expect(version).toEqual({ changed_by_id: adminId, previous_status: 'submitted' });
    expect(await assignment(scene.jurors[0], n(0))).toEqual({ confirmedAt: null });
  });

  it('refuses once judging is closed, and no longer offers the form', async () => {
    await t.ds.query(`UPDATE cycle SET judging_end = now() - interval '1 hour' WHERE id = $1`, [scene.cycle.id]);
    try {
      const page = await admin.agent.get(url);
      expect(rowOf(page.text, scene.jurors[1], n(2))).not.toContain('cancel-recusal');
      const res = await cancel(scene.jurors[1], n(2), 'Поздно');
      expect(res.status).toBe(409);
      expect(res.text).toMatch(/Самоотвод не отменён: Оценка закрыта: срок истёк \d+/);
      expect(await declared(scene.jurors[1], n(2))).toBe(true);
    } finally {
      await t.ds.query(`UPDATE cycle SET judging_end = now() + interval '10 days' WHERE id = $1`, [scene.cycle.id]);
    }
  });

  it('cancels once when the same form is sent twice at once', async () => {
    const both = await Promise.all([1, 2].map(() => cancel(scene.jurors[1], n(2), 'Родство не подтвердилось')));
    expect(both.map((r) => r.status)).toEqual([303, 303]);
    // both answers write the same session at once, so the page after shows one of the two messages
    expect((await admin.agent.get(url)).text).toMatch(/Самоотвод отменён: заявка вернулась|Самоотвода уже нет: заявка у члена жюри\./);
    const late = await cancel(scene.jurors[1], n(2), 'Ещё раз');
    expect(late.status).toBe(303);
    expect((await admin.agent.get(url)).text).toContain('Самоотвода уже нет: заявка у члена жюри.');
    expect(await t.ds.query(`SELECT juror_id FROM assignment WHERE juror_id = $1 AND nomination_id = $2`, [scene.jurors[1], n(2)])).toHaveLength(1);
    expect(await t.ds.query(`SELECT id FROM audit_event WHERE action = 'juror.recusalCancelled' AND entity_id = $1`, [String(n(2))])).toHaveLength(1);
  });

  it('answers 404 for a recusal that does not exist or belongs to another category', async () => {
    await t.ds.query(`DELETE FROM assignment WHERE juror_id = $1 AND nomination_id = $2`, [scene.jurors[2], n(3)]);
    expect((await cancel(scene.jurors[2], n(3), 'Нет такого самоотвода')).status).toBe(404);
    const other = await createJudgingScene(t.ds);
    expect((await cancel(scene.jurors[1], other.nominations[0].id, 'Чужая номинация')).status).toBe(404);
  });
});

describe('cancelling a recusal keeps k mode\'s rules, and the lists of what lacks jurors follow', () => {
  const t = useTestApp();
  let scene: Awaited<ReturnType<typeof createJudgingScene>>;
  let admin: { agent: Agent; csrf: string };
  // the light juror (2 nominations of 4), the recusing one, the nomination the light juror does not have
  let light: number;
  let recusing: number;
  let target: number;
  beforeAll(async () => {
    scene = await createJudgingScene(t.ds, { mode: 'k', k: 2 });
    const adminId = (await t.ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`))[0].id;
    await t.ds.transaction((m) => runAssignment(m, adminId, scene.category.id));
    const pairs: Array<{ j: number; n: number }> = await t.ds.query(`SELECT juror_id AS j, nomination_id AS n FROM assignment`);
    light = scene.jurors.find((j) => pairs.filter((p) => p.j === j).length === 2)!;
    target = scene.nominations.map((x) => x.id).find((id) => !pairs.some((p) => p.j === light && p.n === id))!;
    recusing = pairs.find((p) => p.n === target)!.j;
    admin = await signIn(t.app, 'admin@example.org');
  });
  const base = () => `/admin/categories/${scene.category.id}`;
  const post = (path: string, body: Record<string, unknown>) => admin.agent.post(`${base()}${path}`).type('form').send({ _csrf: admin.csrf, ...body });
  const lackingOf = (html: string) => /<ul class="lacking">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  const name = () => `Номинант${scene.nominations.findIndex((x) => x.id === target)} Мария Петровна`;

  it('lists no nomination short of jurors after a full run, and every one as not scored yet', async () => {
    const panel = await admin.agent.get(`${base()}/panel`);
    expect(panel.text).toContain('<section id="gaps"');
    expect(lackingOf(panel.text)).toBe('');
    expect(/<ul class="unscored">([\s\S]*?)<\/ul>/.exec(panel.text)![1].match(/<li>/g)).toHaveLength(4);
  });

  it('lists the nomination a juror recused from as short of jurors, on the panel page and the matrix', async () => {
    await t.ds.transaction((m) => recuse(m, recusing, target, 'Работали в одной больнице'));
    for (const page of ['panel', 'matrix']) {
      const res = await admin.agent.get(`${base()}/${page}`);
      expect(lackingOf(res.text)).toContain(`${name()}</a> — назначено 1 из 2`);
    }
  });

  it('refuses to give the nomination back once a replacement holds the second seat, keeping the reason typed', async () => {
    await post('/matrix/assign', { jurorId: light, nominationId: target }).expect(303);
    expect(lackingOf((await admin.agent.get(`${base()}/matrix`)).text)).toBe('');
    const res = await post('/conflicts/cancel-recusal', { jurorId: recusing, nominationId: target, reason: 'Ошибка: больницы разные' });
    expect(res.status).toBe(409);
    const row = rowOf(res.text, recusing, target)!;
    expect(row).toContain('Нельзя вернуть заявку: у неё уже 2 члена жюри');
    expect(row).toContain('Ошибка: больницы разные</textarea>');
  });

  it('gives it back once the replacement is taken off, and the list empties again', async () => {
    await post('/matrix/unassign', { jurorId: light, nominationId: target }).expect(303);
    const res = await post('/conflicts/cancel-recusal', { jurorId: recusing, nominationId: target, reason: 'Ошибка: больницы разные' });
    expect(res.status).toBe(303);
    const holders: Array<{ j: number }> = await t.ds.query(`SELECT juror_id AS j FROM assignment WHERE nomination_id = $1`, [target]);
    expect(holders.map((h) => h.j)).toContain(recusing);
    expect(holders).toHaveLength(2);
    expect(lackingOf((await admin.agent.get(`${base()}/panel`)).text)).toBe('');
  });
});
