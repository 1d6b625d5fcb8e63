import request from 'supertest';
import { useTestApp, signIn } from '../support/harness';
import { queuedMail } from '../support/mail';
import { mailUser } from '../../src/mail/outbox';
import { useMailSettings } from '../../src/mail/settings';

describe('mailing a person', () => {
  const t = useTestApp();
  const idOf = async (email: string): Promise<number> => (await t.ds.query(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id;
  const send = (userId: number, key: string) =>
    t.ds.transaction((m) => mailUser(m, userId, { kind: 'broadcast', idempotencyKey: key, data: { subject: 'Итоги / Results', body: 'Текст / Text', cycleName: 'Конкурс 2026' } }));

  beforeAll(() => useMailSettings({ smtpUrl: 'smtp://127.0.0.1:2525', from: 'Лауреат <no-reply@laureate.test>' }));
  afterAll(() => useMailSettings(null));
  afterEach(async () => {
    await t.ds.query(`DELETE FROM mail_message`);
    await t.ds.query(`UPDATE app_user SET language = 'ru'`);
  });

  it('writes to them by name, at their address, in Russian unless they chose English', async () => {
    const juror = await idOf('juror@example.org');
    await send(juror, 'k1');
    await t.ds.query(`UPDATE app_user SET language = 'en' WHERE id = $1`, [juror]);
    await send(juror, 'k2');
    const [ru, en] = await queuedMail(t.ds, { recipientUserId: juror });
    expect(ru).toMatchObject({ toEmail: 'juror@example.org', toName: 'Соколова Марина Андреевна', language: 'ru', status: 'queued', kind: 'broadcast' });
    expect(ru.html).toContain('<html lang="ru">');
    expect(ru.text).toContain('Соколова Марина Андреевна');
    expect(en).toMatchObject({ language: 'en' });
    expect(en.html).toContain('<html lang="en">');
    expect(en.text).toContain('This message was sent automatically');
  });

  it('sends nothing to a deactivated account', async () => {
    const officer = await idOf('officer2@example.org');
    await t.ds.query(`UPDATE app_user SET active = false WHERE id = $1`, [officer]);
    expect(await send(officer, 'k3')).toBeNull();
    expect(await queuedMail(t.ds, { recipientUserId: officer })).toEqual([]);
  });

  it('keeps the language a signed-in person switches to on their profile (a visitor’s choice stays in the cookie)', async () => {
    const officer = await idOf('officer@example.org');
    const { agent, csrf } = await signIn(t.app, 'officer@example.org');
    expect((await agent.get('/officer')).text).toContain('action="/lang/en?next=%2Fofficer"');
    await agent.post('/lang/en?next=/officer').type('form').send({ _csrf: csrf }).expect(303).expect('location', '/officer');
    expect((await t.ds.query(`SELECT language FROM app_user WHERE id = $1`, [officer]))[0].language).toBe('en');
    expect((await agent.get('/officer')).text).toContain('<html lang="en"');
    // following a link changes only the cookie: a GET stores nothing
    await agent.get('/lang/ru').expect(303);
    expect((await t.ds.query(`SELECT language FROM app_user WHERE id = $1`, [officer]))[0].language).toBe('en');
    await agent.post('/lang/ru').type('form').send({ _csrf: csrf }).expect(303);
    expect((await t.ds.query(`SELECT language FROM app_user WHERE id = $1`, [officer]))[0].language).toBe('ru');
    await request(t.app).get('/lang/en').expect(303);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM app_user WHERE language = 'en'`))[0].n).toBe(0);
  });
});
