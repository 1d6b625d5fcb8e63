import request from 'supertest';
import { csrfOf, signIn, useTestApp, DEMO_PASSWORD, type Agent } from '../support/harness';
import { MAX_FAILED_LOGINS } from '../../src/auth/login';

const NEW_PASSWORD = 'a-brand-new-password';
const sidOf = (res: request.Response) => /laureate\.sid=([^;]+)/.exec(String(res.headers['set-cookie'] ?? ''))?.[1];

/**
 * Changing one's password on /account/password: it ends every other session of the person (a thief's
 * copy of the cookie included) and gives the session that changed it a new id; and guessing the current
 * password there counts toward the same lockout as guessing it on the sign-in form.
 */
describe('changing one\'s password', () => {
  const t = useTestApp();

  const change = (agent: Agent, csrf: string, currentPassword: string, password = NEW_PASSWORD) =>
    agent.post('/account/password').type('form').send({ _csrf: csrf, currentPassword, password, passwordConfirm: password });
  const signInStatus = async (email: string, password: string) => {
    const agent = request.agent(t.app);
    const form = await agent.get('/login');
    return (await agent.post('/login').type('form').send({ email, password, _csrf: csrfOf(form.text) })).status;
  };
  /** Signs in through the form, keeping the session id the sign-in gave (as a thief copying the cookie would). */
  const signInKeepingSid = async (email: string) => {
    const agent = request.agent(t.app);
    const form = await agent.get('/login');
    const signedIn = await agent.post('/login').type('form').send({ email, password: DEMO_PASSWORD, _csrf: csrfOf(form.text) });
    expect(signedIn.status).toBe(303);
    return { agent, sid: sidOf(signedIn)!, csrf: csrfOf((await agent.get('/account/password')).text) };
  };
  const lockOf = async (email: string) =>
    (await t.ds.query(`SELECT failed_logins, locked_until FROM app_user WHERE email = $1`, [email]))[0] as { failed_logins: number; locked_until: Date | null };
  const restore = (email: string) =>
    t.ds.query(`UPDATE app_user SET password_hash = (SELECT password_hash FROM app_user WHERE email = 'admin@example.org'), failed_logins = 0, locked_until = NULL WHERE email = $1`, [email]);

  describe('ends the person\'s other sessions', () => {
    afterEach(() => restore('juror@example.org'));

    it('signs out a second browser of the person, and keeps the browser that changed it signed in under a new session id', async () => {
      const first = await signInKeepingSid('juror@example.org');
      const second = await signIn(t.app, 'juror@example.org');
      expect((await second.agent.get('/jury')).status).toBe(200);

      const res = await change(first.agent, first.csrf, DEMO_PASSWORD);
      expect(res.status).toBe(303);
      const after = sidOf(res);
      expect(after).toBeTruthy();
      expect(after).not.toBe(first.sid);

      const signedOut = await second.agent.get('/jury');
      expect(signedOut.status).toBe(303);
      expect(signedOut.headers.location).toMatch(/^\/login/);
      const page = await first.agent.get('/account/password');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Пароль изменён.');
      expect((await first.agent.get('/jury')).status).toBe(200);
      // exactly one session of the person is left: the one that changed the password
      const [{ id }] = await t.ds.query(`SELECT id FROM app_user WHERE email = 'juror@example.org'`);
      expect(await t.ds.query(`SELECT count(*)::int AS n FROM session WHERE (sess -> 'passport' ->> 'user') = $1`, [String(id)])).toEqual([{ n: 1 }]);
      expect(await signInStatus('juror@example.org', NEW_PASSWORD)).toBe(303);
    });

    it('makes a copied cookie of the changing browser\'s old session worthless', async () => {
      const { agent, csrf, sid: copied } = await signInKeepingSid('juror@example.org');
      expect((await change(agent, csrf, DEMO_PASSWORD)).status).toBe(303);
      const replayed = await request(t.app).get('/jury').set('Cookie', `laureate.sid=${copied}`);
      expect(replayed.status).toBe(303);
      expect(replayed.headers.location).toMatch(/^\/login/);
      expect((await agent.get('/jury')).status).toBe(200);
    });

    it('leaves the other people\'s sessions alone', async () => {
      const changer = await signIn(t.app, 'juror@example.org');
      const other = await signIn(t.app, 'juror2@example.org');
      expect((await change(changer.agent, changer.csrf, DEMO_PASSWORD)).status).toBe(303);
      expect((await other.agent.get('/jury')).status).toBe(200);
    });
  });

  describe('counts wrong current passwords toward the account lockout', () => {
    afterEach(() => restore('juror2@example.org'));

    it(`refuses a wrong current password ${MAX_FAILED_LOGINS - 1} times in a row, locks the account at the ${MAX_FAILED_LOGINS}th, and refuses the ${MAX_FAILED_LOGINS + 1}th even with the right one`, async () => {
      const { agent, csrf } = await signIn(t.app, 'juror2@example.org');
      for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
        const res = await change(agent, csrf, `wrong-guess-${i}`);
        expect({ i, status: res.status }).toEqual({ i, status: 400 });
        expect(res.text).toContain('Текущий пароль указан неверно.');
      }
      expect(await lockOf('juror2@example.org')).toMatchObject({ failed_logins: MAX_FAILED_LOGINS - 1, locked_until: null });

      const tenth = await change(agent, csrf, 'wrong-guess-10');
      expect(tenth.status).toBe(429);
      expect(tenth.text).toContain('Слишком много неверных попыток. Вход и смена пароля заблокированы до');
      expect(Number(tenth.headers['retry-after'])).toBeGreaterThan(0);

      const eleventh = await change(agent, csrf, DEMO_PASSWORD);
      expect(eleventh.status).toBe(429);
      expect(eleventh.text).toContain('заблокированы до');
      // nothing changed: the sign-in form is locked too, and once the lock is over the old password still works
      expect(await signInStatus('juror2@example.org', DEMO_PASSWORD)).toBe(401);
      await t.ds.query(`UPDATE app_user SET locked_until = now() - interval '1 second' WHERE email = 'juror2@example.org'`);
      expect(await signInStatus('juror2@example.org', NEW_PASSWORD)).toBe(401);
      expect(await signInStatus('juror2@example.org', DEMO_PASSWORD)).toBe(303);
    });

    it('keeps the person\'s session while locked (the lock stops guessing, not work), and says so in English', async () => {
      const { agent, csrf } = await signIn(t.app, 'juror2@example.org');
      await agent.get('/lang/en');
      for (let i = 1; i < MAX_FAILED_LOGINS; i++) await change(agent, csrf, `wrong-guess-${i}`).expect(400);
      const locked = await change(agent, csrf, 'wrong-guess-10');
      expect(locked.status).toBe(429);
      expect(locked.text).toContain('Too many wrong attempts. Sign-in and password changes are locked until');
      expect((await agent.get('/jury')).status).toBe(200);
    });

    it('adds wrong current passwords and failed sign-ins up into one run, as the same counter', async () => {
      const { agent, csrf } = await signIn(t.app, 'juror2@example.org');
      const half = MAX_FAILED_LOGINS / 2;
      for (let i = 0; i < half; i++) expect(await signInStatus('juror2@example.org', `wrong-sign-in-${i}`)).toBe(401);
      for (let i = 1; i < half; i++) await change(agent, csrf, `wrong-guess-${i}`).expect(400);
      expect((await change(agent, csrf, 'wrong-guess-last')).status).toBe(429);
      expect(await signInStatus('juror2@example.org', DEMO_PASSWORD)).toBe(401);
    });

    it('ends the run of failures with a right current password, as a sign-in does', async () => {
      const { agent, csrf } = await signIn(t.app, 'juror2@example.org');
      for (let i = 1; i < MAX_FAILED_LOGINS; i++) await change(agent, csrf, `wrong-guess-${i}`).expect(400);
      expect((await change(agent, csrf, DEMO_PASSWORD)).status).toBe(303);
      expect(await lockOf('juror2@example.org')).toMatchObject({ failed_logins: 0, locked_until: null });
    });
  });
});
