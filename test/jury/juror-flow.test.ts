import { signIn, useTestApp, type Agent } from '../support/harness';
import { createJudgingScene } from '../support/jury-fixtures';
import { LONG_TEXT } from '../support/fixtures';
import { runAssignment } from '../../src/jury/assignments';

/** The HTML of one criterion's fieldset on the scoring page. */
const fieldsetOf = (html: string, criterionId: number) => {
  const m = new RegExp(`<fieldset id="criterion-${criterionId}"[\\s\\S]*?</fieldset>`).exec(html);
  if (!m) throw new Error(`no fieldset for criterion ${criterionId}`);
  return m[0];
};

describe('a juror confirms, recuses, scores and changes scores through the pages', () => {
  const t = useTestApp();
  let scene: Awaited<ReturnType<typeof createJudgingScene>>;
  let juror: { agent: Agent; csrf: string };
  let admin: { agent: Agent; csrf: string };
  beforeAll(async () => {
    // juror@ is from Подольск: the second nomination is never theirs
    scene = await createJudgingScene(t.ds, { municipalities: ['Красногорск', 'Подольск', 'Химки', 'Мытищи'] });
    const adminId = (await t.ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`))[0].id;
    await t.ds.transaction((m) => runAssignment(m, adminId, scene.category.id));
    juror = await signIn(t.app, 'juror@example.org');
    admin = await signIn(t.app, 'admin@example.org');
  });
  const n = (i: number) => scene.nominations[i].id;
  const c = (i: number) => scene.criteria[i].id;
  const post = (url: string, body: Record<string, unknown> = {}) => juror.agent.post(url).type('form').send({ _csrf: juror.csrf, ...body });
  const scores = (a: string, b: string, d: string) => ({ [`score_${c(0)}`]: a, [`score_${c(1)}`]: b, [`score_${c(2)}`]: d });
  const card = async (i: number) => (await t.ds.query(`SELECT id, status, comment FROM scorecard WHERE juror_id = $1 AND nomination_id = $2`, [scene.jurors[0], n(i)]))[0];
  const values = async (cardId: number) => (await t.ds.query(`SELECT criterion_id, value FROM score WHERE scorecard_id = $1 ORDER BY criterion_id`, [cardId])).map((r: { value: number }) => r.value);

  it('shows the assignments of the category with progress «оценено 0 из 3»', async () => {
    const home = await juror.agent.get('/jury');
    expect(home.status).toBe(200);
    expect(home.text).toContain(scene.category.name);
    expect(home.text).toContain('Оценено 0 из 3 заявок');
    for (const i of [0, 2, 3]) expect(home.text).toContain(`href="/jury/nominations/${n(i)}"`);
    expect(home.text).not.toContain(`href="/jury/nominations/${n(1)}"`);
    expect(home.text).toContain('нужно подтвердить отсутствие конфликта интересов');
  });

  it('shows only the name and the category until the juror confirms having no conflict', async () => {
    const page = await juror.agent.get(`/jury/nominations/${n(0)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Номинант0');
    expect(page.text).toContain(scene.category.name);
    expect(page.text).toContain('Конфликта интересов нет');
    expect(page.text).not.toContain(LONG_TEXT.slice(0, 40));
    expect(page.text).not.toContain('Ходатайство.pdf');
    const [doc] = await t.ds.query(`SELECT id FROM attachment WHERE nomination_id = $1`, [n(0)]);
    await juror.agent.get(`/jury/nominations/${n(0)}/documents/${doc.id}`).expect(404);
    await post(`/jury/nominations/${n(0)}/scorecard`, { action: 'save', ...scores('5', '', '') }).expect(303);
    expect(await card(0)).toBeUndefined();
  });

  it('asks for the reason of a recusal, then takes the nomination away and shows it to the admin', async () => {
    const empty = await post(`/jury/nominations/${n(3)}/recuse`, { reason: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toMatch(/id="reason-error">Укажите причину самоотвода\./);
    const done = await post(`/jury/nominations/${n(3)}/recuse`, { reason: 'Номинант — мой бывший ординатор' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/jury');
    expect((await juror.agent.get('/jury')).text).toContain('Номинант — мой бывший ординатор');
    await juror.agent.get(`/jury/nominations/${n(3)}`).expect(404);
    expect(await t.ds.query(`SELECT kind, reason FROM conflict WHERE juror_id = $1 AND nomination_id = $2`, [scene.jurors[0], n(3)])).toEqual([{ kind: 'declared', reason: 'Номинант — мой бывший ординатор' }]);
    const conflicts = await admin.agent.get(`/admin/categories/${scene.category.id}/conflicts`);
    expect(conflicts.text).toContain('Номинант — мой бывший ординатор');
    expect(conflicts.text).toContain('самоотвод');
  });

  it('opens the texts and documents after the confirmation', async () => {
    const res = await post(`/jury/nominations/${n(0)}/confirm`);
    expect(res.status).toBe(303);
    const page = await juror.agent.get(`/jury/nominations/${n(0)}`);
    expect(page.text).toContain(LONG_TEXT.slice(0, 40));
    expect(page.text).toMatch(/href="\/jury\/nominations\/\d+\/documents\/\d+" target="_blank" rel="noopener">Ходатайство\.pdf/);
    expect(page.text).toContain('8–10');
    expect(page.text).toContain('выдающиеся');
  });

  it('saves a draft with some scores', async () => {
    const res = await post(`/jury/nominations/${n(0)}/scorecard`, { action: 'save', comment: 'черновая мысль', ...scores('9', '', '') });
    expect(res.status).toBe(303);
    const draft = await card(0);
    expect(draft).toMatchObject({ status: 'draft', comment: 'черновая мысль' });
    expect(await values(draft.id)).toEqual([9]);
    const page = await juror.agent.get(`/jury/nominations/${n(0)}`);
    expect(fieldsetOf(page.text, c(0))).toMatch(/value="9" checked/);
  });

  it('refuses out-of-range, missing and non-integer scores with a message next to each criterion, keeping the input and saving nothing', async () => {
    const res = await post(`/jury/nominations/${n(0)}/scorecard`, { action: 'submit', comment: 'второй взгляд', ...scores('11', '', '7.5') });
    expect(res.status).toBe(400);
    expect(fieldsetOf(res.text, c(0))).toContain('Оценка должна быть от 1 до 10.');
    expect(fieldsetOf(res.text, c(1))).toContain('Поставьте оценку от 1 до 10.');
    expect(fieldsetOf(res.text, c(2))).toContain('Оценка должна быть целым числом от 1 до 10.');
    expect(res.text).toContain('второй взгляд</textarea>');
    // the problem is also said at the top of the long page, linking down to the scores
    expect(res.text).toContain('<a href="#scores">Оценки не сохранены: исправьте отмеченные критерии.</a>');
    const kept = await post(`/jury/nominations/${n(0)}/scorecard`, { action: 'submit', ...scores('8', '6', 'семь') });
    expect(kept.status).toBe(400);
    expect(fieldsetOf(kept.text, c(0))).toMatch(/value="8" checked/);
    expect(fieldsetOf(kept.text, c(0))).not.toContain('field-error');
    expect(fieldsetOf(kept.text, c(2))).toContain('Оценка должна быть целым числом от 1 до 10.');
    const draft = await card(0);
    expect(draft).toMatchObject({ status: 'draft', comment: 'черновая мысль' });
    expect(await values(draft.id)).toEqual([9]);
  });

  it('submits when every criterion has a score, back on the list with a message, and the progress counts it', async () => {
    // the form posts to an address without a fragment, which the browser would carry over to the redirect (/jury#scores)
    expect((await juror.agent.get(`/jury/nominations/${n(0)}`)).text).toContain(`action="/jury/nominations/${n(0)}/scorecard"`);
    const res = await post(`/jury/nominations/${n(0)}/scorecard`, { action: 'submit', comment: 'сильная заявка', ...scores('9', '9', '8') });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/jury');
    expect(await card(0)).toMatchObject({ status: 'submitted', comment: 'сильная заявка' });
    const home = await juror.agent.get('/jury');
    expect(home.text).toContain('Оценки по заявке «Номинант0');
    expect(home.text).toContain('Оценено 1 из 2 заявок');
    expect(home.text).toContain('оценки отправлены');
  });

  it('changes a submitted score before the deadline, and the admin sees the previous values with who and when', async () => {
    const res = await post(`/jury/nominations/${n(0)}/scorecard`, { action: 'submit', comment: 'пересмотрела', ...scores('7', '9', '8') });
    expect(res.status).toBe(303);
    const { id } = await card(0);
    expect(await values(id)).toEqual([7, 9, 8]);
    const history = await admin.agent.get(`/admin/scorecards/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.text).toContain('Соколова Марина Андреевна');
    expect(history.text).toContain('Изменил(а): Соколова Марина Андреевна');
    expect(history.text).toContain('Профессиональные достижения: 9');
    expect(history.text).toContain('сильная заявка');
    expect(history.text).toMatch(/<td>Профессиональные достижения<\/td><td>0,5<\/td><td>1–10<\/td><td>7<\/td>/);
    expect(history.text).toContain('пересмотрела');
  });

  it('keeps one scorecard when the same form is sent twice at once', async () => {
    await post(`/jury/nominations/${n(2)}/confirm`).expect(303);
    const both = await Promise.all([1, 2].map(() => post(`/jury/nominations/${n(2)}/scorecard`, { action: 'submit', ...scores('5', '6', '7') })));
    expect(both.map((r) => r.status)).toEqual([303, 303]);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM scorecard WHERE juror_id = $1 AND nomination_id = $2`, [scene.jurors[0], n(2)]))[0].n).toBe(1);
  });

  it('refuses every change after the deadline and says when it was', async () => {
    await t.ds.query(`UPDATE cycle SET judging_end = now() - interval '1 hour' WHERE id = $1`, [scene.cycle.id]);
    try {
      const res = await post(`/jury/nominations/${n(0)}/scorecard`, { action: 'submit', comment: 'поздно', ...scores('1', '1', '1') });
      expect(res.status).toBe(409);
      expect(res.text).toMatch(/Оценка закрыта: срок истёк \d+/);
      expect(res.text).toContain('поздно</textarea>');
      expect(await values((await card(0)).id)).toEqual([7, 9, 8]);
      const page = await juror.agent.get(`/jury/nominations/${n(0)}`);
      expect(page.text).not.toContain('name="action"');
      expect((await post(`/jury/nominations/${n(2)}/recuse`, { reason: 'поздно' })).status).toBe(409);
    } finally {
      await t.ds.query(`UPDATE cycle SET judging_end = now() + interval '10 days' WHERE id = $1`, [scene.cycle.id]);
    }
  });
});
