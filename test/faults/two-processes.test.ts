import type { DataSource } from 'typeorm';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres';
import { Browser, ensureBuilt, peopleOn, startApp, stopAllApps, waitFor, type AppProcess } from './support';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { completeFields } from '../support/officer-forms';

/** Two app processes on one database, as behind a load balancer without sticky sessions. */
describe('two app processes on one PostgreSQL database', () => {
  let pg: PrivatePostgres | undefined;
  let a: AppProcess;
  let b: AppProcess;
  let ds: DataSource | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    pg = await startPrivatePostgres();
    await pg.createDatabase('laureate');
    const env = { DATABASE_URL: pg.url('laureate'), DB_POOL_SIZE: '6' };
    // at the same moment on a fresh database, as in a deploy: one applies the migrations while the other waits
    [a, b] = await Promise.all([startApp('A', env), startApp('B', env)]);
    ds = await peopleOn(pg.url('laureate'));
  }, 180_000);

  afterAll(async () => {
    await ds?.destroy();
    await stopAllApps();
    await pg?.destroy();
  }, 60_000);

  it('starts both at the same moment on a fresh database, applying each migration once', async () => {
    const applied = await ds!.query(`SELECT name, count(*)::int AS times FROM typeorm_migrations GROUP BY name`);
    expect(applied.length).toBeGreaterThan(0);
    expect(applied.filter((m: { times: number }) => m.times !== 1)).toEqual([]);
    expect([a.child.exitCode, b.child.exitCode]).toEqual([null, null]);
  });

  it('serves a person signed in on one process from the other', async () => {
    const admin = new Browser(a.url);
    await admin.signIn('admin@example.org');
    const onB = await admin.at(b.url).get('/admin');
    expect(onB.status).toBe(200);
    expect(onB.text).toContain('Орлова Вера Станиславовна');
    // without the cookie, B sends the visitor to sign in: it is the session that carries over
    const stranger = await new Browser(b.url).get('/admin');
    expect(stranger.status).toBe(303);
    expect(stranger.location).toMatch(/^\/login/);
  }, 30_000);

  it('holds the nomination quota when submissions arrive at both processes at the same moment', async () => {
    const { cycle, categories } = await createCycle(ds!, { categories: [{ name: 'Молодой специалист', quotaPerMunicipality: 2 }] });
    const category = categories[0].id;
    const krasnogorsk = await municipalityId(ds!, 'Красногорск');
    const author = await userId(ds!, 'officer@example.org');
    const names = ['Петрова', 'Сидорова', 'Кузнецова', 'Попова', 'Волкова', 'Соловьёва', 'Васильева', 'Зайцева'];
    const drafts = [];
    for (const lastName of names) drafts.push(await createNomination(ds!, { cycleId: cycle.id, categoryId: category, municipalityId: krasnogorsk, authorId: author, nominee: { lastName }, withConsent: true }));
    // each officer's tab signs in on one process and submits through the other: half the submissions reach A, half B
    const tabs = await Promise.all(names.map(async (_, i) => {
      const [signInAt, submitAt] = i % 2 ? [a, b] : [b, a];
      const tab = new Browser(signInAt.url);
      const csrf = await tab.signIn('officer@example.org');
      return { tab: tab.at(submitAt.url), csrf };
    }));
    const answers = await Promise.all(drafts.map((d, i) =>
      tabs[i].tab.postMultipart(`/officer/nominations/${d.id}`, {
        _csrf: tabs[i].csrf, kind0: 'recommendation', kind1: 'cv', kind2: 'diploma',
        ...completeFields(category, { 'nominee.lastName': names[i] }), version: 1, action: 'submit',
      })));
    expect(answers.map((r) => r.status).sort()).toEqual([303, 303, 422, 422, 422, 422, 422, 422]);
    for (const refused of answers.filter((r) => r.status === 422)) expect(refused.text).toContain('Муниципалитет уже подал в эту номинацию максимум заявок (2).');
    const counts = await ds!.query(`SELECT status, count(*)::int AS n FROM nomination WHERE category_id = $1 GROUP BY status ORDER BY status`, [category]);
    expect(counts).toEqual([{ status: 'draft', n: 6 }, { status: 'submitted', n: 2 }]);
  }, 60_000);

  it('ends on B the session of a person the admin deactivates on A', async () => {
    const juror = new Browser(b.url);
    await juror.signIn('juror2@example.org');
    // twice: B now serves the session from its memory, which the deactivation on A must empty at once
    for (let i = 0; i < 2; i++) expect((await juror.get('/jury')).status).toBe(200);
    const admin = new Browser(a.url);
    const csrf = await admin.signIn('admin@example.org');
    const id = await userId(ds!, 'juror2@example.org');
    expect((await admin.post(`/admin/users/${id}/deactivate`, { _csrf: csrf })).status).toBe(303);
    const after = await juror.get('/jury');
    expect(after.status).toBe(303);
    expect(after.location).toMatch(/^\/login/);
  }, 30_000);

  it('listens again when its notice connection is cut: a deactivation on A still ends the session on B at once', async () => {
    const listeners = `SELECT pid FROM pg_stat_activity WHERE application_name = 'laureate-changes' AND datname = current_database()`;
    const before = new Set((await ds!.query(listeners)).map((r: { pid: number }) => r.pid));
    expect(before.size).toBe(2);
    await ds!.query(`SELECT pg_terminate_backend(pid) FROM (${listeners}) l`);
    await waitFor('both processes listening again on new connections', async () => {
      const now: Array<{ pid: number }> = await ds!.query(listeners);
      return now.filter((r) => !before.has(r.pid)).length === 2;
    });
    const juror = new Browser(b.url);
    await juror.signIn('juror3@example.org');
    for (let i = 0; i < 2; i++) expect((await juror.get('/jury')).status).toBe(200);
    const admin = new Browser(a.url);
    const csrf = await admin.signIn('admin@example.org');
    expect((await admin.post(`/admin/users/${await userId(ds!, 'juror3@example.org')}/deactivate`, { _csrf: csrf })).status).toBe(303);
    expect((await juror.get('/jury')).status).toBe(303);
  }, 30_000);
});
