import { signIn, useTestApp, type Agent } from '../support/harness';
import { auditOf, insertCategory, insertCycle } from '../support/cycle-fixtures';
import { forbiddenChanges, lockedFields, mayChangeCategory } from '../../src/cycles/category-rules';
import type { CycleStatus } from '../../src/cycles/cycle.entity';
import { PHASES_OF } from '../../src/cycles/phases';
import type { CategoryInput } from '../../src/cycles/categories';

const stored: CategoryInput = {
  name: 'Участковый педиатр', description: '', maxWinners: 1, quotaPerMunicipality: null,
  minYearsPractice: 0, pastWinnersExcludedYears: 0, requiredDocuments: ['recommendation', 'cv'],
};

describe('what the phase allows to change in categories', () => {
  it('allows adding a category only while officers can still nominate into it', () => {
    const adding = Object.fromEntries(PHASES_OF.award.map((s) => [s, mayChangeCategory(s, 'add')]));
    expect(adding).toEqual({ draft: true, nominations_open: true, screening: false, judging: false, deliberation: false, approved: false, published: false, archived: false });
  });

  it('locks the rules from screening, the number of winners from judging, and everything once results are approved', () => {
    const locked = (s: CycleStatus) => lockedFields(s);
    expect(locked('nominations_open')).toEqual([]);
    expect(locked('screening')).toEqual(['quotaPerMunicipality', 'minYearsPractice', 'pastWinnersExcludedYears', 'requiredDocuments']);
    expect(locked('judging')).toEqual(['maxWinners', 'quotaPerMunicipality', 'minYearsPractice', 'pastWinnersExcludedYears', 'requiredDocuments']);
    expect(locked('deliberation')).toEqual(locked('judging'));
    expect(locked('published')).toEqual(['name', 'description', 'maxWinners', 'quotaPerMunicipality', 'minYearsPractice', 'pastWinnersExcludedYears', 'requiredDocuments']);
  });

  it('names only the locked fields an edit would really change (documents in any order are the same)', () => {
    expect(forbiddenChanges('judging', stored, { ...stored, description: 'Исправлено', requiredDocuments: ['cv', 'recommendation'] })).toEqual([]);
    expect(forbiddenChanges('judging', stored, { ...stored, maxWinners: 3, minYearsPractice: 5 })).toEqual(['maxWinners', 'minYearsPractice']);
  });
});

describe('the admin edits categories during judging', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
  });
  const post = (url: string, body: Record<string, unknown> = {}) => admin.agent.post(url).type('form').send({ _csrf: admin.csrf, ...body });
  const rowOf = async (id: number) => (await t.ds.query(`SELECT name, description, max_winners, min_years_practice FROM category WHERE id = $1`, [id]))[0];

  it('offers no «Добавить номинацию» and says why, and refuses a category sent anyway', async () => {
    const cycleId = await insertCycle(t.ds, { status: 'judging' });
    await insertCategory(t.ds, cycleId, 'Участковый педиатр');
    const page = await admin.agent.get(`/admin/cycles/${cycleId}`);
    expect(page.text).not.toContain(`href="/admin/cycles/${cycleId}/categories/new"`);
    expect(page.text).toContain('Новую номинацию можно добавить только до закрытия приёма заявок (сейчас этап «работа жюри»)');
    const form = await admin.agent.get(`/admin/cycles/${cycleId}/categories/new`);
    expect(form.text).not.toContain(`action="/admin/cycles/${cycleId}/categories"`);
    const res = await post(`/admin/cycles/${cycleId}/categories`, { name: 'Неонатолог', maxWinners: '1' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Новую номинацию можно добавить только до закрытия приёма заявок');
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM category WHERE cycle_id = $1`, [cycleId]))[0].n).toBe(1);
  });

  it('shows the winners and rules disabled with the reason, and saves a corrected name and description', async () => {
    const cycleId = await insertCycle(t.ds, { status: 'judging' });
    const id = await insertCategory(t.ds, cycleId, 'Участковй педиатр');
    const page = await admin.agent.get(`/admin/categories/${id}/edit`);
    expect(page.text).toContain('можно исправить только название и описание');
    expect(page.text).toMatch(/id="maxWinners" name="maxWinners"[^>]*disabled/);
    expect(page.text).toMatch(/<fieldset disabled>\s*<legend>Обязательные документы/);
    expect(page.text).not.toMatch(/id="name" name="name"[^>]*disabled/);
    // the browser sends no disabled field: they stay as they are
    const res = await post(`/admin/categories/${id}`, { name: 'Участковый педиатр', description: 'Для врачей участковой службы.' });
    expect(res.status).toBe(303);
    expect(await rowOf(id)).toEqual({ name: 'Участковый педиатр', description: 'Для врачей участковой службы.', max_winners: 1, min_years_practice: 0 });
  });

  it('refuses a change of the number of winners or the rules sent anyway, naming each field, and saves nothing', async () => {
    const cycleId = await insertCycle(t.ds, { status: 'deliberation' });
    const id = await insertCategory(t.ds, cycleId, 'Неонатолог');
    const res = await post(`/admin/categories/${id}`, { name: 'Неонатолог года', maxWinners: '3', minYearsPractice: '5' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Номинация не сохранена: на этапе «подведение итогов» отмеченные поля менять нельзя.');
    expect(res.text).toMatch(/id="maxWinners-error">На этапе «подведение итогов» это поле изменить нельзя\./);
    expect(res.text).toMatch(/id="minYearsPractice-error">На этапе «подведение итогов» это поле изменить нельзя\./);
    expect(await rowOf(id)).toEqual({ name: 'Неонатолог', description: '', max_winners: 1, min_years_practice: 0 });
    expect(await auditOf(t.ds, 'category', id)).toEqual([]);
  });

  it('offers no «Изменить» once results are published, and refuses any edit', async () => {
    const cycleId = await insertCycle(t.ds, { status: 'published' });
    const id = await insertCategory(t.ds, cycleId, 'Детский хирург');
    expect((await admin.agent.get(`/admin/cycles/${cycleId}`)).text).not.toContain(`href="/admin/categories/${id}/edit"`);
    const res = await post(`/admin/categories/${id}`, { name: 'Детский хирург года' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('номинацию больше нельзя изменить');
    expect((await rowOf(id)).name).toBe('Детский хирург');
  });

  it('lets the rules change during screening no more, but the number of winners yes', async () => {
    const cycleId = await insertCycle(t.ds, { status: 'screening' });
    const id = await insertCategory(t.ds, cycleId, 'Наставник');
    await post(`/admin/categories/${id}`, { name: 'Наставник', maxWinners: '2' }).expect(303);
    expect((await rowOf(id)).max_winners).toBe(2);
    expect((await post(`/admin/categories/${id}`, { name: 'Наставник', maxWinners: '2', minYearsPractice: '10' })).status).toBe(409);
  });
});
