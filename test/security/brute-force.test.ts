import request from 'supertest';
import { csrfOf, useTestApp, DEMO_PASSWORD, type Agent } from '../support/harness';
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from '../../src/auth/login';
import { THROTTLE_MAX_ATTEMPTS, THROTTLE_WINDOW_MINUTES } from '../../src/auth/throttle';
import { passwordVerifications } from '../../src/auth/password';

const INVALID_RU = `Неверная почта или пароль. После ${MAX_FAILED_LOGINS} неудачных попыток подряд вход блокируется на ${LOCKOUT_MINUTES} минут.`;

/** Password guessing: each account locks after a run of failures, each client address is throttled. */
describe('brute force against the sign-in form', () => {
  const t = useTestApp();

  async function attempt(agent: Agent, email: string, password: string, headers: Record<string, string> = {}) {
    const form = await agent.get('/login');
    return agent.post('/login').set(headers).type('form').send({ email, password, _csrf: csrfOf(form.text) });
  }

  describe('the account lockout', () => {
    it(`locks an account for ${LOCKOUT_MINUTES} minutes after ${MAX_FAILED_LOGINS} failures, even for the right password, whatever the case of the address`, async () => {
      const agent = request.agent(t.app);
      for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
        const res = await attempt(agent, i % 2 ? 'JUROR3@example.org' : ' juror3@EXAMPLE.org', 'bad-password');
        expect({ i, status: res.status }).toEqual({ i, status: 401 });
      }
      for (const email of ['juror3@example.org', 'JUROR3@EXAMPLE.ORG']) {
        const visitor = request.agent(t.app);
        const right = await attempt(visitor, email, DEMO_PASSWORD);
        expect(right.status).toBe(401);
        expect(right.text).toContain(INVALID_RU);
        expect((await visitor.get('/jury')).status).toBe(303);
      }
      const rows = await t.ds.query(`SELECT locked_until FROM app_user WHERE email = 'juror3@example.org'`);
      const minutes = (new Date(rows[0].locked_until).getTime() - Date.now()) / 60000;
      expect(minutes).toBeGreaterThan(LOCKOUT_MINUTES - 1);
      expect(minutes).toBeLessThanOrEqual(LOCKOUT_MINUTES);
    });

    it('signs nobody in while the lock lasts, and tells an English reader only the generic refusal', async () => {
      const agent = request.agent(t.app);
      await agent.get('/lang/en');
      const res = await attempt(agent, 'juror3@example.org', DEMO_PASSWORD);
      expect(res.status).toBe(401);
      expect(res.text).toContain(`Wrong email or password. After ${MAX_FAILED_LOGINS} failed attempts in a row, sign-in is locked for ${LOCKOUT_MINUTES} minutes.`);
      expect(res.text).not.toContain('locked until');
      expect((await agent.get('/jury')).status).toBe(303);
    });

    it('counts failures per account, so another account is not locked by them', async () => {
      const res = await attempt(request.agent(t.app), 'juror2@example.org', DEMO_PASSWORD);
      expect(res.status).toBe(303);
    });
  });

  /**
   * Whether an address has an account must not show, neither in the answer nor in its time: a locked account
   * (even with its right password), an unknown address, an account with no password yet, an inactive one and a
   * wrong password get the same status and page, and each costs exactly one argon2 verification. Timing tests
   * are flaky, so the verification count proves the work instead.
   */
  describe('refusals that tell nothing about the account', () => {
    const WRONG = 'bad-password';
    let cases: Array<[string, string, string]>;

    beforeAll(async () => {
      await t.ds.query(`DELETE FROM login_throttle`);
      await t.ds.query(`UPDATE app_user SET locked_until = now() + interval '10 minutes', failed_logins = 0 WHERE email = 'juror3@example.org'`);
      await t.ds.query(`INSERT INTO app_user (email, full_name, role, password_hash) VALUES ('invited@example.org', 'Приглашённый', 'admin', NULL)`);
      await t.ds.query(`UPDATE app_user SET active = false WHERE email = 'juror2@example.org'`);
      cases = [
        ['a locked account, with its right password', 'juror3@example.org', DEMO_PASSWORD],
        ['a locked account, with a wrong password', 'juror3@example.org', WRONG],
        ['an unknown address', 'nobody-here@example.org', WRONG],
        ['an invited account without a password yet', 'invited@example.org', WRONG],
        ['an inactive account, with its right password', 'juror2@example.org', DEMO_PASSWORD],
        ['a wrong password of an active account', 'officer2@example.org', WRONG],
      ];
    });
    afterAll(async () => {
      await t.ds.query(`UPDATE app_user SET locked_until = NULL, failed_logins = 0, active = true`);
      await t.ds.query(`DELETE FROM app_user WHERE email = 'invited@example.org'`);
      await t.ds.query(`DELETE FROM login_throttle`);
    });

    /** The page with what the visitor typed and the session's token taken out: what is left must be the same. */
    const refusalOf = (res: { status: number; text: string }, email: string) => ({
      status: res.status,
      page: res.text.replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value=""').split(email).join('EMAIL'),
    });

    it('answers each with the same status and the same page, in Russian and in English', async () => {
      for (const language of ['ru', 'en']) {
        const seen = [];
        for (const [what, email, password] of cases) {
          const agent = request.agent(t.app);
          await agent.get(`/lang/${language}`);
          seen.push({ what, ...refusalOf(await attempt(agent, email, password), email) });
        }
        expect(seen[0].status).toBe(401);
        expect(seen[0].page).toContain(language === 'ru' ? INVALID_RU : 'Wrong email or password.');
        for (const s of seen) expect({ what: s.what, status: s.status, page: s.page }).toEqual({ what: s.what, status: seen[0].status, page: seen[0].page });
      }
    });

    it('verifies one argon2 hash for each, the stand-in hash where there is no usable one (no account, no password, a lock)', async () => {
      const spent: Record<string, { real: number; dummy: number }> = {};
      for (const [what, email, password] of cases) {
        const before = { ...passwordVerifications };
        await attempt(request.agent(t.app), email, password);
        spent[what] = { real: passwordVerifications.real - before.real, dummy: passwordVerifications.dummy - before.dummy };
      }
      expect(spent).toEqual({
        'a locked account, with its right password': { real: 0, dummy: 1 },
        'a locked account, with a wrong password': { real: 0, dummy: 1 },
        'an unknown address': { real: 0, dummy: 1 },
        'an invited account without a password yet': { real: 0, dummy: 1 },
        'an inactive account, with its right password': { real: 1, dummy: 0 },
        'a wrong password of an active account': { real: 1, dummy: 0 },
      });
    });

    it('still signs in the right password of an active, unlocked account (one verification, of its own hash)', async () => {
      const before = { ...passwordVerifications };
      expect((await attempt(request.agent(t.app), 'officer@example.org', DEMO_PASSWORD)).status).toBe(303);
      expect({ real: passwordVerifications.real - before.real, dummy: passwordVerifications.dummy - before.dummy }).toEqual({ real: 1, dummy: 0 });
    });
  });

  describe(`the throttle: ${THROTTLE_MAX_ATTEMPTS} attempts per client address in ${THROTTLE_WINDOW_MINUTES} minutes`, () => {
    // the attempts above came from this same address; the throttle's count starts here
    beforeAll(() => t.ds.query(`DELETE FROM login_throttle`));

    it('answers 429 with a message and Retry-After once the address has used its attempts, even for a right password', async () => {
      const agent = request.agent(t.app);
      for (let i = 0; i < THROTTLE_MAX_ATTEMPTS; i++) {
        // a different unknown address each time: no account lockout helps here, only the throttle
        const res = await attempt(agent, `guess${i}@example.org`, 'bad-password', { 'X-Forwarded-For': `10.0.${i}.1` });
        expect({ i, status: res.status }).toEqual({ i, status: 401 });
      }
      const over = await attempt(agent, 'guess-over@example.org', 'bad-password');
      expect(over.status).toBe(429);
      expect(over.text).toContain('Слишком много попыток входа с этого адреса. Повторите после');
      const retryAfter = Number(over.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(THROTTLE_WINDOW_MINUTES * 60);
      // the right password of a real account is refused too: the throttle comes before any password check
      const right = await attempt(request.agent(t.app), 'admin@example.org', DEMO_PASSWORD);
      expect(right.status).toBe(429);
      expect((await t.ds.query(`SELECT failed_logins FROM app_user WHERE email = 'admin@example.org'`))[0].failed_logins).toBe(0);
    }, 60_000);

    it('is not escaped by a forged X-Forwarded-For on a server that trusts no proxy (plain http)', async () => {
      const res = await attempt(request.agent(t.app), 'admin@example.org', DEMO_PASSWORD, { 'X-Forwarded-For': '203.0.113.7' });
      expect(res.status).toBe(429);
    });

    it('still lets pages other than the sign-in form through from the throttled address', async () => {
      expect((await request(t.app).get('/')).status).toBe(200);
      expect((await request(t.app).get('/login')).status).toBe(200);
    });
  });
});
