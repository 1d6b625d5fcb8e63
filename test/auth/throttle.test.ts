import request from 'supertest';
import { buildApp, type BuiltApp } from '../../src/app';
import { csrfOf, useTestApp, DEMO_PASSWORD } from '../support/harness';
import { THROTTLE_MAX_ATTEMPTS } from '../../src/auth/throttle';
import type { Express } from 'express';

/**
 * The per-address sign-in limit counts failures only: a ministry whose officers all sign in from one
 * address behind its proxy is never refused for signing in correctly, while guessing from it still is.
 */
describe('the sign-in limit per client address', () => {
  const t = useTestApp();
  let behindProxy: BuiltApp;

  beforeAll(() => {
    behindProxy = buildApp({ dataSource: t.ds, config: { ...t.config, trustProxy: 1 } });
  });
  afterAll(() => behindProxy.close());
  beforeEach(() => t.ds.query(`DELETE FROM login_throttle`));

  async function attempt(app: Express, email: string, password: string, from?: string) {
    const agent = request.agent(app);
    const form = await agent.get('/login');
    const post = agent.post('/login').type('form');
    if (from) post.set('X-Forwarded-For', from);
    return post.send({ email, password, _csrf: csrfOf(form.text) });
  }
  const fail = (app: Express, i: number, from?: string) => attempt(app, `nobody${i}@example.org`, 'bad-password', from);

  it(`never refuses a right password for successes, however many, while the address has fewer than ${THROTTLE_MAX_ATTEMPTS} failures`, async () => {
    for (let i = 0; i < THROTTLE_MAX_ATTEMPTS - 1; i++) expect((await fail(t.app, i)).status).toBe(401);
    for (let i = 0; i < THROTTLE_MAX_ATTEMPTS + 10; i++) {
      const res = await attempt(t.app, i % 2 ? 'officer@example.org' : 'officer2@example.org', DEMO_PASSWORD);
      expect({ i, status: res.status }).toEqual({ i, status: 303 });
    }
    expect((await t.ds.query(`SELECT attempts FROM login_throttle`))[0].attempts).toBe(THROTTLE_MAX_ATTEMPTS - 1);
  }, 120_000);

  it('still refuses every attempt with 429 once the address has used up its failures, the right password too', async () => {
    for (let i = 0; i < THROTTLE_MAX_ATTEMPTS; i++) expect((await fail(t.app, i)).status).toBe(401);
    expect((await fail(t.app, 999)).status).toBe(429);
    const right = await attempt(t.app, 'officer@example.org', DEMO_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.text).toContain('Слишком много попыток входа с этого адреса.');
  }, 60_000);

  it('counts a try on a locked account as a failure', async () => {
    await t.ds.query(`UPDATE app_user SET locked_until = now() + interval '10 minutes' WHERE email = 'juror3@example.org'`);
    expect((await attempt(t.app, 'juror3@example.org', DEMO_PASSWORD)).status).toBe(401);
    expect((await t.ds.query(`SELECT attempts FROM login_throttle`))[0].attempts).toBe(1);
    await t.ds.query(`UPDATE app_user SET locked_until = NULL, failed_logins = 0 WHERE email = 'juror3@example.org'`);
  });

  it('behind a trusted proxy (TRUST_PROXY=1), counts each client address the proxy reports on its own', async () => {
    for (let i = 0; i < THROTTLE_MAX_ATTEMPTS; i++) expect((await fail(behindProxy.app, i, '198.51.100.7')).status).toBe(401);
    expect((await attempt(behindProxy.app, 'officer@example.org', DEMO_PASSWORD, '198.51.100.7')).status).toBe(429);
    expect((await attempt(behindProxy.app, 'officer@example.org', DEMO_PASSWORD, '198.51.100.8')).status).toBe(303);
    const keys = (await t.ds.query(`SELECT key FROM login_throttle`)).map((r: { key: string }) => r.key);
    expect(keys).toEqual(['ip:198.51.100.7']);
  }, 60_000);
});
