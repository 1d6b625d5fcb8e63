import { signIn, useTestApp, type Agent } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { confirmNoConflict } from '../../src/jury/recusal';
import { saveScorecard } from '../../src/jury/scorecards';
import { Criterion } from '../../src/jury/criterion.entity';

const DAY = 24 * 3600 * 1000;

describe('the admin forms a category\'s panel and assigns nominations through the page', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let jurors: number[];
  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
    jurors = [await userId(t.ds, 'juror@example.org'), await userId(t.ds, 'juror2@example.org'), await userId(t.ds, 'juror3@example.org')];
  });
  const post = (url: string, body: Record<string, unknown> = {}) => admin.agent.post(url).type('form').send({ _csrf: admin.csrf, ...body });

  /** A category with accepted nominations from Подольск (juror@'s), Химки (juror2@'s), Красногорск and Балашиха. */
  async function category() {
    const now = Date.now();
    const { cycle, categories } = await createCycle(t.ds, { status: 'judging', judgingStart: new Date(now - DAY), judgingEnd: new Date(now + 9 * DAY) });
    const officer = await userId(t.ds, 'officer@example.org');
    const nominations = [];
    for (const [i, name] of ['Подольск', 'Химки', 'Красногорск', 'Балашиха'].entries()) {
      nominations.push(await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: await municipalityId(t.ds, name), authorId: officer, status: 'accepted', nominee: { lastName: `Врач${i}`, firstName: 'Анна', patronymic: 'Ивановна', institution: `Больница ${name}` } }));
    }
    return { id: categories[0].id, nominations };
  }
  const pairs = async (categoryId: number) =>
    t.ds.query(`SELECT a.juror_id AS j, a.nomination_id AS n FROM assignment a JOIN nomination n ON n.id = a.nomination_id WHERE n.category_id = $1 ORDER BY 1, 2`, [categoryId]);

  it('lists the active jurors with their municipality and institution, and refuses a chair outside the panel', async () => {
    const c = await category();
    const page = await admin.agent.get(`/admin/categories/${c.id}/panel`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Соколова Марина Андреевна <small class="muted">juror@example.org — Подольск, Подольская детская городская больница');
    const noChair = await post(`/admin/categories/${c.id}/panel`, { jurorIds: [String(jurors[0]), String(jurors[1])], chairId: String(jurors[2]), mode: 'all' });
    expect(noChair.status).toBe(400);
    expect(noChair.text).toMatch(/id="chairId-error">Председатель должен входить в состав жюри/);
    expect(noChair.text).toMatch(new RegExp(`id="juror-${jurors[1]}" name="jurorIds" value="${jurors[1]}" checked`));
    const noK = await post(`/admin/categories/${c.id}/panel`, { jurorIds: [String(jurors[0])], chairId: String(jurors[0]), mode: 'k', k: '' });
    expect(noK.text).toMatch(/id="k-error">Укажите целое число от 1 до 50\./);
    const officer = await userId(t.ds, 'officer@example.org');
    const notJuror = await post(`/admin/categories/${c.id}/panel`, { jurorIds: [String(jurors[0]), String(officer)], chairId: String(jurors[0]), mode: 'all' });
    expect(notJuror.text).toMatch(/id="jurorIds-error">Выберите членов жюри из списка/);
    expect(await t.ds.query(`SELECT * FROM panel WHERE category_id = $1`, [c.id])).toEqual([]);
  });

  it('tells two jurors of the same name apart by their email, in the list and in the choice of chair', async () => {
    const c = await category();
    const [namesake] = await t.ds.query(
      `INSERT INTO app_user (email, full_name, role, institution) VALUES ('sokolova.m@example.org', 'Соколова Марина Андреевна', 'juror', 'Другая больница') RETURNING id`,
    );
    try {
      const page = await admin.agent.get(`/admin/categories/${c.id}/panel`);
      expect(page.text).toContain('Соколова Марина Андреевна <small class="muted">sokolova.m@example.org — ');
      expect(page.text).toContain(`<option value="${jurors[0]}" >Соколова Марина Андреевна (juror@example.org)</option>`);
      expect(page.text).toContain(`<option value="${namesake.id}" >Соколова Марина Андреевна (sokolova.m@example.org)</option>`);
    } finally {
      await t.ds.query(`DELETE FROM app_user WHERE id = $1`, [namesake.id]);
    }
  });

  it('assigns every juror every nomination but their conflicts; a conflict alone does not make a nomination lack jurors', async () => {
    const c = await category();
    await post(`/admin/categories/${c.id}/panel`, { jurorIds: jurors.map(String), chairId: String(jurors[0]), mode: 'all' }).expect(303);
    const res = await post(`/admin/categories/${c.id}/assign`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Добавлено 10 назначений.');
    expect(res.text).toContain('Всем допущенным заявкам хватает членов жюри.');
    expect(res.text).not.toContain('Врач0 Анна Ивановна — назначено');
    const rows = await pairs(c.id);
    expect(rows).toHaveLength(10);
    expect(rows).not.toContainEqual({ j: jurors[0], n: c.nominations[0].id });
    expect(rows).not.toContainEqual({ j: jurors[1], n: c.nominations[1].id });
    const again = await post(`/admin/categories/${c.id}/assign`);
    expect(again.text).toContain('Добавлено 0 назначений.');
    expect(await pairs(c.id)).toHaveLength(10);
  });

  it('gives each nomination k jurors with loads differing by at most one', async () => {
    const c = await category();
    await post(`/admin/categories/${c.id}/panel`, { jurorIds: jurors.map(String), chairId: String(jurors[1]), mode: 'k', k: '2' }).expect(303);
    const res = await post(`/admin/categories/${c.id}/assign`);
    expect(res.text).toContain('Добавлено 8 назначений.');
    expect(res.text).toContain('Всем допущенным заявкам хватает членов жюри.');
    const rows: Array<{ j: number; n: number }> = await pairs(c.id);
    for (const n of c.nominations) expect(rows.filter((r) => r.n === n.id)).toHaveLength(2);
    const loads = jurors.map((j) => rows.filter((r) => r.j === j).length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });

  it('says so when the panel is missing', async () => {
    const c = await category();
    const res = await post(`/admin/categories/${c.id}/assign`);
    expect(res.status).toBe(409);
    expect(res.text).toContain('Сначала задайте состав жюри.');
  });

  it('keeps a juror who submitted scores on the panel, and takes unscored assignments from one who leaves', async () => {
    const c = await category();
    await t.ds.getRepository(Criterion).save({ categoryId: c.id, name: 'Единственный', weight: 1, scaleMin: 1, scaleMax: 5, rubric: [] });
    await post(`/admin/categories/${c.id}/panel`, { jurorIds: jurors.map(String), chairId: String(jurors[0]), mode: 'all' }).expect(303);
    await post(`/admin/categories/${c.id}/assign`).expect(200);
    const [criterion] = await t.ds.query(`SELECT id FROM criterion WHERE category_id = $1`, [c.id]);
    const n = c.nominations[2].id;
    await t.ds.transaction((m) => confirmNoConflict(m, jurors[2], n));
    expect((await t.ds.transaction((m) => saveScorecard(m, jurors[2], n, { scores: { [criterion.id]: '4' }, comment: '' }, 'submit'))).ok).toBe(true);
    const refused = await post(`/admin/categories/${c.id}/panel`, { jurorIds: [String(jurors[0])], chairId: String(jurors[0]), mode: 'all' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="jurorIds-error">Нельзя вывести из состава: уже отправили оценки — Зайцева Ольга Дмитриевна\./);
    await post(`/admin/categories/${c.id}/panel`, { jurorIds: [String(jurors[0]), String(jurors[2])], chairId: String(jurors[2]), mode: 'all' }).expect(303);
    const rows: Array<{ j: number }> = await pairs(c.id);
    expect(rows.filter((r) => r.j === jurors[1])).toEqual([]);
    expect(rows.filter((r) => r.j === jurors[2])).toHaveLength(4);
  });
});
