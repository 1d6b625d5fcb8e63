import { signIn, useTestApp, type Agent } from '../support/harness';
import { nextCycleCode } from '../support/fixtures';
import { completeFields, fieldError, PDF, postForm, textOf, type Fields, type Upload } from '../support/officer-forms';
import { trackForm } from '../support/application-fixtures';

const CV: Upload = { slot: 1, name: 'Резюме.pdf', data: PDF };
const RECOMMENDATION: Upload = { slot: 0, name: 'Рекомендация.pdf', data: PDF };
const MOTIVATION = 'Хочу освоить выхаживание недоношенных детей и передать опыт коллегам района.';

describe('an officer applies for a doctor to a programme with ranked track preferences', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let officer: { agent: Agent; csrf: string };
  let cycleId: number;
  const tracks: Record<string, number> = {};
  const adminPost = (url: string, body: Record<string, unknown> = {}) => admin.agent.post(url).type('form').send({ _csrf: admin.csrf, ...body });
  const nominationCount = async () => (await t.ds.query(`SELECT count(*)::int AS n FROM nomination WHERE cycle_id = $1`, [cycleId]))[0].n as number;
  /** An application's fields: the doctor as any nomination's, a motivation, the chosen tracks (no category). */
  const application = (over: Fields = {}): Fields => ({ ...completeFields(0), categoryId: undefined, motivation: MOTIVATION, action: 'submit', ...over });
  const apply = (fields: Fields, uploads: Upload[] = [CV, RECOMMENDATION]) => postForm(officer.agent, `/officer/cycles/${cycleId}/nominations`, officer.csrf, fields, uploads);

  async function createProgramme(name: string, scope: 'programme' | 'track', trackForms: Array<ReturnType<typeof trackForm>>): Promise<number> {
    const res = await adminPost('/admin/cycles', { kind: 'programme', name, slug: `prog-${nextCycleCode().toLowerCase()}-${Date.now()}`, code: nextCycleCode(), year: '2027' });
    const id = Number(/\/admin\/cycles\/(\d+)$/.exec(res.headers.location)![1]);
    await t.ds.query(`UPDATE cycle SET ranking_scope = $2 WHERE id = $1`, [id, scope]);
    for (const form of trackForms) await adminPost(`/admin/cycles/${id}/tracks`, form).expect(303);
    await t.ds.query(`UPDATE cycle SET status = 'nominations_open', nominations_start = now() - interval '1 day', nominations_end = now() + interval '10 days' WHERE id = $1`, [id]);
    return id;
  }

  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
    officer = await signIn(t.app, 'officer@example.org');
    cycleId = await createProgramme('Наш детский врач — стажировки 2027', 'programme', [
      trackForm('Неонатология в Москве', { minYearsPractice: '5', specialty: 'Педиатрия', requiredDocuments: ['cv'] }),
      trackForm('Клиника Шарите', { city: 'Берлин', country: 'Германия', language: 'английский', languageLevel: 'B2', requiredDocuments: ['recommendation'] }),
      trackForm('Кардиология'),
      trackForm('Делегация Казахстана', { placeMethod: 'direct' }),
    ]);
    for (const r of await t.ds.query(`SELECT id, name FROM track WHERE cycle_id = $1`, [cycleId])) tracks[r.name] = r.id;
  });
  const ranked = (...names: string[]) => Object.fromEntries(names.map((n, i) => [`pref${i + 1}`, String(tracks[n])]));

  it('shows the open programme on the officer’s home page with its tracks, not categories', async () => {
    const home = await officer.agent.get('/officer');
    expect(home.text).toContain('Наш детский врач — стажировки 2027');
    expect(home.text).toContain('Подать заявку на стажировку');
    expect(home.text).toContain('Клиника Шарите');
    expect(home.text).not.toContain('Делегация Казахстана');
  });

  it('offers three ranked choices of the competitive tracks and the language level instead of the category', async () => {
    const form = await officer.agent.get(`/officer/cycles/${cycleId}/nominations/new`);
    expect(form.status).toBe(200);
    const text = textOf(form.text);
    for (const label of ['1-й выбор', '2-й выбор', '3-й выбор', 'Уровень владения языком: английский']) expect(text).toContain(label);
    expect(form.text).not.toContain('id="categoryId"');
    expect(form.text).not.toContain(`<option value="${tracks['Делегация Казахстана']}"`);
  });

  it('refuses an application without a motivation, keeping what was typed and saving nothing', async () => {
    const res = await apply(application({ motivation: '', ...ranked('Кардиология') }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'motivation')).toBe('Заполните это поле.');
    expect(res.text).toMatch(new RegExp(`<option value="${tracks['Кардиология']}" selected`));
    expect(res.text).toContain('value="Иванова"');
    expect(await nominationCount()).toBe(0);
  });

  it('refuses one without the doctor’s email: the place offer is mailed to it', async () => {
    const res = await apply(application({ 'nominee.email': '', ...ranked('Кардиология') }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'nominee-email')).toBe('Укажите электронную почту врача: на неё придёт предложение места.');
    expect(await nominationCount()).toBe(0);
  });

  it('refuses one without a track, or without a document a chosen track requires', async () => {
    const none = await apply(application());
    expect(none.status).toBe(422);
    expect(fieldError(none.text, 'pref1')).toBe('Выберите хотя бы одно направление.');
    const noCv = await apply(application({ 'nominee.yearsOfPractice': 12, ...ranked('Неонатология в Москве') }), [RECOMMENDATION]);
    expect(noCv.status).toBe(422);
    expect(fieldError(noCv.text, 'documents')).toBe('Не хватает обязательных документов: резюме.');
    expect(await nominationCount()).toBe(0);
  });

  it('refuses the same track twice, and a delegation’s track, next to the choice', async () => {
    const twice = await apply(application(ranked('Кардиология', 'Кардиология')));
    expect(twice.status).toBe(400);
    expect(fieldError(twice.text, 'pref2')).toBe('Это направление уже выбрано выше: выберите другое.');
    const direct = await apply(application(ranked('Делегация Казахстана')));
    expect(direct.status).toBe(400);
    expect(fieldError(direct.text, 'pref1')).toContain('напрямую');
    expect(await nominationCount()).toBe(0);
  });

  it('refuses a doctor who does not meet a chosen track’s years, specialty or language', async () => {
    const young = await apply(application({ 'nominee.yearsOfPractice': 2, ...ranked('Неонатология в Москве') }));
    expect(young.status).toBe(422);
    expect(fieldError(young.text, 'pref1')).toBe('Направление «Неонатология в Москве» требует стажа не менее 5 лет.');
    const surgeon = await apply(application({ 'nominee.specialty': 'детская хирургия', ...ranked('Кардиология', 'Неонатология в Москве') }));
    expect(fieldError(surgeon.text, 'pref2')).toBe('Направление «Неонатология в Москве» только для специальности «Педиатрия».');
    const weak = await apply(application({ languages: ['английский|B1'], ...ranked('Клиника Шарите') }));
    expect(weak.status).toBe(422);
    expect(fieldError(weak.text, 'pref1')).toContain('не ниже B2');
    expect(weak.text).toMatch(/<option value="английский\|B1" selected/);
    expect(await nominationCount()).toBe(0);
  });

  it('submits an application with three preferences and the documents, in the programme’s ranking', async () => {
    const res = await apply(application({ 'nominee.specialty': ' педиатрия ', languages: ['английский|C1'], ...ranked('Клиника Шарите', 'Неонатология в Москве', 'Кардиология') }));
    expect(res.status).toBe(303);
    const id = Number(/\/officer\/nominations\/(\d+)$/.exec(res.headers.location)![1]);
    const [row] = await t.ds.query(`SELECT n.status, k.name FROM nomination n JOIN category k ON k.id = n.category_id WHERE n.id = $1`, [id]);
    expect(row).toEqual({ status: 'submitted', name: 'Наш детский врач — стажировки 2027' });
    const prefs = await t.ds.query(`SELECT rank, track_id AS "trackId" FROM track_preference WHERE nomination_id = $1 ORDER BY rank`, [id]);
    expect(prefs).toEqual([{ rank: 1, trackId: tracks['Клиника Шарите'] }, { rank: 2, trackId: tracks['Неонатология в Москве'] }, { rank: 3, trackId: tracks['Кардиология'] }]);
    const page = await officer.agent.get(`/officer/nominations/${id}`);
    expect(textOf(page.text)).toMatch(/Клиника Шарите .*Неонатология в Москве .*Кардиология/);
  });

  it('shows the submitted application in its own words: the applying doctor and their motivation, the programme named once', async () => {
    const [{ id }] = await t.ds.query(`SELECT id FROM nomination WHERE cycle_id = $1`, [cycleId]);
    const text = textOf((await officer.agent.get(`/officer/nominations/${id}`)).text);
    expect(text).toContain('Врач-заявитель');
    expect(text).toContain('Мотивация: зачем врачу эта стажировка');
    expect(text).not.toContain('Почему номинант достоин награды');
    expect(text.split('Наш детский врач — стажировки 2027').length - 1).toBe(1);
  });

  it('refuses the same doctor a second application to the programme', async () => {
    const again = await apply(application({ 'nominee.specialty': 'педиатрия', languages: ['английский|C1'], ...ranked('Кардиология') }));
    expect(again.status).toBe(422);
    expect(fieldError(again.text, 'categoryId')).toBeTruthy();
    expect(await nominationCount()).toBe(1);
  });

  it('refuses a second application under another name with the same email, since the place is offered by it', async () => {
    const [{ email }] = await t.ds.query(`SELECT p.email FROM nomination n JOIN nominee p ON p.id = n.nominee_id WHERE n.cycle_id = $1`, [cycleId]);
    const again = await apply(application({ 'nominee.lastName': 'Смирнова', 'nominee.email': ` ${email.toUpperCase()} `, ...ranked('Кардиология') }));
    expect(again.status).toBe(422);
    expect(fieldError(again.text, 'nominee-email')).toContain('уже подана в эту программу');
    expect(again.text).toContain('value="Смирнова"');
    expect(await nominationCount()).toBe(1);
  });

  it('shows the preferences on the admin’s screening list and review page', async () => {
    const [{ id }] = await t.ds.query(`SELECT id FROM nomination WHERE cycle_id = $1`, [cycleId]);
    const list = await admin.agent.get(`/admin/cycles/${cycleId}/nominations`);
    expect(list.status).toBe(200);
    expect(list.text).toContain('1. Клиника Шарите; 2. Неонатология в Москве; 3. Кардиология');
    const review = await admin.agent.get(`/admin/nominations/${id}`);
    expect(textOf(review.text)).toContain('Направления по предпочтению 1. Клиника Шарите; 2. Неонатология в Москве; 3. Кардиология');
  });

  it('takes one track per application when the programme ranks each track apart', async () => {
    const byTrack = await createProgramme('Стажировки по направлениям', 'track', [trackForm('Пульмонология'), trackForm('Эндокринология')]);
    const ids: Record<string, number> = {};
    for (const r of await t.ds.query(`SELECT id, name, category_id FROM track WHERE cycle_id = $1`, [byTrack])) ids[r.name] = r.id;
    const form = await officer.agent.get(`/officer/cycles/${byTrack}/nominations/new`);
    expect(form.text).toContain('id="pref1"');
    expect(form.text).not.toContain('id="pref2"');
    const post = (fields: Fields) => postForm(officer.agent, `/officer/cycles/${byTrack}/nominations`, officer.csrf, fields, [CV]);
    const two = await post(application({ pref1: String(ids['Пульмонология']), pref2: String(ids['Эндокринология']) }));
    expect(two.status).toBe(400);
    expect(fieldError(two.text, 'pref1')).toBe('В этой программе выбирается одно направление.');
    const one = await post(application({ pref1: String(ids['Эндокринология']) }));
    expect(one.status).toBe(303);
    const [row] = await t.ds.query(`SELECT k.name FROM nomination n JOIN category k ON k.id = n.category_id WHERE n.cycle_id = $1`, [byTrack]);
    expect(row.name).toBe('Эндокринология');
  });
});
