import { signIn, useTestApp, type Agent } from '../support/harness';
import { auditOf } from '../support/cycle-fixtures';
import { createEvent, eventForm } from './registration-fixtures';

describe('the organiser sets up an event', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
  });
  const post = (url: string, body: Record<string, unknown>) => admin.agent.post(url).type('form').send({ _csrf: admin.csrf, ...body });

  it('offers a new event form with every participant type, a colour each, and a consent text naming the operator', async () => {
    const res = await admin.agent.get('/admin/events/new');
    expect(res.status).toBe(200);
    for (const label of ['врач', 'докладчик', 'гость', 'пресса', 'лауреат', 'организатор']) expect(res.text).toContain(label);
    expect(res.text).toContain('type="color"');
    expect(res.text).toMatch(/152-ФЗ[^<]*Министерство здравоохранения/);
  });

  it('creates an event with a slug made from its name, lists it and audits it', async () => {
    const res = await post('/admin/events', eventForm({ name: 'Педиатрия как искусство', slug: '' }));
    expect(res.status).toBe(303);
    const id = Number(/(\d+)$/.exec(res.headers.location)![1]);
    const [row] = await t.ds.query(`SELECT slug, capacity, published, participant_types FROM event WHERE id = $1`, [id]);
    expect(row.slug).toBe('pediatriya-kak-iskusstvo');
    expect(row.participant_types).toEqual([
      { type: 'doctor', colour: '#1f6fb2', selfService: true },
      { type: 'guest', colour: '#3a8f3a', selfService: true },
      { type: 'laureate', colour: '#c49a00', selfService: false },
    ]);
    const list = await admin.agent.get('/admin/events');
    expect(list.text).toContain('Педиатрия как искусство');
    expect((await auditOf(t.ds, 'event', id))[0].action).toBe('event.created');
  });

  it('refuses a bad form with messages, keeping what was typed, and saves nothing', async () => {
    const before = await t.ds.query(`SELECT count(*)::int AS n FROM event`);
    const slug = await post('/admin/events', eventForm({ name: 'Форум', slug: 'Плохой адрес', capacity: '0' }));
    expect(slug.status).toBe(400);
    expect(slug.text).toContain('Только строчные латинские буквы');
    expect(slug.text).toContain('value="Плохой адрес"');
    const res = await post('/admin/events', eventForm({ name: 'Форум без места', venue: '', type_doctor_admitted: '', type_guest_admitted: '', type_laureate_admitted: '', endsAt: '2020-01-01T10:00' }));
    expect(res.status).toBe(400);
    expect(res.text).toContain('value="Форум без места"');
    expect(res.text).toContain('Укажите место проведения (адрес).');
    expect(res.text).toContain('Отметьте хотя бы один тип участника.');
    expect(res.text).toContain('Окончание не может быть раньше начала.');
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM event`)).toEqual(before);
  });

  it('asks an online event for its joining link before publishing, and refuses a taken slug', async () => {
    const online = await post('/admin/events', eventForm({ format: 'online', venue: '', joinUrl: '' }));
    expect(online.status).toBe(400);
    expect(online.text).toContain('нужна ссылка для подключения');
    const draft = await post('/admin/events', eventForm({ format: 'online', venue: '', joinUrl: '', published: '' }));
    expect(draft.status).toBe(303);
    const { slug } = await createEvent(admin);
    const taken = await post('/admin/events', eventForm({ slug }));
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('Такой адрес страницы уже занят');
  });

  it('edits an event, keeping the capacity at or above the confirmed registrations', async () => {
    const { id, slug } = await createEvent(admin, { capacity: '5' });
    for (let i = 0; i < 3; i++) {
      await t.ds.query(
        `INSERT INTO registration (event_id, status, number, last_name, first_name, email, participant_type, token_hash, consent_at) VALUES ($1, 'confirmed', $2, 'Тест', 'Тест', $3, 'doctor', $4, now())`,
        [id, i + 1, `p${i}-${id}@example.org`, `hash-${id}-${i}`],
      );
    }
    const edit = await admin.agent.get(`/admin/events/${id}/edit`);
    expect(edit.text).toContain(`value="${slug}"`);
    const low = await post(`/admin/events/${id}`, eventForm({ slug, capacity: '2' }));
    expect(low.status).toBe(400);
    expect(low.text).toContain('Мест не может быть меньше подтверждённых регистраций (3).');
    const moved = await post(`/admin/events/${id}`, eventForm({ slug: `${slug}-new` }));
    expect(moved.status).toBe(400);
    expect(moved.text).toContain('Адрес страницы нельзя изменить');
    expect((await post(`/admin/events/${id}`, eventForm({ slug, cycleId: '999999' }))).status).toBe(400);
    const ok = await post(`/admin/events/${id}`, eventForm({ slug, capacity: '3', name: 'Новое имя' }));
    expect(ok.status).toBe(303);
    const [row] = await t.ds.query(`SELECT name, capacity FROM event WHERE id = $1`, [id]);
    expect(row).toEqual({ name: 'Новое имя', capacity: 3 });
    expect((await auditOf(t.ds, 'event', id)).map((a: { action: string }) => a.action)).toContain('event.updated');
  });

  it('shows the event page with counters, filters the registrations by surname, status and type, and pages them', async () => {
    const { id } = await createEvent(admin);
    for (let i = 0; i < 55; i++) {
      await t.ds.query(
        `INSERT INTO registration (event_id, status, number, last_name, first_name, email, participant_type, token_hash, consent_at) VALUES ($1, $2, $3, $4, 'Анна', $5, $6, $7, now())`,
        [id, i < 50 ? 'confirmed' : 'waiting', i + 1, i === 7 ? 'Сидорова' : `Участник${i}`, `r${i}-${id}@example.org`, i % 2 ? 'guest' : 'doctor', `h-${id}-${i}`],
      );
    }
    const page = await admin.agent.get(`/admin/events/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/id="count-confirmed">50</);
    expect(page.text).toMatch(/id="count-waiting">5</);
    expect(page.text).toContain('Показаны 1–50 из 55.');
    expect((await admin.agent.get(`/admin/events/${id}?page=2`)).text).toContain('Показаны 51–55 из 55.');
    const found = await admin.agent.get(`/admin/events/${id}?surname=сидор`);
    expect(found.text).toContain('Сидорова');
    expect(found.text).toContain('Показаны 1–1 из 1.');
    expect((await admin.agent.get(`/admin/events/${id}?status=waiting&type=doctor`)).text).toContain('Показаны 1–3 из 3.');
  });
});
