import request from 'supertest';
import { csrfOf, useTestApp, DEMO_PASSWORD, type Agent } from '../support/harness';
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from '../../src/auth/login';
import { THROTTLE_MAX_ATTEMPTS, THROTTLE_WINDOW_MINUTES } from '../../src/auth/throttle';

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
      for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) {
        const res = await attempt(agent, i % 2 ? 'JUROR3@example.org' : ' juror3@EXAMPLE.org', 'bad-password');
        expect(res.status).toBe(401);
      }
      const tenth = await attempt(agent, 'Juror3@Example.Org', 'bad-password');
      expect(tenth.status).toBe(423);
      expect(tenth.text).toContain('Вход заблокирован до');
      for (const email of ['juror3@example.org', 'JUROR3@EXAMPLE.ORG']) {
        const visitor = request.agent(t.app);
        expect((await attempt(visitor, email, DEMO_PASSWORD)).status).toBe(423);
        expect((await visitor.get('/jury')).status).toBe(303);
      }
      const rows = await t.ds.query(`SELECT locked_until FROM app_user WHERE email = 'juror3@example.org'`);
      const minutes = (new Date(rows[0].locked_until).getTime() - Date.now()) / 60000;
      expect(minutes).toBeGreaterThan(LOCKOUT_MINUTES - 1);
      expect(minutes).toBeLessThanOrEqual(LOCKOUT_MINUTES);
    });

    it('says the lockout in English to an English reader, and signs nobody in while it lasts', async () => {
      const agent = request.agent(t.app);
      await agent.get('/lang/en');
      const res = await attempt(agent, 'juror3@example.org', DEMO_PASSWORD);
      expect(res.status).toBe(423);
      expect(res.text).toContain('Sign-in is locked until');
      expect((await agent.get('/jury')).status).toBe(303);
    });

    it('counts failures per account, so another account is not locked by them', async () => {
      const res = await attempt(request.agent(t.app), 'juror2@example.org', DEMO_PASSWORD);
      expect(res.status).toBe(303);
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
