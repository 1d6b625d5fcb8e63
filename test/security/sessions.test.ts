import request from 'supertest';
import { csrfOf, signIn, useSecondApp, useTestApp, DEMO_PASSWORD } from '../support/harness';
import { buildApp, type BuiltApp } from '../../src/app';
import type { Pool } from 'pg';
import type { SessionData } from 'express-session';
import { PgSessionStore } from '../../src/auth/session-store';
import { endSessionsOf } from '../../src/auth/users-query';

const sidOf = (res: request.Response) => /laureate\.sid=([^;]+)/.exec(String(res.headers['set-cookie'] ?? ''))?.[1];
const withCookie = (app: BuiltApp['app'], sid: string, path: string) => request(app).get(path).set('Cookie', `laureate.sid=${sid}`);

/**
 * Login sessions. That sign-in gives a new session id and sets HttpOnly and SameSite=Lax is proved in
 * test/auth/login.test.ts; here: a signed-out cookie is worthless, a session is honoured and ended by every
 * app process on the database, and behind https the cookie is Secure.
 */
describe('login sessions', () => {
  const t = useTestApp();

  /** Signs in and returns the raw session cookie value, as a thief would hold it. */
  async function stolenCookie(app: BuiltApp['app'], email: string): Promise<{ sid: string; csrf: string }> {
    const agent = request.agent(app);
    const form = await agent.get('/login');
    const res = await agent.post('/login').type('form').send({ email, password: DEMO_PASSWORD, _csrf: csrfOf(form.text) });
    expect(res.status).toBe(303);
    const sid = sidOf(res)!;
    const page = await withCookie(app, sid, '/account/password');
    expect(page.status).toBe(200);
    return { sid, csrf: csrfOf(page.text) };
  }

  it('makes the cookie of a signed-out session worthless, even replayed by someone who copied it', async () => {
    const { sid, csrf } = await stolenCookie(t.app, 'juror@example.org');
    const stored = () => t.ds.query(`SELECT count(*)::int AS n FROM session WHERE sid = $1`, [decodeURIComponent(sid).slice(2).split('.')[0]]);
    expect(await stored()).toEqual([{ n: 1 }]);
    const out = await request(t.app).post('/logout').set('Cookie', `laureate.sid=${sid}`).type('form').send({ _csrf: csrf });
    expect(out.status).toBe(303);
    expect(String(out.headers['set-cookie'])).toMatch(/laureate\.sid=;/);
    const replayed = await withCookie(t.app, sid, '/jury');
    expect(replayed.status).toBe(303);
    expect(replayed.headers.location).toMatch(/^\/login/);
    expect(await stored()).toEqual([{ n: 0 }]);
  });

  it('ignores a session cookie whose signature was tampered with', async () => {
    const { sid } = await stolenCookie(t.app, 'admin@example.org');
    const tampered = sid.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const res = await withCookie(t.app, tampered, '/admin');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });

  it('does not bring back a session ended while one of its requests was still running, when that request saves it', async () => {
    // The race: a request of a second browser loads its session, a password change (or a deactivation) in
    // another request deletes every session of the person, then the first request ends and saves its session.
    const { sid } = await stolenCookie(t.app, 'juror@example.org');
    const id = decodeURIComponent(sid).slice(2).split('.')[0];
    const store = new PgSessionStore((t.ds.driver as unknown as { master: Pool }).master);
    const loaded = await new Promise<SessionData>((resolve, reject) => store.get(id, (err, sess) => (err ? reject(err) : resolve(sess!))));
    const [{ user }] = await t.ds.query(`SELECT (sess -> 'passport' ->> 'user')::int AS user FROM session WHERE sid = $1`, [id]);
    await endSessionsOf(t.ds.manager, user);
    (loaded as SessionData & { flash?: unknown[] }).flash = [{ kind: 'info', key: 'x' }];
    await new Promise<void>((resolve, reject) => store.set(id, loaded, (err) => (err ? reject(err) : resolve())));
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM session WHERE sid = $1`, [id])).toEqual([{ n: 0 }]);
    expect((await withCookie(t.app, sid, '/jury')).status).toBe(303);
  });

  describe('two app processes that share nothing but the database', () => {
    const b = useSecondApp(t);

    it('serves on B a sign-in made on A, and ends it on B (and A) the moment A deactivates the person', async () => {
      const { sid } = await stolenCookie(t.app, 'juror2@example.org');
      expect((await withCookie(b.app, sid, '/jury')).status).toBe(200);
      const admin = await signIn(t.app, 'admin@example.org');
      const [{ id }] = await t.ds.query(`SELECT id FROM app_user WHERE email = 'juror2@example.org'`);
      await admin.agent.post(`/admin/users/${id}/deactivate`).type('form').send({ _csrf: admin.csrf }).expect(303);
      for (const app of [b.app, t.app]) {
        const res = await withCookie(app, sid, '/jury');
        expect(res.status).toBe(303);
        expect(res.headers.location).toMatch(/^\/login/);
      }
      await admin.agent.post(`/admin/users/${id}/activate`).type('form').send({ _csrf: admin.csrf }).expect(303);
      // reactivation does not bring the ended session back
      expect((await withCookie(b.app, sid, '/jury')).status).toBe(303);
    });

    it('ends on B the sessions of a person whose role A changed, and a sign-out on B ends the session on A', async () => {
      const officer = await stolenCookie(b.app, 'officer2@example.org');
      expect((await withCookie(t.app, officer.sid, '/officer')).status).toBe(200);
      const admin = await signIn(b.app, 'admin@example.org');
      const [{ id }] = await t.ds.query(`SELECT id FROM app_user WHERE email = 'officer2@example.org'`);
      const [{ id: podolsk }] = await t.ds.query(`SELECT id FROM municipality WHERE name = 'Подольск'`);
      await admin.agent.post(`/admin/users/${id}`).type('form').send({ _csrf: admin.csrf, fullName: 'Лебедев Игорь Валентинович', role: 'juror', municipalityId: podolsk, institution: 'Подольская больница' }).expect(303);
      expect((await withCookie(t.app, officer.sid, '/officer')).status).toBe(303);

      const juror = await stolenCookie(t.app, 'juror3@example.org');
      await request(b.app).post('/logout').set('Cookie', `laureate.sid=${juror.sid}`).type('form').send({ _csrf: juror.csrf }).expect(303);
      expect((await withCookie(t.app, juror.sid, '/jury')).status).toBe(303);
    });
  });

  describe('behind https (BASE_URL=https://…, one trusted proxy hop)', () => {
    let secure: BuiltApp;
    beforeAll(() => {
      secure = buildApp({ dataSource: t.ds, config: { ...t.config, baseUrl: 'https://awards.example.org', secureCookies: true } });
    });
    afterAll(() => secure.close());

    it('sets the session cookie Secure, HttpOnly and SameSite=Lax, with HSTS, for a request the proxy received over https', async () => {
      const res = await request(secure.app).get('/login').set('X-Forwarded-Proto', 'https');
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/^laureate\.sid=[^;]+;/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).toMatch(/; Path=\//);
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    });

    it('never hands a session cookie out over plain http, where it could be read on the wire', async () => {
      const res = await request(secure.app).get('/login');
      expect(res.status).toBe(200);
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('keeps the plain-http app\'s cookie without Secure (a local run), but HttpOnly and SameSite=Lax', async () => {
      const res = await request(t.app).get('/login');
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).not.toMatch(/Secure/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
    });
  });
});
