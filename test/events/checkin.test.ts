import request from 'supertest';
import { csrfOf, signIn, useTestApp, type Agent } from '../support/harness';
import { BADGE_QR_PREFIX } from '../../src/events/badge';
import { doorEvent, person, registrar, type Person } from './checkin-fixtures';

describe('the door: a registrar finds people and checks them in, once', () => {
  const t = useTestApp();
  let event: { id: number; slug: string };
  let other: { id: number; slug: string };
  let ivanova: Person;
  let petrov: Person;
  let waiting: Person;
  let cancelled: Person;
  let door: Agent;
  let csrf: string;

  beforeAll(async () => {
    event = await doorEvent(t.ds);
    other = await doorEvent(t.ds, { name: 'Форум медицинских работников' });
    ivanova = await person(t.ds, event.id, { lastName: 'Иванова' });
    petrov = await person(t.ds, event.id, { lastName: 'Петров', firstName: 'Пётр', patronymic: 'Петрович', participantType: 'speaker' });
    await person(t.ds, event.id, { lastName: 'Иваненко', firstName: 'Олег' });
    waiting = await person(t.ds, event.id, { lastName: 'Ждущая', status: 'waiting' });
    cancelled = await person(t.ds, event.id, { lastName: 'Отменённая', status: 'cancelled' });
    await person(t.ds, other.id, { lastName: 'Чужая' });
    const r = await registrar(t.ds, 'Анна Иванова', [event.id]);
    ({ agent: door, csrf } = await signIn(t.app, r.email));
  });

  it('lists only the events the registrar is bound to, and another event’s door is not found', async () => {
    const list = await door.get('/checkin');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`/checkin/${event.id}`);
    expect(list.text).not.toContain(`/checkin/${other.id}"`);
    expect((await door.get(`/checkin/${other.id}`)).status).toBe(404);
    expect((await door.get(`/checkin/${other.id}/counters.json`)).status).toBe(404);
    expect((await door.get(`/checkin/${other.id}?q=Чужая`)).status).toBe(404);
  });

  it('opens a person’s card by the scanned QR text, by the bare code and by the number', async () => {
    const scanned = await door.get(`/checkin/${event.id}`).query({ q: `${BADGE_QR_PREFIX}${ivanova.badgeCode}` });
    expect(scanned.status).toBe(303);
    expect(scanned.headers.location).toBe(`/checkin/${event.id}/r/${ivanova.id}`);
    expect((await door.get(`/checkin/${event.id}`).query({ q: ivanova.badgeCode! })).headers.location).toBe(`/checkin/${event.id}/r/${ivanova.id}`);
    expect((await door.get(`/checkin/${event.id}`).query({ q: `№ 000${petrov.number}` })).headers.location).toBe(`/checkin/${event.id}/r/${petrov.id}`);
    const card = await door.get(`/checkin/${event.id}/r/${ivanova.id}`);
    expect(card.text).toContain('Можно впустить');
    expect(card.text).toContain('Отметить приход');
  });

  it('finds people by the start of the surname, with what the door would say of each', async () => {
    const res = await door.get(`/checkin/${event.id}`).query({ q: 'иван' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Иванова Мария Петровна');
    expect(res.text).toContain('Иваненко Олег');
    expect(res.text).not.toContain('Петров Пётр');
  });

  it('says «не найден» for a code or number it does not know, also one of another event', async () => {
    for (const q of ['LAUREATE-EVENT:AAAAAAAAAAAAAAAA', '9999', 'Чужая']) {
      const res = await door.get(`/checkin/${event.id}`).query({ q });
      expect(res.status).toBe(404);
      expect(res.text).toContain('Не найден');
    }
    expect((await door.get(`/checkin/${event.id}`).query({ q: 'И' })).status).toBe(400);
  });

  it('checks a confirmed person in with one tap; the second tap is told «уже отмечен», with when and by whom', async () => {
    const first = await door.post(`/checkin/${event.id}/r/${ivanova.id}`).type('form').send({ _csrf: csrf });
    expect(first.status).toBe(303);
    const card = await door.get(first.headers.location);
    expect(card.text).toContain('Приход отмечен');
    expect(card.text).toMatch(/Иванова Мария отмечен\(а\) в \d\d:\d\d/);
    expect(card.text).not.toContain('id="door-checkin"');
    // the same card opened again (another registrar, a second scan) says it was already done, when and by whom
    const again = await door.get(`/checkin/${event.id}/r/${ivanova.id}`);
    expect(again.text).toContain('Уже отмечен');
    expect(again.text).toMatch(/уже отмечен в \d\d:\d\d, регистратор Анна Иванова/);

    const second = await door.post(`/checkin/${event.id}/r/${ivanova.id}`).type('form').send({ _csrf: csrf });
    expect(second.status).toBe(409);
    expect(second.text).toContain('уже отмечен в');
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'registration.checkedIn' AND entity_id = $1`, [String(ivanova.id)]);
    expect(n).toBe(1);
  });

  it('does not let in someone on the waiting list or cancelled: the card says which, and a check-in is refused', async () => {
    const w = await door.get(`/checkin/${event.id}/r/${waiting.id}`);
    expect(w.text).toContain('В листе ожидания');
    expect(w.text).not.toContain('id="door-checkin"');
    expect((await door.post(`/checkin/${event.id}/r/${waiting.id}`).type('form').send({ _csrf: csrf })).status).toBe(409);
    const c = await door.get(`/checkin/${event.id}/r/${cancelled.id}`);
    expect(c.text).toContain('Регистрация отменена');
    expect((await door.post(`/checkin/${event.id}/r/${cancelled.id}`).type('form').send({ _csrf: csrf })).status).toBe(409);
    const [row] = await t.ds.query(`SELECT count(*)::int AS n FROM registration WHERE id = ANY($1) AND checked_in_at IS NOT NULL`, [[waiting.id, cancelled.id]]);
    expect(row.n).toBe(0);
  });

  it('checks a person in exactly once when twenty taps arrive at the same moment', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => door.post(`/checkin/${event.id}/r/${petrov.id}`).type('form').send({ _csrf: csrf })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'registration.checkedIn' AND entity_id = $1`, [String(petrov.id)]);
    expect(n).toBe(1);
  });

  it('counts registered, checked in and waiting, in all and by type, for the door’s live counters', async () => {
    const res = await door.get(`/checkin/${event.id}/counters.json`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ registered: 3, checkedIn: 2, waiting: 1 });
    expect(res.body.byType).toEqual([
      { type: 'doctor', registered: 2, checkedIn: 1, waiting: 1 },
      { type: 'speaker', registered: 1, checkedIn: 1, waiting: 0 },
      { type: 'laureate', registered: 0, checkedIn: 0, waiting: 0 },
    ]);
    const page = await door.get(`/checkin/${event.id}`);
    expect(page.text).toContain('data-count="checkedIn">2<');
  });

  it('prints the badge at the desk', async () => {
    const res = await door.get(`/checkin/${event.id}/r/${petrov.id}/badge.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect((await door.get(`/checkin/${event.id}/r/${waiting.id}/badge.pdf`)).status).toBe(404);
  });

  it('refuses check-ins before the door opens (a day before the start), with 409', async () => {
    const later = await doorEvent(t.ds, { startsAt: new Date(Date.now() + 5 * 86400_000) });
    const p = await person(t.ds, later.id, { lastName: 'Ранняя' });
    const admin = await signIn(t.app, 'admin@example.org');
    const card = await admin.agent.get(`/checkin/${later.id}/r/${p.id}`);
    expect(card.text).toContain('Вход откроется');
    expect(card.text).not.toContain('id="door-checkin"');
    expect((await admin.agent.post(`/checkin/${later.id}/r/${p.id}`).type('form').send({ _csrf: admin.csrf })).status).toBe(409);
  });
});

describe('registrars bound and unbound by the admin on the event page', () => {
  const t = useTestApp();

  it('binds a registrar, who then sees the event; unbinding takes it away; both are audited', async () => {
    const event = await doorEvent(t.ds, { name: 'Городской форум' });
    const r = await registrar(t.ds, 'Борис Регистратов', []);
    const { agent: admin, csrf } = await signIn(t.app, 'admin@example.org');
    const { agent: door } = await signIn(t.app, r.email);
    expect((await door.get(`/checkin/${event.id}`)).status).toBe(404);

    const bound = await admin.post(`/admin/events/${event.id}/registrars`).type('form').send({ _csrf: csrf, userId: String(r.id) });
    expect(bound.status).toBe(303);
    expect((await door.get(`/checkin/${event.id}`)).status).toBe(200);
    // someone who is not a registrar cannot be bound
    const admins = await t.ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`);
    await admin.post(`/admin/events/${event.id}/registrars`).type('form').send({ _csrf: csrf, userId: String(admins[0].id) });
    const [{ n: bindings }] = await t.ds.query(`SELECT count(*)::int AS n FROM event_registrar WHERE event_id = $1`, [event.id]);
    expect(bindings).toBe(1);

    const page = await admin.get(`/admin/events/${event.id}`);
    if (page.status === 200) {
      expect(page.text).toContain('Борис Регистратов');
      expect(csrfOf(page.text)).toBeTruthy();
    }

    expect((await admin.post(`/admin/events/${event.id}/registrars/${r.id}/remove`).type('form').send({ _csrf: csrf })).status).toBe(303);
    expect((await door.get(`/checkin/${event.id}`)).status).toBe(404);
    const audit = await t.ds.query(`SELECT action, data FROM audit_event WHERE entity = 'event' AND entity_id = $1 ORDER BY id`, [String(event.id)]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['event.registrarBound', 'event.registrarUnbound']);
    expect(JSON.stringify(audit)).not.toContain('Борис');
  });

  it('keeps the door to registrars and admins', async () => {
    const event = await doorEvent(t.ds);
    const { agent: officer } = await signIn(t.app, 'officer@example.org');
    expect((await officer.get(`/checkin/${event.id}`)).status).toBe(403);
    expect((await request(t.app).get(`/checkin/${event.id}/counters.json`)).status).toBe(401);
  });
});
