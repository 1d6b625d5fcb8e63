import { signIn, useTestApp, type Agent } from '../support/harness';
import { auditOf, insertCategory, insertCycle, insertNomination } from '../support/cycle-fixtures';

const categoryForm = (over: Record<string, string | string[]> = {}) => ({
  name: 'Участковый педиатр',
  description: 'Для врачей участковой службы.',
  maxWinners: '3',
  quotaPerMunicipality: '2',
  minYearsPractice: '5',
  pastWinnersExcludedYears: '3',
  requiredDocuments: ['recommendation', 'cv'],
  ...over,
});

describe('the admin sets up the categories of a cycle', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
  });
  const post = (url: string, body: Record<string, unknown> = {}) => admin.agent.post(url).type('form').send({ _csrf: admin.csrf, ...body });
  const namesIn = async (cycleId: number) =>
    (await t.ds.query(`SELECT name FROM category WHERE cycle_id = $1 ORDER BY sort_order, id`, [cycleId])).map((r: { name: string }) => r.name);

  it('adds a category with its winners, quota and eligibility rules, and shows them on the cycle page', async () => {
    const cycleId = await insertCycle(t.ds);
    expect((await admin.agent.get(`/admin/cycles/${cycleId}/categories/new`)).status).toBe(200);
    const res = await post(`/admin/cycles/${cycleId}/categories`, categoryForm());
    expect(res.status).toBe(303);
    const [row] = await t.ds.query(`SELECT * FROM category WHERE cycle_id = $1`, [cycleId]);
    expect(row).toMatchObject({
      name: 'Участковый педиатр', max_winners: 3, quota_per_municipality: 2, min_years_practice: 5,
      past_winners_excluded_years: 3, required_documents: ['recommendation', 'cv'], sort_order: 1,
    });
    const page = await admin.agent.get(`/admin/cycles/${cycleId}`);
    expect(page.text).toContain('Участковый педиатр');
    expect(page.text).toContain('Ходатайство (характеристика), Резюме');
    expect((await auditOf(t.ds, 'category', row.id)).map((e: { action: string }) => e.action)).toEqual(['category.created']);
  });

  it('reads an empty quota as no limit and empty rules as none', async () => {
    const cycleId = await insertCycle(t.ds);
    await post(`/admin/cycles/${cycleId}/categories`, categoryForm({ quotaPerMunicipality: '', minYearsPractice: '', pastWinnersExcludedYears: '', requiredDocuments: [] })).expect(303);
    const [row] = await t.ds.query(`SELECT * FROM category WHERE cycle_id = $1`, [cycleId]);
    expect(row).toMatchObject({ quota_per_municipality: null, min_years_practice: 0, past_winners_excluded_years: 0, required_documents: [] });
    expect((await admin.agent.get(`/admin/cycles/${cycleId}`)).text).toContain('без ограничения');
  });

  it('explains each wrong field and keeps what was typed and ticked', async () => {
    const cycleId = await insertCycle(t.ds);
    const res = await post(`/admin/cycles/${cycleId}/categories`, categoryForm({
      name: ' ', maxWinners: '0', quotaPerMunicipality: '0', minYearsPractice: 'пять', pastWinnersExcludedYears: '-1', requiredDocuments: ['diploma', 'passport'],
    }));
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="name-error">Заполните это поле\./);
    expect(res.text).toMatch(/id="maxWinners-error">Не меньше 1\./);
    expect(res.text).toMatch(/id="quotaPerMunicipality-error">Не меньше 1\./);
    expect(res.text).toMatch(/id="minYearsPractice-error">Введите целое число\./);
    expect(res.text).toMatch(/id="pastWinnersExcludedYears-error">Не меньше 0\./);
    expect(res.text).toMatch(/id="requiredDocuments-error">/);
    expect(res.text).toContain('value="пять"');
    expect(res.text).toMatch(/value="diploma" checked/);
    expect(await namesIn(cycleId)).toEqual([]);
  });

  it('keeps names unique within a cycle, but not across cycles', async () => {
    const cycleId = await insertCycle(t.ds);
    const otherCycle = await insertCycle(t.ds);
    await insertCategory(t.ds, cycleId, 'Неонатолог');
    const dup = await post(`/admin/cycles/${cycleId}/categories`, categoryForm({ name: 'неонатолог' }));
    expect(dup.status).toBe(400);
    expect(dup.text).toContain('В этом конкурсе уже есть номинация с таким названием.');
    await post(`/admin/cycles/${otherCycle}/categories`, categoryForm({ name: 'Неонатолог' })).expect(303);
  });

  it('edits a category', async () => {
    const cycleId = await insertCycle(t.ds);
    const id = await insertCategory(t.ds, cycleId, 'Старое название');
    const edit = await admin.agent.get(`/admin/categories/${id}/edit`);
    expect(edit.text).toContain('value="Старое название"');
    await post(`/admin/categories/${id}`, categoryForm({ name: 'Новое название', requiredDocuments: 'publications' })).expect(303);
    const [row] = await t.ds.query(`SELECT name, required_documents FROM category WHERE id = $1`, [id]);
    expect(row).toEqual({ name: 'Новое название', required_documents: ['publications'] });
  });

  it('moves categories up and down the page, and does nothing past either end', async () => {
    const cycleId = await insertCycle(t.ds);
    const a = await insertCategory(t.ds, cycleId, 'А', 1);
    const b = await insertCategory(t.ds, cycleId, 'Б', 2);
    const c = await insertCategory(t.ds, cycleId, 'В', 3);
    await post(`/admin/categories/${c}/move`, { direction: 'up' }).expect(303);
    expect(await namesIn(cycleId)).toEqual(['А', 'В', 'Б']);
    await post(`/admin/categories/${a}/move`, { direction: 'down' }).expect(303);
    expect(await namesIn(cycleId)).toEqual(['В', 'А', 'Б']);
    await post(`/admin/categories/${b}/move`, { direction: 'down' }).expect(303);
    await post(`/admin/categories/${c}/move`, { direction: 'up' }).expect(303);
    expect(await namesIn(cycleId)).toEqual(['В', 'А', 'Б']);
    expect((await post(`/admin/categories/${a}/move`, { direction: 'sideways' })).status).toBe(400);
  });

  it('deletes a category without nominations, and refuses one with any, saying why', async () => {
    const cycleId = await insertCycle(t.ds);
    const empty = await insertCategory(t.ds, cycleId, 'Пустая');
    const used = await insertCategory(t.ds, cycleId, 'С заявками');
    await insertNomination(t.ds, cycleId, used, 'draft');
    await insertNomination(t.ds, cycleId, used, 'submitted');

    const refused = await post(`/admin/categories/${used}/delete`);
    expect(refused.status).toBe(303);
    const page = await admin.agent.get(refused.headers.location);
    expect(page.text).toContain('Номинацию нельзя удалить: в ней уже есть заявки (2 заявки).');
    expect(page.text).not.toContain(`action="/admin/categories/${used}/delete"`);
    expect(await namesIn(cycleId)).toEqual(['Пустая', 'С заявками']);

    await post(`/admin/categories/${empty}/delete`).expect(303);
    expect(await namesIn(cycleId)).toEqual(['С заявками']);
    expect((await auditOf(t.ds, 'category', empty)).map((e: { action: string }) => e.action)).toEqual(['category.deleted']);
  });

  it('answers 404 for a category or cycle that does not exist or a malformed id', async () => {
    for (const url of ['/admin/categories/99999/edit', '/admin/categories/abc/edit', '/admin/cycles/99999/categories/new']) {
      expect({ url, status: (await admin.agent.get(url)).status }).toEqual({ url, status: 404 });
    }
    for (const url of ['/admin/categories/99999', '/admin/categories/99999/move', '/admin/categories/0/delete', '/admin/cycles/99999/categories']) {
      expect({ url, status: (await post(url, { ...categoryForm(), direction: 'up' })).status }).toEqual({ url, status: 404 });
    }
  });
});
