import { signIn, useTestApp, type Agent } from '../support/harness';
import { createJudgingScene } from '../support/jury-fixtures';
import { confirmNoConflict } from '../../src/jury/recusal';
import { saveScorecard } from '../../src/jury/scorecards';
import { runAssignment } from '../../src/jury/assignments';

const criterionForm = (over: Record<string, string> = {}) => ({
  name: 'Научная работа',
  description: 'Публикации, доклады, участие в исследованиях.',
  weight: '0,25',
  scaleMin: '1',
  scaleMax: '5',
  rubric: '1–2: нет публикаций\n3–4: есть публикации\n5: монография или диссертация',
  ...over,
});

describe('the admin defines the criteria of a category', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let scene: Awaited<ReturnType<typeof createJudgingScene>>;
  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
    scene = await createJudgingScene(t.ds);
  });
  const base = () => `/admin/categories/${scene.category.id}/criteria`;
  const post = (url: string, body: Record<string, unknown> = {}) => admin.agent.post(url).type('form').send({ _csrf: admin.csrf, ...body });
  const names = async () => (await t.ds.query(`SELECT name FROM criterion WHERE category_id = $1 ORDER BY sort_order, id`, [scene.category.id])).map((r: { name: string }) => r.name);

  it('lists the criteria in order with their weights, scales and rubrics', async () => {
    const page = await admin.agent.get(base());
    expect(page.status).toBe(200);
    expect(page.text).toContain('Профессиональные достижения');
    expect(page.text).toContain('Вес 0,5 · доля веса 50 % · шкала 1–10');
    expect(page.text).not.toContain('итога');
    expect(page.text).not.toContain('id="mixed-scales"');
    expect(page.text).toMatch(/<dt>8–10<\/dt><dd>выдающиеся<\/dd>/);
  });

  it('adds a criterion with a weight typed with a comma and a rubric read into bands', async () => {
    expect((await admin.agent.get(`${base()}/new`)).status).toBe(200);
    const res = await post(base(), criterionForm());
    expect(res.status).toBe(303);
    const [row] = await t.ds.query(`SELECT weight, scale_min, scale_max, rubric, sort_order FROM criterion WHERE name = 'Научная работа'`);
    expect(row).toEqual({
      weight: 0.25, scale_min: 1, scale_max: 5, sort_order: 3,
      rubric: [{ from: 1, to: 2, text: 'нет публикаций' }, { from: 3, to: 4, text: 'есть публикации' }, { from: 5, to: 5, text: 'монография или диссертация' }],
    });
    expect(await names()).toEqual(['Профессиональные достижения', 'Наставничество', 'Отзывы пациентов', 'Научная работа']);
  });

  it('calls a weight\'s share what it is, and notes that a wider scale moves the total more once scales differ', async () => {
    // weights 0.5, 0.3, 0.2, 0.25 (sum 1.25); scales 1–10 three times and 1–5
    const page = await admin.agent.get(base());
    expect(page.text).toContain('Вес 0,25 · доля веса 20 % · шкала 1–5');
    expect(page.text).toContain('Вес 0,5 · доля веса 40 % · шкала 1–10');
    expect(page.text).toMatch(/id="mixed-scales">Шкалы критериев разной ширины\. [^<]*критерий с более широкой шкалой сдвигает итог сильнее/);
    await admin.agent.get('/lang/en');
    try {
      const en = await admin.agent.get(base());
      expect(en.text).toContain('Weight 0.25 · 20 % of the weight · scale 1–5');
      expect(en.text).toContain('a criterion with a wider scale moves the total more');
    } finally {
      await admin.agent.get('/lang/ru');
    }
  });

  it('explains each wrong field next to it and keeps what was typed', async () => {
    const res = await post(base(), criterionForm({ name: '', weight: '0', scaleMin: '5', scaleMax: '3' }));
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="name-error">Заполните это поле\./);
    expect(res.text).toMatch(/id="weight-error">Вес — число больше нуля/);
    expect(res.text).toContain('5: монография или диссертация</textarea>');
    const scale = await post(base(), criterionForm({ name: 'Другое', scaleMin: '5', scaleMax: '3' }));
    expect(scale.text).toMatch(/id="scaleMax-error">Верхняя граница шкалы должна быть больше нижней\./);
    const outside = await post(base(), criterionForm({ name: 'Другое', rubric: '1-3: мало\n3-6: много' }));
    expect(outside.status).toBe(400);
    expect(outside.text).toMatch(/id="rubric-error">Строка 2: оценки должны лежать внутри шкалы от 1 до 5\./);
    const overlap = await post(base(), criterionForm({ name: 'Другое', rubric: '1-3: мало\n3-5: много' }));
    expect(overlap.text).toMatch(/id="rubric-error">Строка 2: диапазон пересекается со строкой 1\./);
    const taken = await post(base(), criterionForm({ name: 'наставничество' }));
    expect(taken.text).toMatch(/id="name-error">Критерий с таким названием в номинации уже есть\./);
    expect(await names()).not.toContain('Другое');
  });

  it('edits, reorders and deletes a criterion', async () => {
    const [{ id }] = await t.ds.query(`SELECT id FROM criterion WHERE name = 'Научная работа'`);
    expect((await admin.agent.get(`${base()}/${id}/edit`)).text).toContain('3–4: есть публикации');
    await post(`${base()}/${id}`, criterionForm({ name: 'Научная деятельность', weight: '0.3' })).expect(303);
    await post(`${base()}/${id}/move`, { direction: 'up' }).expect(303);
    expect(await names()).toEqual(['Профессиональные достижения', 'Наставничество', 'Научная деятельность', 'Отзывы пациентов']);
    await post(`${base()}/${id}/delete`).expect(303);
    expect(await names()).toEqual(['Профессиональные достижения', 'Наставничество', 'Отзывы пациентов']);
  });

  it('refuses a criterion of another category as not found', async () => {
    const other = await createJudgingScene(t.ds);
    await admin.agent.get(`${base()}/${other.criteria[0].id}/edit`).expect(404);
    await post(`${base()}/${other.criteria[0].id}/delete`).expect(404);
  });

  it('freezes the criteria once a scorecard is submitted, and says why on every attempt', async () => {
    const adminId = (await t.ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`))[0].id;
    await t.ds.transaction((m) => runAssignment(m, adminId, scene.category.id));
    const n = scene.nominations[0].id;
    await t.ds.transaction((m) => confirmNoConflict(m, scene.jurors[0], n));
    const draft = await t.ds.transaction((m) => saveScorecard(m, scene.jurors[0], n, { scores: { [scene.criteria[0].id]: '9' }, comment: '' }, 'save'));
    expect(draft.ok).toBe(true);
    // a draft alone does not freeze anything
    await post(`${base()}/${scene.criteria[2].id}/move`, { direction: 'up' }).expect(303);
    await post(`${base()}/${scene.criteria[2].id}/move`, { direction: 'down' }).expect(303);
    const scores = Object.fromEntries(scene.criteria.map((c) => [c.id, '7']));
    expect((await t.ds.transaction((m) => saveScorecard(m, scene.jurors[0], n, { scores, comment: '' }, 'submit'))).ok).toBe(true);

    const before = await t.ds.query(`SELECT * FROM criterion WHERE category_id = $1 ORDER BY id`, [scene.category.id]);
    const why = /Критерии больше нельзя менять: в номинации уже отправлен 1 оценочный лист/;
    const list = await admin.agent.get(base());
    expect(list.text).toMatch(why);
    expect(list.text).not.toContain(`${base()}/new`);
    const c = scene.criteria[1].id;
    for (const res of [
      await post(base(), criterionForm({ name: 'Новый' })),
      await post(`${base()}/${c}`, criterionForm({ name: 'Наставничество', weight: '5' })),
      await post(`${base()}/${c}/move`, { direction: 'up' }),
      await post(`${base()}/${c}/delete`),
    ]) {
      expect(res.status).toBe(409);
      expect(res.text).toMatch(why);
    }
    expect((await admin.agent.get(`${base()}/${c}/edit`)).text).toMatch(why);
    expect(await t.ds.query(`SELECT * FROM criterion WHERE category_id = $1 ORDER BY id`, [scene.category.id])).toEqual(before);
  });
});
