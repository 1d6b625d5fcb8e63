import request from 'supertest';
import { signIn, useTestApp, type Agent } from '../support/harness';
import { queuedMail } from '../support/mail';
import { auditOf } from '../support/cycle-fixtures';
import { createEvent, linkFromMail, person, visitor } from './registration-fixtures';

const HOUR = 3_600_000;

describe('a person registers for an event, confirms the address, and may cancel', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
  });
  let serial = 0;
  const email = () => `guest${++serial}-${Date.now()}@example.org`;
  const registration = async (address: string) => (await t.ds.query(`SELECT * FROM registration WHERE email = $1 ORDER BY id DESC`, [address]))[0];

  /** Registers on the public form and confirms with the link from the mail; the personal link. */
  const registerAndConfirm = async (slug: string, address: string, over: Record<string, string> = {}) => {
    const v = await visitor(t.app, slug);
    const res = await v.agent.post(`/events/${slug}/register`).type('form').send({ _csrf: v.csrf, ...person(address, over) });
    expect(res.status).toBe(200);
    const link = await linkFromMail(t.ds, address, 'event_confirm');
    const page = await v.agent.get(link);
    const confirmed = await v.agent.post(`${link}/confirm`).type('form').send({ _csrf: v.csrf });
    expect(confirmed.status).toBe(303);
    return { link, agent: v.agent, csrf: v.csrf, before: page };
  };

  it('shows the published event with its places and form; a draft is not found', async () => {
    const { slug } = await createEvent(admin, { capacity: '7' });
    const page = await request(t.app).get(`/events/${slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('осталось 7 мест');
    expect(page.text).toContain('Зарегистрироваться');
    expect(page.text).not.toContain('лауреат</option>'); // invite-only types are not offered
    const draft = await createEvent(admin, { published: '' });
    expect((await request(t.app).get(`/events/${draft.slug}`)).status).toBe(404);
    expect((await request(t.app).get('/')).text).toContain(`/events/${slug}`);
  });

  it('registers as pending, mails a confirmation link, and confirms by a button (a GET changes nothing): number 1, audited', async () => {
    const { slug } = await createEvent(admin);
    const address = email();
    const v = await visitor(t.app, slug);
    const res = await v.agent.post(`/events/${slug}/register`).type('form').send({ _csrf: v.csrf, ...person(address) });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Проверьте почту');
    expect((await registration(address)).status).toBe('pending');
    const [mail] = await queuedMail(t.ds, { toEmail: address, kind: 'event_confirm' });
    expect(mail.subject).toContain('Подтвердите регистрацию');
    const link = await linkFromMail(t.ds, address, 'event_confirm');
    const page = await request(t.app).get(link);
    expect(page.text).toContain('Подтвердить регистрацию');
    expect((await registration(address)).status).toBe('pending');
    const confirmed = await v.agent.post(`${link}/confirm`).type('form').send({ _csrf: v.csrf });
    expect(confirmed.status).toBe(303);
    const row = await registration(address);
    expect(row).toMatchObject({ status: 'confirmed', number: 1 });
    expect(row.badge_code).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const after = await v.agent.get(link);
    expect(after.text).toMatch(/id="registration-number">1</);
    expect(after.text).toContain('Отменить регистрацию');
    expect((await queuedMail(t.ds, { toEmail: address, kind: 'event_confirmed' })).length).toBe(1);
    expect((await auditOf(t.ds, 'registration', row.id))[0]).toMatchObject({ action: 'registration.confirmed' });
    // a second click changes nothing
    await v.agent.post(`${link}/confirm`).type('form').send({ _csrf: v.csrf });
    expect((await registration(address)).number).toBe(1);
  });

  it('puts people past the capacity on the waiting list (numbered), and a cancellation moves the first up and tells them', async () => {
    const { slug } = await createEvent(admin, { capacity: '2' });
    const [a, b, c, d] = [email(), email(), email(), email()];
    const first = await registerAndConfirm(slug, a);
    await registerAndConfirm(slug, b);
    await registerAndConfirm(slug, c);
    await registerAndConfirm(slug, d);
    expect((await registration(c)).status).toBe('waiting');
    expect((await registration(c)).number).toBe(3);
    expect((await queuedMail(t.ds, { toEmail: c, kind: 'event_waiting' })).length).toBe(1);
    expect((await request(t.app).get(`/events/${slug}`)).text).toContain('мест нет — запись в лист ожидания');
    const cancelled = await first.agent.post(`${first.link}/cancel`).type('form').send({ _csrf: first.csrf });
    expect(cancelled.status).toBe(303);
    expect((await registration(a)).status).toBe('cancelled');
    expect((await registration(c)).status).toBe('confirmed');
    expect((await registration(d)).status).toBe('waiting');
    expect((await queuedMail(t.ds, { toEmail: c, kind: 'event_promoted' })).length).toBe(1);
    expect((await first.agent.get(first.link)).text).not.toContain('Отменить регистрацию');
  });

  it('answers the same address again with the same page: a new link for a pending one, «already registered» for a confirmed one', async () => {
    const { slug } = await createEvent(admin);
    const address = email();
    const v = await visitor(t.app, slug);
    const send = () => v.agent.post(`/events/${slug}/register`).type('form').send({ _csrf: v.csrf, ...person(address) });
    const firstAnswer = await send();
    const secondAnswer = await send();
    expect(secondAnswer.text).toContain('Проверьте почту');
    expect(secondAnswer.status).toBe(firstAnswer.status);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM registration WHERE email = $1`, [address]))[0].n).toBe(1);
    expect((await queuedMail(t.ds, { toEmail: address, kind: 'event_confirm' })).length).toBe(2);
    const link = await linkFromMail(t.ds, address, 'event_confirm');
    await v.agent.post(`${link}/confirm`).type('form').send({ _csrf: v.csrf });
    await send();
    const already = await queuedMail(t.ds, { toEmail: address, kind: 'event_already_registered' });
    expect(already.length).toBe(1);
    // the address has had three letters from the form this hour: a fourth try mails nothing, and says the same
    const fourth = await send();
    expect(fourth.text).toContain('Проверьте почту');
    expect((await queuedMail(t.ds, { toEmail: address, kind: 'event_already_registered' })).length).toBe(1);
    // the new personal link opens the registration
    const fresh = await linkFromMail(t.ds, address, 'event_already_registered');
    expect((await request(t.app).get(fresh)).text).toMatch(/id="registration-number">1</);
  });

  it('refuses a form outside the registration window with 409 and says when it opens or that it closed', async () => {
    const later = await createEvent(admin, { registrationOpensAt: new Date(Date.now() + 48 * HOUR).toISOString().slice(0, 16) });
    const page = await request(t.app).get(`/events/${later.slug}`);
    expect(page.text).toContain('Регистрация откроется');
    expect(page.text).not.toContain('Зарегистрироваться</button>');
    const v = await visitor(t.app, (await createEvent(admin)).slug);
    const res = await v.agent.post(`/events/${later.slug}/register`).type('form').send({ _csrf: v.csrf, ...person(email()) });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Регистрация ещё не открылась.');
    const { id, slug } = await createEvent(admin);
    await t.ds.query(`UPDATE event SET registration_opens_at = now() - interval '2 days', registration_closes_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    expect((await request(t.app).get(`/events/${slug}`)).text).toContain('Регистрация закрыта.');
    const closed = await v.agent.post(`/events/${slug}/register`).type('form').send({ _csrf: v.csrf, ...person(email()) });
    expect(closed.status).toBe(409);
  });

  it('requires the consent and the fields the event requires, keeping what was typed', async () => {
    const { slug } = await createEvent(admin, { requiredFields: ['organisation', 'municipality'] });
    const v = await visitor(t.app, slug);
    const address = email();
    const res = await v.agent.post(`/events/${slug}/register`).type('form').send({ _csrf: v.csrf, ...person(address, { consent: '', organisation: '', lastName: 'Кузнецова' }) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Без согласия на обработку персональных данных зарегистрироваться нельзя.');
    expect(res.text).toMatch(/id="organisation-error"/);
    expect(res.text).toContain('value="Кузнецова"');
    const noMunicipality = await v.agent.post(`/events/${slug}/register`).type('form').send({ _csrf: v.csrf, ...person(address) });
    expect(noMunicipality.status).toBe(400);
    expect(noMunicipality.text).toMatch(/id="municipality-error"/);
    const invite = await v.agent.post(`/events/${slug}/register`).type('form').send({ _csrf: v.csrf, ...person(address, { participantType: 'laureate' }) });
    expect(invite.status).toBe(400);
    expect(await t.ds.query(`SELECT id FROM registration WHERE email = $1`, [address])).toEqual([]);
    const ok = await v.agent.post(`/events/${slug}/register`).type('form').send({ _csrf: v.csrf, ...person(address, { municipality: 'other', municipalityText: 'г. Тверь' }) });
    expect(ok.status).toBe(200);
    expect((await registration(address)).municipality_text).toBe('г. Тверь');
  });

  it('lets the organiser cancel with a reason and invite a person to an invite-only type, who accepts with consent', async () => {
    const { id, slug } = await createEvent(admin, { capacity: '1' });
    const a = email();
    await registerAndConfirm(slug, a);
    const post = (url: string, body: Record<string, unknown>) => admin.agent.post(url).type('form').send({ _csrf: admin.csrf, ...body });
    const invited = email();
    const inv = await post(`/admin/events/${id}/invitations`, { lastName: 'Орлов', firstName: 'Пётр', email: invited, participantType: 'laureate' });
    expect(inv.status).toBe(303);
    expect((await registration(invited)).status).toBe('invited');
    const again = await post(`/admin/events/${id}/invitations`, { lastName: 'Орлов', firstName: 'Пётр', email: invited, participantType: 'laureate' });
    expect(again.status).toBe(400);
    expect(again.text).toContain('уже есть действующая регистрация');
    const link = await linkFromMail(t.ds, invited, 'event_invitation');
    const v = request.agent(t.app);
    const page = await v.get(link);
    expect(page.text).toContain('Принять приглашение');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    expect((await v.post(`${link}/accept`).type('form').send({ _csrf: csrf })).status).toBe(400);
    expect((await v.post(`${link}/accept`).type('form').send({ _csrf: csrf, consent: 'on' })).status).toBe(303);
    expect((await registration(invited)).status).toBe('waiting');
    const rid = (await registration(a)).id;
    expect((await post(`/admin/events/${id}/registrations/${rid}/cancel`, { reason: '' })).status).toBe(303);
    expect((await registration(a)).status).toBe('confirmed');
    expect((await post(`/admin/events/${id}/registrations/${rid}/cancel`, { reason: 'по просьбе участника' })).status).toBe(303);
    expect((await registration(a)).status).toBe('cancelled');
    expect((await registration(invited)).status).toBe('confirmed');
    const [audit] = await t.ds.query(`SELECT actor_id, reason FROM audit_event WHERE entity = 'registration' AND entity_id = $1 AND action = 'registration.cancelled'`, [String(rid)]);
    expect(audit).toEqual({ actor_id: expect.any(Number), reason: 'по просьбе участника' });
  });

  it('finds no registration behind a wrong token', async () => {
    const { slug } = await createEvent(admin);
    expect((await request(t.app).get(`/events/${slug}/r/not-a-real-token-at-all-000000`)).status).toBe(404);
    expect((await request(t.app).get(`/events/${slug}/r/x`)).status).toBe(404);
  });
});
