import request from 'supertest';
import { signIn, useTestApp, type Agent } from '../support/harness';
import { queuedMail } from '../support/mail';
import { readZip } from '../support/zip-reader';
import { flat, pdfText } from '../certificates/scene';
import { insertEvent, insertRegistration } from './afterwards-fixtures';

const TOKEN = 'belousova-personal-link-token-0001';

describe('certificates of attendance', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let eventId: number;
  let year: number;
  const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  const certificates = (): Promise<Array<{ number: string; code: string; holder_name: string; registration_id: number }>> =>
    t.ds.query(`SELECT number, code, holder_name, registration_id FROM attendance_certificate WHERE event_id = $1 ORDER BY seq`, [eventId]);
  const issue = () => admin.agent.post(`/admin/events/${eventId}/attendance-certificates`).type('form').send({ _csrf: admin.csrf });
  const number = (seq: number) => `EV-${eventId}-${year}-${String(seq).padStart(4, '0')}`;

  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
    const startsAt = new Date(Date.now() - 3600_000);
    year = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: t.config.regionTz }).format(startsAt));
    eventId = await insertEvent(t.ds, { startsAt });
    await insertRegistration(t.ds, eventId, { lastName: 'Белоусова', firstName: 'Надежда', patronymic: 'Игоревна', email: 'belousova@example.org', checkedIn: true, token: TOKEN });
    await insertRegistration(t.ds, eventId, { lastName: 'Гордеев', firstName: 'Илья', patronymic: 'Андреевич', checkedIn: false });
    await insertRegistration(t.ds, eventId, { lastName: 'Константинопольская-Задунайская', firstName: 'Александра-Виктория', patronymic: 'Вячеславовна', participantType: 'speaker', checkedIn: true });
    await insertRegistration(t.ds, eventId, { lastName: 'Ждущий', status: 'waiting' });
    await insertRegistration(t.ds, eventId, { lastName: 'Отменивший', status: 'cancelled' });
  });

  it('is refused (409) before the event has started', async () => {
    const future = await insertEvent(t.ds, { startsAt: new Date(Date.now() + 86400_000) });
    await insertRegistration(t.ds, future, { lastName: 'Ранний', checkedIn: true });
    const res = await admin.agent.post(`/admin/events/${future}/attendance-certificates`).type('form').send({ _csrf: admin.csrf });
    expect(res.status).toBe(409);
    expect(res.text).toContain('сертификаты участника выдаются после его начала');
    expect(await t.ds.query(`SELECT 1 FROM attendance_certificate WHERE event_id = $1`, [future])).toHaveLength(0);
  });

  it('is offered on the admin\'s event page once the event has started', async () => {
    const page = await admin.agent.get(`/admin/events/${eventId}`);
    expect(page.status).toBe(200);
    for (const part of ['Итоги мероприятия', 'Выдано сертификатов: 0. Отмечены на входе и ещё без сертификата: 2.', 'Выдать сертификаты отмеченным на входе', `/admin/events/${eventId}/registrations.xlsx`, `/admin/events/${eventId}/figures`]) expect(page.text).toContain(part);
  });

  it('goes only to those checked in, numbered without gaps, each mailed their link', async () => {
    const res = await issue();
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/admin/events/${eventId}`);
    const issued = await certificates();
    expect(issued.map((c) => c.holder_name)).toEqual(['Белоусова Надежда Игоревна', 'Константинопольская-Задунайская Александра-Виктория Вячеславовна']);
    expect(issued.map((c) => c.number)).toEqual([number(1), number(2)]);
    const [mail] = await queuedMail(t.ds, { kind: 'event_certificate', toEmail: 'belousova@example.org' });
    expect(mail.subject).toBe('Сертификат участника — «Педиатрия как искусство — 2026»');
    expect(mail.text).toContain(`/certificates/${issued[0].code}.pdf`);
    expect(mail.text).toContain(`/verify/${issued[0].code}`);
    expect(await queuedMail(t.ds, { kind: 'event_certificate' })).toHaveLength(2);
  });

  it('issues nothing twice: pressing again gives only the newly checked in theirs, with the next number', async () => {
    expect((await issue()).status).toBe(303);
    expect(await certificates()).toHaveLength(2);
    await t.ds.query(`UPDATE registration SET checked_in_at = now() WHERE event_id = $1 AND last_name = 'Гордеев'`, [eventId]);
    // two admins at once: the event's lock makes the second wait and find nobody left
    const [a, b] = await Promise.all([issue(), issue()]);
    expect([a.status, b.status]).toEqual([303, 303]);
    const all = await certificates();
    expect(all.map((c) => c.number)).toEqual([number(1), number(2), number(3)]);
    expect(all[2].holder_name).toBe('Гордеев Илья Андреевич');
    expect(await queuedMail(t.ds, { kind: 'event_certificate' })).toHaveLength(3);
  });

  it('is linked from the registrant\'s own page', async () => {
    const [first] = await certificates();
    const slug = (await t.ds.query(`SELECT slug FROM event WHERE id = $1`, [eventId]))[0].slug;
    const page = await request(t.app).get(`/events/${slug}/r/${TOKEN}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Ваш сертификат участника № ${number(1)}`);
    expect(page.text).toContain(`href="/certificates/${first.code}.pdf"`);
  });

  it('is found at /verify/CODE like every other certificate', async () => {
    const [first] = await certificates();
    const res = await request(t.app).get(`/verify/${first.code}`);
    expect(res.status).toBe(200);
    for (const part of ['Документ действителен', number(1), 'Белоусова Надежда Игоревна', 'Сертификат участника', 'Мероприятие', 'Педиатрия как искусство — 2026']) expect(res.text).toContain(part);
    expect(res.text).toContain(`/certificates/${first.code}.pdf`);
  });

  it('downloads as a PDF with the name, the event, its type and number', async () => {
    const [, second] = await certificates();
    const res = await request(t.app).get(`/certificates/${second.code}.pdf`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = flat(pdfText(res.body));
    expect(text.replace(/[\s-]/g, '')).toContain('КонстантинопольскаяЗадунайскаяАлександраВикторияВячеславовна');
    expect(text.replace(/\s/g, '')).toContain('СЕРТИФИКАТУЧАСТНИКА');
    for (const part of ['Педиатрия как искусство — 2026', '«докладчик»', number(2), 'Москва, Краснопресненская наб., 12 и онлайн']) expect(text).toContain(part);
  });

  it('comes all together as one ZIP for the admin', async () => {
    const res = await admin.agent.get(`/admin/events/${eventId}/attendance-certificates.zip`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const names = [...readZip(res.body).keys()];
    expect(names).toEqual([`${number(1)} Белоусова Н.И..pdf`, `${number(2)} Константинопольская-Задунайская А.В..pdf`, `${number(3)} Гордеев И.А..pdf`]);
    expect((await request(t.app).get(`/admin/events/${eventId}/attendance-certificates.zip`)).status).not.toBe(200);
  });

  it('takes back a mistaken check-in with a reason: the certificate is revoked, /verify says so, the door may check the person in again', async () => {
    const [, , third] = await certificates();
    const undo = (reason: string) => admin.agent.post(`/admin/events/${eventId}/registrations/${third.registration_id}/undo-check-in`).type('form').send({ _csrf: admin.csrf, reason });
    const page = await admin.agent.get(`/admin/events/${eventId}`);
    expect(page.text).toContain(`/registrations/${third.registration_id}/undo-check-in`);

    expect((await undo('  ')).status).toBe(303);
    expect((await admin.agent.get(`/admin/events/${eventId}`)).text).toContain('Укажите, почему снимается отметка о приходе.');
    expect(await t.ds.query(`SELECT 1 FROM registration WHERE id = $1 AND checked_in_at IS NOT NULL`, [third.registration_id])).toHaveLength(1);

    const res = await undo('Отмечен по ошибке: вместо него прошёл коллега');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/admin/events/${eventId}#registration-${third.registration_id}`);
    expect((await admin.agent.get(`/admin/events/${eventId}`)).text).toContain(`Отметка о приходе снята, сертификат участия № ${number(3)} отозван.`);
    expect(await t.ds.query(`SELECT checked_in_at FROM registration WHERE id = $1`, [third.registration_id])).toEqual([{ checked_in_at: null }]);
    const verify = await request(t.app).get(`/verify/${third.code}`);
    expect(verify.text).toContain('Документ отозван');
    expect(verify.text).toContain('Отмечен по ошибке: вместо него прошёл коллега');
    expect((await request(t.app).get(`/certificates/${third.code}.pdf`)).status).toBe(410);
    const [audit] = await t.ds.query(`SELECT data FROM audit_event WHERE action = 'registration.checkInUndone' AND entity_id = $1`, [String(third.registration_id)]);
    expect(audit.data).toMatchObject({ eventId, revokedCertificate: number(3) });

    expect((await undo('ещё раз')).status).toBe(303);
    expect((await admin.agent.get(`/admin/events/${eventId}`)).text).toContain('Этот участник не отмечен на входе: снимать нечего.');
    expect((await admin.agent.post(`/admin/events/${eventId}/registrations/999999/undo-check-in`).type('form').send({ _csrf: admin.csrf, reason: 'нет такого' })).status).toBe(404);
  });

  it('is revoked with the reason when the organiser cancels the registration of its holder', async () => {
    const [first] = await certificates();
    const res = await admin.agent.post(`/admin/events/${eventId}/registrations/${first.registration_id}/cancel`).type('form').send({ _csrf: admin.csrf, reason: 'Регистрация оформлена на другого человека' });
    expect(res.status).toBe(303);
    const verify = await request(t.app).get(`/verify/${first.code}`);
    expect(verify.text).toContain('Документ отозван');
    expect(verify.text).toContain('Регистрация оформлена на другого человека');
  });
});
