import request from 'supertest';
import type { Express } from 'express';
import { csrfOf, eventually, signIn, useSecondApp, useTestApp, DEMO_PASSWORD } from '../support/harness';

const onPostgres = Boolean(process.env.DATABASE_URL);
const sidOf = (res: request.Response) => /laureate\.sid=([^;]+)/.exec(String(res.headers['set-cookie'] ?? ''))?.[1];
const page = (app: Express, sid: string, path = '/jury') => request(app).get(path).set('Cookie', `laureate.sid=${sid}`);

/**
 * Each app process keeps the sessions it served and their people in memory (src/auth/session-cache.ts), so a
 * signed-in page reads neither again. The database's notices keep every process's copy right: what an admin
 * changes on one process, every other process knows at the next request; a lost notice connection empties it.
 */
describe('the signed-in person kept in memory by each app process', () => {
  const t = useTestApp();
  const b = useSecondApp(t);

  async function signedIn(app: Express, email: string): Promise<string> {
    const agent = request.agent(app);
    const form = await agent.get('/login');
    const res = await agent.post('/login').type('form').send({ email, password: DEMO_PASSWORD, _csrf: csrfOf(form.text) });
    expect(res.status).toBe(303);
    return sidOf(res)!;
  }
  const idOf = async (email: string) => (await t.ds.query(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id as number;

  /** Renames a person behind the notices' back (triggers off for one transaction), as only a cache would not see. */
  const renameSilently = (email: string, fullName: string) =>
    t.ds.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`UPDATE app_user SET full_name = $2 WHERE email = $1`, [email, fullName]);
    });

  it('serves a signed-in person from memory: a change that sends no notice does not show', async () => {
    const sid = await signedIn(t.app, 'juror3@example.org');
    // (the first page gives the new session its form token: one write, which drops the copy; the second keeps it)
    for (let i = 0; i < 2; i++) expect((await page(b.app, sid)).text).toContain('Зайцева Ольга Дмитриевна');
    await renameSilently('juror3@example.org', 'Невидимкина Ирина Павловна');
    const after = await page(b.app, sid);
    expect(after.status).toBe(200);
    expect(after.text).toContain('Зайцева Ольга Дмитриевна');
    expect(after.text).not.toContain('Невидимкина');
  });

  it('shows on B, at the next request, the new name of a person an admin renamed on A', async () => {
    const sid = await signedIn(t.app, 'juror2@example.org');
    expect((await page(b.app, sid)).status).toBe(200);
    expect((await page(b.app, sid)).text).not.toContain('Переименованная');
    const admin = await signIn(t.app, 'admin@example.org');
    const id = await idOf('juror2@example.org');
    const form = await admin.agent.get(`/admin/users/${id}`);
    expect(form.status).toBe(200);
    const institution = /id="institution"[^>]*value="([^"]*)"/.exec(form.text)?.[1] ?? 'Больница';
    const municipalityId = (await t.ds.query(`SELECT municipality_id AS m FROM app_user WHERE id = $1`, [id]))[0].m;
    await admin.agent.post(`/admin/users/${id}`).type('form')
      .send({ _csrf: admin.csrf, fullName: 'Переименованная Анна Петровна', role: 'juror', municipalityId, institution }).expect(303);
    // the notice reaches the other process on its own connection (at once on the embedded database)
    expect(await eventually(async () => (await page(b.app, sid)).text.includes('Переименованная'))).toBe(true);
    expect((await page(t.app, sid)).text).toContain('Переименованная');
  });

  it('never serves a signed-out session from memory, on the process that signed out or any other', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/login');
    const res = await agent.post('/login').type('form').send({ email: 'juror@example.org', password: DEMO_PASSWORD, _csrf: csrfOf(form.text) });
    const sid = sidOf(res)!;
    for (const app of [t.app, b.app]) expect((await page(app, sid)).status).toBe(200);
    const csrf = csrfOf((await page(t.app, sid, '/account/password')).text);
    await request(t.app).post('/logout').set('Cookie', `laureate.sid=${sid}`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await page(t.app, sid)).status).toBe(303);
    expect(await eventually(async () => (await page(b.app, sid)).status === 303)).toBe(true);
  });

  it('takes a role change into account at the next request on every process', async () => {
    const sid = await signedIn(b.app, 'officer2@example.org');
    for (const app of [t.app, b.app]) expect((await page(app, sid, '/officer')).status).toBe(200);
    const id = await idOf('officer2@example.org');
    // straight in the database, as a CLI or an operator would: the trigger's notice still reaches every process
    await t.ds.query(`UPDATE app_user SET role = 'juror', institution = 'Щёлковская больница' WHERE id = $1`, [id]);
    for (const app of [t.app, b.app]) expect(await eventually(async () => (await page(app, sid, '/officer')).status === 403)).toBe(true);
    for (const app of [t.app, b.app]) expect((await page(app, sid, '/jury')).status).toBe(200);
  });

  (onPostgres ? it : it.skip)('forgets everything it kept when its notice connection is lost, and listens again', async () => {
    const sid = await signedIn(t.app, 'juror3@example.org');
    for (let i = 0; i < 2; i++) expect((await page(b.app, sid)).status).toBe(200);
    await renameSilently('juror3@example.org', 'Потерянная Вера Ильинична');
    expect((await page(b.app, sid)).text).not.toContain('Потерянная');
    const listeners = `SELECT pid FROM pg_stat_activity WHERE application_name = 'laureate-changes' AND datname = current_database()`;
    const before: Array<{ pid: number }> = await t.ds.query(listeners);
    expect(before.length).toBeGreaterThanOrEqual(2);
    await t.ds.query(`SELECT pg_terminate_backend(pid) FROM (${listeners}) l`);
    // well within the ten seconds a copy is trusted at most: it is the lost connection that emptied the cache
    expect(await eventually(async () => (await page(b.app, sid)).text.includes('Потерянная'), 3_000)).toBe(true);
    expect(await eventually(async () => (await t.ds.query(listeners)).length >= before.length, 5_000)).toBe(true);
  });
});
