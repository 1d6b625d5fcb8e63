import request from 'supertest';
import { csrfOf, signIn, useTestApp, DEMO_PASSWORD } from '../support/harness';
import { userId } from '../support/fixtures';
import { queuedMail } from '../support/mail';
import { THROTTLE_MAX_ATTEMPTS } from '../../src/auth/throttle';
import { MAX_RESET_LINKS_PER_HOUR, RESET_LINK_MINUTES } from '../../src/auth/password-reset';

/**
 * «Забыли пароль?»: the form on /login mails an active account a one-time link valid one hour; the link sets a
 * new password, after which every earlier session of the person is over. The form answers alike for any
 * address, so it tells nobody which addresses have accounts.
 */
describe('password reset', () => {
  const t = useTestApp();
  const NEW_PASSWORD = 'a-brand-new-password';

  beforeEach(async () => {
    await t.ds.query(`DELETE FROM login_throttle`);
    await t.ds.query(`DELETE FROM password_reset`);
    await t.ds.query(`DELETE FROM mail_message`);
  });

  async function askForLink(email: string, agent = request.agent(t.app)) {
    const form = await agent.get('/password/forgot');
    return agent.post('/password/forgot').type('form').send({ email, _csrf: csrfOf(form.text) });
  }
  const resetMail = async (email: string) => queuedMail(t.ds, { kind: 'password_reset', toEmail: email });
  /**
   * The form answers before the link is made (so its timing tells nothing, see the route): what follows
   * waits for the work behind an answer — the letters to `email` once there are `count` of them.
   */
  async function lettersTo(email: string, count: number) {
    for (const deadline = Date.now() + 15_000; ; await new Promise((r) => setTimeout(r, 20))) {
      const mails = await resetMail(email);
      if (mails.length >= count || Date.now() > deadline) return mails;
    }
  }
  /** Asks for a link for an address with an account and returns the letter that brings it. */
  async function linkFor(email: string) {
    const before = (await resetMail(email)).length;
    expect((await askForLink(email)).status).toBe(200);
    const mails = await lettersTo(email, before + 1);
    expect(mails).toHaveLength(before + 1);
    return mails[before];
  }
  /** Every request made before has been dealt with: a link asked for after them has arrived. */
  const settled = () => linkFor('admin@example.org');
  const tokenIn = (text: string) => /\/password\/reset\/([A-Za-z0-9_-]+)/.exec(text)![1];
  async function setPassword(token: string, password: string, confirm = password) {
    const visitor = request.agent(t.app);
    const form = await visitor.get(`/password/reset/${token}`);
    expect(form.status).toBe(200);
    return visitor.post(`/password/reset/${token}`).type('form').send({ _csrf: csrfOf(form.text), password, passwordConfirm: confirm });
  }
  const restoreDemoPassword = async (email: string) => {
    const mail = await linkFor(email);
    expect((await setPassword(tokenIn(mail.text), DEMO_PASSWORD)).status).toBe(303);
  };

  it('links «Забыли пароль?» from the sign-in page, and «Forgot password?» in English', async () => {
    const login = await request(t.app).get('/login');
    expect(login.text).toContain('<a href="/password/forgot">Забыли пароль?</a>');
    const english = await request(t.app).get('/login').set('Cookie', 'lang=en');
    expect(english.text).toContain('<a href="/password/forgot">Forgot password?</a>');
    const form = await request(t.app).get('/password/forgot');
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="email"');
  });

  it('mails an active account a one-hour link; the link sets the password, ends every other session, lifts a lockout, and is audited', async () => {
    const id = await userId(t.ds, 'officer@example.org');
    const { agent: oldSession } = await signIn(t.app, 'officer@example.org');
    expect((await oldSession.get('/officer')).status).toBe(200);
    await t.ds.query(`UPDATE app_user SET failed_logins = 4, locked_until = now() + interval '10 minutes' WHERE id = $1`, [id]);

    const asked = await askForLink('  Officer@Example.org ');
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('Если адрес officer@example.org зарегистрирован');
    expect(asked.text).toContain(`Ссылка действует ${RESET_LINK_MINUTES} минут`);
    const mails = await lettersTo('officer@example.org', 1);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ recipientUserId: id, language: 'ru', subject: 'Смена пароля в «Лауреате»' });
    expect(mails[0].text).toContain('http://localhost:3000/password/reset/');
    expect(mails[0].html).toContain(`href="http://localhost:3000/password/reset/${tokenIn(mails[0].text)}"`);
    const [link] = await t.ds.query(`SELECT expires_at - created_at AS valid_for, token_hash FROM password_reset WHERE user_id = $1`, [id]);
    expect(link.valid_for).toMatchObject({ hours: 1 });
    // only the token's hash is stored: the link in the mail is nowhere in the database
    expect(link.token_hash).not.toContain(tokenIn(mails[0].text));

    const set = await setPassword(tokenIn(mails[0].text), NEW_PASSWORD);
    expect(set.status).toBe(303);
    expect(set.headers.location).toBe('/login');

    const afterwards = await oldSession.get('/officer');
    expect(afterwards.status).toBe(303);
    expect(afterwards.headers.location).toMatch(/^\/login/);
    const { agent } = await signIn(t.app, 'officer@example.org', NEW_PASSWORD);
    expect((await agent.get('/officer')).status).toBe(200);
    const oldPassword = request.agent(t.app);
    const form = await oldPassword.get('/login');
    expect((await oldPassword.post('/login').type('form').send({ email: 'officer@example.org', password: DEMO_PASSWORD, _csrf: csrfOf(form.text) })).status).toBe(401);
    const audit = await t.ds.query(`SELECT actor_id, entity_id FROM audit_event WHERE action = 'password.reset'`);
    expect(audit).toEqual([{ actor_id: id, entity_id: String(id) }]);
    await restoreDemoPassword('officer@example.org');
  }, 60_000);

  it('shows the person a message on the sign-in page once the password is set', async () => {
    const mail = await linkFor('juror@example.org');
    const visitor = request.agent(t.app);
    const form = await visitor.get(`/password/reset/${tokenIn(mail.text)}`);
    expect(form.text).toContain('Соколова Марина Андреевна, задайте новый пароль');
    await visitor.post(`/password/reset/${tokenIn(mail.text)}`).type('form').send({ _csrf: csrfOf(form.text), password: DEMO_PASSWORD, passwordConfirm: DEMO_PASSWORD }).expect(303);
    expect((await visitor.get('/login')).text).toContain('Пароль изменён, прежние входы завершены.');
  }, 30_000);

  it('refuses a link used once already, with a clear page and no change', async () => {
    const token = tokenIn((await linkFor('juror2@example.org')).text);
    expect((await setPassword(token, DEMO_PASSWORD)).status).toBe(303);
    const visitor = request.agent(t.app);
    const page = await visitor.get(`/password/reset/${token}`);
    expect(page.status).toBe(410);
    expect(page.text).toContain('Эта ссылка уже использована или заменена более новой.');
    expect(page.text).toContain('href="/password/forgot"');
    const csrf = csrfOf((await visitor.get('/password/forgot')).text);
    const again = await visitor.post(`/password/reset/${token}`).type('form').send({ _csrf: csrf, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(again.status).toBe(410);
    await signIn(t.app, 'juror2@example.org', DEMO_PASSWORD);
  }, 30_000);

  it('refuses a link older than an hour', async () => {
    const token = tokenIn((await linkFor('juror3@example.org')).text);
    await t.ds.query(`UPDATE password_reset SET created_at = created_at - interval '61 minutes', expires_at = expires_at - interval '61 minutes'`);
    const page = await request(t.app).get(`/password/reset/${token}`);
    expect(page.status).toBe(410);
    expect(page.text).toContain('Срок действия ссылки истёк.');
  });

  it('answers 404 with a clear page to a made-up or malformed link, never a 500', async () => {
    for (const token of ['this-token-does-not-exist-at-all', 'x', '%00', 'a'.repeat(500)]) {
      const res = await request(t.app).get(`/password/reset/${token}`);
      expect({ token, status: res.status }).toEqual({ token, status: token === '%00' ? 400 : 404 });
    }
    expect((await request(t.app).get('/password/reset/this-token-does-not-exist-at-all')).text).toContain('Ссылка для смены пароля не найдена.');
  });

  it('makes a new request end the older link', async () => {
    const first = await linkFor('officer2@example.org');
    const second = await linkFor('officer2@example.org');
    expect((await request(t.app).get(`/password/reset/${tokenIn(first.text)}`)).status).toBe(410);
    expect((await request(t.app).get(`/password/reset/${tokenIn(second.text)}`)).status).toBe(200);
  });

  it('answers an unknown address exactly as a known one, and mails nothing', async () => {
    const known = await askForLink('juror@example.org');
    const unknown = await askForLink('nobody-here@example.org');
    expect(unknown.status).toBe(known.status);
    const page = (res: request.Response, email: string) => res.text.replaceAll(email, 'EMAIL').replace(/name="_csrf" value="[^"]+"/g, '');
    expect(page(unknown, 'nobody-here@example.org')).toBe(page(known, 'juror@example.org'));
    await settled();
    expect(await resetMail('nobody-here@example.org')).toEqual([]);
    // the link for the known address and the one `settled` asked for: none for the unknown one
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM password_reset`)).toEqual([{ n: 2 }]);
  });

  it('sends nothing to a deactivated account, and a link sent before the deactivation stops working', async () => {
    const id = await userId(t.ds, 'juror3@example.org');
    const token = tokenIn((await linkFor('juror3@example.org')).text);
    await t.ds.query(`UPDATE app_user SET active = false WHERE id = $1`, [id]);
    try {
      const asked = await askForLink('juror3@example.org');
      expect(asked.status).toBe(200);
      await settled();
      expect(await resetMail('juror3@example.org')).toHaveLength(1);
      expect((await request(t.app).get(`/password/reset/${token}`)).status).toBe(404);
    } finally {
      await t.ds.query(`UPDATE app_user SET active = true WHERE id = $1`, [id]);
    }
  });

  it('writes to the person in their own language, whatever the language of the page that asked', async () => {
    const id = await userId(t.ds, 'juror2@example.org');
    await t.ds.query(`UPDATE app_user SET language = 'en' WHERE id = $1`, [id]);
    try {
      const mail = await linkFor('juror2@example.org');
      expect(mail).toMatchObject({ language: 'en', subject: 'Resetting your Laureate password' });
      expect(mail.text).toContain('Hello Белов Артём Сергеевич,');
      expect(mail.text).toMatch(/The link works until \d+ \w+ \d{4} at \d\d:\d\d \(Moscow time\) and only once/);
    } finally {
      await t.ds.query(`UPDATE app_user SET language = 'ru' WHERE id = $1`, [id]);
    }
  });

  it('keeps the form and names the problem when the new passwords are short or differ, and the link still works', async () => {
    const token = tokenIn((await linkFor('juror@example.org')).text);
    const res = await setPassword(token, 'short', 'other');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Пароль должен быть не короче 10 символов.');
    expect(res.text).toContain('Пароли не совпадают.');
    expect((await request(t.app).get(`/password/reset/${token}`)).status).toBe(200);
  });

  it('asks again, with the address kept, for an address that is not one', async () => {
    const res = await askForLink('not an address');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Укажите адрес электронной почты');
    expect(res.text).toContain('value="not an address"');
    await settled();
    expect(await queuedMail(t.ds, { kind: 'password_reset' })).toHaveLength(1);
  });

  it(`sends one person at most ${MAX_RESET_LINKS_PER_HOUR} links an hour, answering the same after that; the last link sent keeps working`, async () => {
    for (let i = 0; i < MAX_RESET_LINKS_PER_HOUR + 2; i++) expect((await askForLink('officer2@example.org')).status).toBe(200);
    await settled();
    const mails = await resetMail('officer2@example.org');
    expect(mails).toHaveLength(MAX_RESET_LINKS_PER_HOUR);
    expect((await request(t.app).get(`/password/reset/${tokenIn(mails.at(-1)!.text)}`)).status).toBe(200);
  }, 30_000);

  it(`refuses requests from an address after ${THROTTLE_MAX_ATTEMPTS} in a window, with 429 and no mail; signing in from it still works`, async () => {
    for (let i = 0; i < THROTTLE_MAX_ATTEMPTS; i++) expect((await askForLink(`nobody${i}@example.org`)).status).toBe(200);
    const refused = await askForLink('juror@example.org');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.text).toContain('Слишком много просьб о смене пароля с этого адреса.');
    expect(await resetMail('juror@example.org')).toEqual([]);
    await signIn(t.app, 'juror@example.org');
  }, 120_000);
});
