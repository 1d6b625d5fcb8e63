import request from 'supertest';
import { csrfOf, signIn, useTestApp } from '../support/harness';
import { userId } from '../support/fixtures';
import { queuedMail, startTestSmtpServer } from '../support/mail';
import { inviteUser } from '../../src/auth/users';
import { issueInvitation } from '../../src/auth/invitations';
import { formatDateTime } from '../../src/web/format';
import { startMailer } from '../../src/mail/mailer';
import { useMailSettings } from '../../src/mail/settings';

/**
 * The invitation goes by mail when the admin invites a person and each time a new link is issued, in the
 * person's language, naming who invited them and until when the link works; the admin's page still shows
 * the link. Mail is enqueued in the invitation's own transaction: an invitation rolled back mails nothing.
 */
describe('invitation mail', () => {
  const t = useTestApp();
  const ADMIN_NAME = 'Орлова Вера Станиславовна';

  const linkOf = (text: string) => /http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]+/.exec(text)![0];
  async function invite(email: string) {
    const { agent, csrf } = await signIn(t.app, 'admin@example.org');
    return agent.post('/admin/users').type('form')
      .send({ _csrf: csrf, email, fullName: 'Никитина Полина Олеговна', role: 'juror', municipalityId: '5', institution: 'Королёвская городская больница' });
  }
  async function reinvite(id: number) {
    const { agent, csrf } = await signIn(t.app, 'admin@example.org');
    return agent.post(`/admin/users/${id}/invitation`).type('form').send({ _csrf: csrf });
  }
  const expiryOf = async (id: number) => new Date((await t.ds.query(`SELECT max(expires_at) AS at FROM invitation WHERE user_id = $1`, [id]))[0].at);

  it('mails the invited person, in Russian, the same link the admin sees, who invited them and until when it works', async () => {
    const page = await invite('nikitina@example.org');
    expect(page.status).toBe(200);
    const shown = linkOf(page.text);
    const id = await userId(t.ds, 'nikitina@example.org');
    const mails = await queuedMail(t.ds, { kind: 'invitation', recipientUserId: id });
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail).toMatchObject({ toEmail: 'nikitina@example.org', toName: 'Никитина Полина Олеговна', language: 'ru', subject: 'Приглашение в «Лауреат»' });
    const expiresAt = await expiryOf(id);
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain(shown);
      expect(body).toContain(`${ADMIN_NAME} приглашает вас в «Лауреат»`);
      expect(body).toContain(`Ссылка действует до ${formatDateTime(expiresAt, 'ru', t.config.regionTz)} (московское время)`);
      expect(body).toContain('Ваша роль: член жюри. Адрес для входа: nikitina@example.org.');
    }
    expect(mail.text).not.toContain('прежние ссылки');
    expect(mail.html).toContain(`href="${shown}"`);
    // no mail server in this test: the admin's page says so and opens the letter, so the link can go by hand
    expect(page.text).toContain(`Письмо с этой ссылкой — не отправлено: почтовый сервер не настроен. <a href="/admin/outbox/${mail.id}">Открыть письмо</a>`);
  });

  it('mails a new link on re-invitation, saying the earlier ones stopped working; the admin still sees it too', async () => {
    await invite('again@example.org');
    const id = await userId(t.ds, 'again@example.org');
    const page = await reinvite(id);
    expect(page.status).toBe(200);
    const [first, second] = await queuedMail(t.ds, { kind: 'invitation', recipientUserId: id });
    expect(second.text).toContain(linkOf(page.text));
    expect(second.text).toContain('Это новая ссылка: прежние ссылки-приглашения больше не действуют.');
    expect(linkOf(first.text)).not.toBe(linkOf(second.text));
    expect((await request(t.app).get(new URL(linkOf(first.text)).pathname)).status).toBe(410);
    expect((await request(t.app).get(new URL(linkOf(second.text)).pathname)).status).toBe(200);
  });

  it('writes in the language on the person’s profile', async () => {
    const id = await userId(t.ds, 'juror3@example.org');
    await t.ds.query(`UPDATE app_user SET language = 'en' WHERE id = $1`, [id]);
    try {
      const page = await reinvite(id);
      const [mail] = await queuedMail(t.ds, { kind: 'invitation', recipientUserId: id });
      expect(mail).toMatchObject({ language: 'en', subject: 'Your invitation to Laureate' });
      expect(mail.text).toContain(`${ADMIN_NAME} invites you to Laureate`);
      expect(mail.text).toContain('Your role: jury member. You sign in as juror3@example.org.');
      expect(mail.text).toContain(linkOf(page.text));
      expect(mail.text).toMatch(/The link works until \d+ \w+ \d{4} at \d\d:\d\d \(Moscow time\) and only once\./);
    } finally {
      await t.ds.query(`UPDATE app_user SET language = 'ru' WHERE id = $1`, [id]);
    }
  });

  it('says the organising committee invites when no one did by name (the command-line tool)', async () => {
    const id = await userId(t.ds, 'juror2@example.org');
    await issueInvitation(t.ds.manager, id, null);
    const [mail] = await queuedMail(t.ds, { kind: 'invitation', recipientUserId: id });
    expect(mail.text).toContain('Оргкомитет приглашает вас в «Лауреат»');
  });

  it('mails nothing for an invitation rolled back, and nothing to a deactivated person given a new link', async () => {
    const before = (await queuedMail(t.ds, { kind: 'invitation' })).length;
    const admin = await userId(t.ds, 'admin@example.org');
    await expect(
      t.ds.transaction(async (m) => {
        const result = await inviteUser(m, { email: 'rolled-back@example.org', fullName: 'Откатов Пётр', role: 'admin' }, admin);
        expect(result.ok).toBe(true);
        throw new Error('the action failed after the invitation');
      }),
    ).rejects.toThrow('the action failed after the invitation');
    expect(await queuedMail(t.ds, { toEmail: 'rolled-back@example.org' })).toEqual([]);

    const id = await userId(t.ds, 'officer2@example.org');
    await t.ds.query(`UPDATE app_user SET active = false WHERE id = $1`, [id]);
    try {
      const page = await reinvite(id);
      expect(page.status).toBe(200);
      expect(page.text).toContain('/invite/');
      expect(await queuedMail(t.ds, { kind: 'invitation', recipientUserId: id })).toEqual([]);
    } finally {
      await t.ds.query(`UPDATE app_user SET active = true WHERE id = $1`, [id]);
    }
    expect((await queuedMail(t.ds, { kind: 'invitation' })).length).toBe(before);
  });

  it('arrives at a real SMTP server with a readable Cyrillic subject, and its link lets the person in', async () => {
    const smtp = await startTestSmtpServer();
    const mailer = startMailer({ dataSource: t.ds, config: { smtpUrl: smtp.url, mailFrom: 'Лауреат <no-reply@localhost>' }, pollMs: 50 });
    try {
      const page = await invite('by-mail@example.org');
      const [letter] = await smtp.waitFor(1);
      expect(letter.subject).toBe('Приглашение в «Лауреат»');
      expect(letter.to).toMatchObject({ value: [{ address: 'by-mail@example.org', name: 'Никитина Полина Олеговна' }] });
      expect(letter.text).toContain(linkOf(page.text));
      expect(letter.html || '').toContain(`href="${linkOf(page.text)}"`);

      const path = new URL(linkOf(letter.text!)).pathname;
      const visitor = request.agent(t.app);
      const form = await visitor.get(path);
      await visitor.post(path).type('form').send({ _csrf: csrfOf(form.text), password: 'set-from-the-mail', passwordConfirm: 'set-from-the-mail' }).expect(303);
      const { agent } = await signIn(t.app, 'by-mail@example.org', 'set-from-the-mail');
      expect((await agent.get('/jury')).status).toBe(200);
      const [row] = await queuedMail(t.ds, { toEmail: 'by-mail@example.org' });
      expect(row.status).toBe('sent');
    } finally {
      await mailer.stop();
      useMailSettings(null);
      await smtp.close();
    }
  }, 60_000);
});
