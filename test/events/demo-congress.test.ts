import request from 'supertest';
import { useTestApp, signIn } from '../support/harness';
import { seedDemo } from '../../src/demo/seed';

describe('the demo congress «Педиатрия как искусство — 2026»', () => {
  const t = useTestApp({ seed: false });
  // the whole demo: seconds on a quiet machine, much longer on a loaded one
  beforeAll(() => t.ds.transaction((m) => seedDemo(m)), 180_000);
  const count = async (where: string, params: unknown[] = []) => (await t.ds.query(`SELECT count(*)::int AS n FROM registration r JOIN event e ON e.id = r.event_id WHERE e.slug = 'pediatrics-as-art-2026' AND ${where}`, params))[0].n;

  it('is the judging award\'s ceremony, hybrid, under way, published', async () => {
    const [e] = await t.ds.query(`SELECT e.*, c.slug AS cycle_slug FROM event e JOIN cycle c ON c.id = e.cycle_id WHERE e.slug = 'pediatrics-as-art-2026'`);
    expect(e).toMatchObject({ name: 'Педиатрия как искусство — 2026', format: 'hybrid', published: true, capacity: 50, cycle_slug: 'pediatrics-as-art-2026', last_number: 56 });
    expect(new Date(e.starts_at).getTime()).toBeLessThan(Date.now());
    expect(new Date(e.ends_at).getTime()).toBeGreaterThan(Date.now());
  });

  it('has about sixty registrations: every place taken, some waiting, a few checked in, a couple cancelled, a laureate invited', async () => {
    expect(await count('true')).toBe(61);
    expect(await count(`r.status = 'confirmed'`)).toBe(50);
    expect(await count(`r.status = 'waiting'`)).toBe(6);
    expect(await count(`r.status = 'cancelled'`)).toBe(2);
    expect(await count(`r.status = 'pending'`)).toBe(2);
    expect(await count(`r.status = 'invited' AND r.participant_type = 'laureate' AND r.nomination_id IS NOT NULL`)).toBe(1);
    expect(await count(`r.checked_in_at IS NOT NULL AND r.checked_in_by_id = (SELECT id FROM app_user WHERE email = 'registrar@example.org')`)).toBe(14);
    const numbers = (await t.ds.query(`SELECT r.number FROM registration r JOIN event e ON e.id = r.event_id WHERE e.slug = 'pediatrics-as-art-2026' AND r.number IS NOT NULL ORDER BY 1`)).map((r: { number: number }) => r.number);
    expect(numbers).toEqual(Array.from({ length: 56 }, (_, i) => i + 1));
  });

  it('has a registrar who signs in with the demo password, bound to it', async () => {
    const [bound] = await t.ds.query(`SELECT u.role FROM event_registrar er JOIN app_user u ON u.id = er.user_id JOIN event e ON e.id = er.event_id WHERE e.slug = 'pediatrics-as-art-2026' AND u.email = 'registrar@example.org'`);
    expect(bound).toEqual({ role: 'registrar' });
    await signIn(t.app, 'registrar@example.org');
  });

  it('lets the admin issue certificates of attendance to the fourteen checked in, and read the figures', async () => {
    const admin = await signIn(t.app, 'admin@example.org');
    const [{ id }] = await t.ds.query(`SELECT id FROM event WHERE slug = 'pediatrics-as-art-2026'`);
    expect((await admin.agent.post(`/admin/events/${id}/attendance-certificates`).type('form').send({ _csrf: admin.csrf })).status).toBe(303);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM attendance_certificate WHERE event_id = $1`, [id]);
    expect(n).toBe(14);
    const figures = await admin.agent.get(`/admin/events/${id}/figures`);
    expect(figures.status).toBe(200);
    expect(figures.text).toContain('Тверская область');
    const [{ code }] = await t.ds.query(`SELECT code FROM attendance_certificate WHERE event_id = $1 ORDER BY seq LIMIT 1`, [id]);
    expect((await request(t.app).get(`/verify/${code}`)).text).toContain('Агафонова Ирина Павловна');
  });
});
