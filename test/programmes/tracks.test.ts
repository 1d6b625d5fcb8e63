import { signIn, useTestApp, type Agent } from '../support/harness';
import { auditOf, insertNomination } from '../support/cycle-fixtures';
import { nextCycleCode } from '../support/fixtures';

const trackForm = (over: Record<string, string | string[]> = {}) => ({
  name: 'Неонатология',
  description: 'Выхаживание недоношенных детей.',
  hostInstitution: 'НМИЦ здоровья детей',
  city: 'Москва',
  country: 'Россия',
  startDate: '2027-03-01',
  endDate: '2027-03-26',
  academicHours: '144',
  format: 'in_person',
  places: '10',
  quotaPerMunicipality: '2',
  minYearsPractice: '3',
  specialty: 'педиатрия',
  language: '',
  languageLevel: '',
  requiredDocuments: ['recommendation', 'cv'],
  placeMethod: 'competitive',
  ...over,
});

describe('the admin sets up a programme of internships and its tracks', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
  });
  const post = (url: string, body: Record<string, unknown> = {}) => admin.agent.post(url).type('form').send({ _csrf: admin.csrf, ...body });
  let serial = 0;
  const createProgramme = async () => {
    serial += 1;
    const res = await post('/admin/cycles', { kind: 'programme', name: `Стажировки ${serial}`, slug: `internships-${serial}-${Date.now()}`, code: nextCycleCode(), year: '2027' });
    expect(res.status).toBe(303);
    return Number(/\/admin\/cycles\/(\d+)$/.exec(res.headers.location)![1]);
  };
  const tracksOf = async (cycleId: number) =>
    t.ds.query(`SELECT id, name, host_institution, start_date::text AS start, end_date::text AS "end", places, quota_per_municipality, language, language_level, required_documents, format, place_method FROM track WHERE cycle_id = $1 ORDER BY sort_order, id`, [cycleId]);

  it('creates a programme beside awards, and lists it with its kind', async () => {
    const form = await admin.agent.get('/admin/cycles/new?kind=programme');
    expect(form.text).toMatch(/id="kind-programme"[^>]*checked/);
    expect(form.text).toContain('Начало отбора');
    expect(form.text).not.toContain('Начало подведения итогов');
    const id = await createProgramme();
    const [row] = await t.ds.query(`SELECT kind, status FROM cycle WHERE id = $1`, [id]);
    expect(row).toEqual({ kind: 'programme', status: 'draft' });
    const list = await admin.agent.get('/admin/cycles');
    expect(list.text).toContain('Программа стажировок / обучения');
    const page = await admin.agent.get(`/admin/cycles/${id}`);
    expect(page.text).toContain('Направлений пока нет.');
    expect(page.text).toContain('Открыть приём заявок');
    expect((await auditOf(t.ds, 'cycle', id))[0].data).toMatchObject({ kind: 'programme' });
  });

  it('creates an award when no kind is chosen, as before', async () => {
    const res = await post('/admin/cycles', { name: 'Конкурс без вида', slug: `award-${Date.now()}`, code: nextCycleCode(), year: '2027' });
    expect(res.status).toBe(303);
    const [row] = await t.ds.query(`SELECT kind FROM cycle WHERE slug LIKE 'award-%'`);
    expect(row.kind).toBe('award');
  });

  it('refuses an unknown kind, keeping what was typed', async () => {
    const res = await post('/admin/cycles', { kind: 'festival', name: 'Фестиваль', slug: `fest-${Date.now()}`, code: nextCycleCode(), year: '2027' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('value="Фестиваль"');
  });

  it('adds a track with its host, dates, places and requirements, shows it, and audits it', async () => {
    const id = await createProgramme();
    expect((await admin.agent.get(`/admin/cycles/${id}/tracks/new`)).status).toBe(200);
    const res = await post(`/admin/cycles/${id}/tracks`, trackForm({ language: 'английский', languageLevel: 'B2' }));
    expect(res.status).toBe(303);
    const [row] = await tracksOf(id);
    expect(row).toMatchObject({
      name: 'Неонатология', host_institution: 'НМИЦ здоровья детей', start: '2027-03-01', end: '2027-03-26', places: 10, quota_per_municipality: 2,
      language: 'английский', language_level: 'B2', required_documents: ['recommendation', 'cv'], format: 'in_person', place_method: 'competitive',
    });
    const page = await admin.agent.get(`/admin/cycles/${id}`);
    expect(page.text).toContain('НМИЦ здоровья детей');
    expect(page.text).toContain('Всего 10 мест.');
    expect(page.text).toContain('английский (B2)');
    expect((await auditOf(t.ds, 'track', row.id)).map((e: { action: string }) => e.action)).toEqual(['track.created']);
  });

  it('explains each wrong field, keeps what was typed, and saves nothing', async () => {
    const id = await createProgramme();
    const res = await post(`/admin/cycles/${id}/tracks`, trackForm({ hostInstitution: ' ', places: '0', format: 'by-pigeon', startDate: '2027-02-30' }));
    expect(res.status).toBe(400);
    expect(res.text).toContain('Заполните это поле.');
    expect(res.text).toContain('Укажите дату, например 2027-03-01.');
    expect(res.text).toContain('Выберите один из вариантов.');
    expect(res.text).toContain('value="Неонатология"');
    expect(await tracksOf(id)).toEqual([]);

    const backwards = await post(`/admin/cycles/${id}/tracks`, trackForm({ endDate: '2027-02-01', quotaPerMunicipality: '11', languageLevel: 'C1' }));
    expect(backwards.status).toBe(400);
    expect(backwards.text).toContain('Укажите язык, к которому относится уровень');
    expect(backwards.text).toContain('Дата окончания раньше даты начала.');
    expect(backwards.text).toContain('Квота муниципалитета не может быть больше числа мест.');
    expect(await tracksOf(id)).toEqual([]);
  });

  it('refuses a second track of the same name in the programme', async () => {
    const id = await createProgramme();
    await post(`/admin/cycles/${id}/tracks`, trackForm()).expect(303);
    const res = await post(`/admin/cycles/${id}/tracks`, trackForm({ name: 'НЕОНАТОЛОГИЯ' }));
    expect(res.status).toBe(400);
    expect(res.text).toContain('Направление с таким названием в программе уже есть.');
    expect(await tracksOf(id)).toHaveLength(1);
  });

  it('edits a track and audits the change', async () => {
    const id = await createProgramme();
    await post(`/admin/cycles/${id}/tracks`, trackForm()).expect(303);
    const [track] = await tracksOf(id);
    const form = await admin.agent.get(`/admin/tracks/${track.id}/edit`);
    expect(form.text).toContain('value="2027-03-26"');
    await post(`/admin/tracks/${track.id}`, trackForm({ places: '12', format: 'blended', placeMethod: 'direct', country: 'Германия', city: 'Берлин' })).expect(303);
    const [row] = await tracksOf(id);
    expect(row).toMatchObject({ places: 12, format: 'blended', place_method: 'direct' });
    expect((await auditOf(t.ds, 'track', track.id)).map((e: { action: string }) => e.action)).toEqual(['track.created', 'track.updated']);
    const bad = await post(`/admin/tracks/${track.id}`, trackForm({ academicHours: 'много' }));
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('value="много"');
    expect((await tracksOf(id))[0].places).toBe(12);
  });

  it('deletes a track no application ranks, and keeps one an application ranks', async () => {
    const id = await createProgramme();
    await post(`/admin/cycles/${id}/tracks`, trackForm()).expect(303);
    await post(`/admin/cycles/${id}/tracks`, trackForm({ name: 'Детская кардиология' })).expect(303);
    const [chosen, free] = await tracksOf(id);
    const nomination = await insertNomination(t.ds, id, null, 'draft');
    await t.ds.query(`INSERT INTO track_preference (nomination_id, rank, track_id) VALUES ($1, 1, $2)`, [nomination, chosen.id]);

    const page = await admin.agent.get(`/admin/cycles/${id}`);
    expect(page.text).toContain(`action="/admin/tracks/${free.id}/delete"`);
    expect(page.text).not.toContain(`action="/admin/tracks/${chosen.id}/delete"`);

    const refused = await post(`/admin/tracks/${chosen.id}/delete`);
    expect(refused.status).toBe(303);
    expect((await admin.agent.get(`/admin/cycles/${id}`)).text).toContain('Направление нельзя удалить: его выбрали 1 заявка.');
    await post(`/admin/tracks/${free.id}/delete`).expect(303);
    expect((await tracksOf(id)).map((r: { name: string }) => r.name)).toEqual(['Неонатология']);
    expect((await auditOf(t.ds, 'track', free.id)).map((e: { action: string }) => e.action)).toEqual(['track.created', 'track.deleted']);
  });

  it('has no categories, and an award has no tracks', async () => {
    const id = await createProgramme();
    expect((await admin.agent.get(`/admin/cycles/${id}/categories/new`)).status).toBe(404);
    expect((await post(`/admin/cycles/${id}/categories`, { name: 'Номинация', maxWinners: '1' })).status).toBe(404);
    const [award] = await t.ds.query(`SELECT id FROM cycle WHERE kind = 'award' LIMIT 1`);
    expect((await admin.agent.get(`/admin/cycles/${award.id}/tracks/new`)).status).toBe(404);
    expect((await post(`/admin/cycles/${award.id}/tracks`, trackForm())).status).toBe(404);
  });
});
