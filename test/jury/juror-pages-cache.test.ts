import request from 'supertest';
import type { Express } from 'express';
import { eventually, signIn, useSecondApp, useTestApp, type Agent } from '../support/harness';
import { createJudgingScene } from '../support/jury-fixtures';
import { runAssignment } from '../../src/jury/assignments';

/**
 * Each app process keeps the rows of the juror pages it served (src/jury/juror-pages-cache.ts); the database's
 * notices (migration JuryChangeNotices) make every process forget them the moment anything they show changes.
 */
describe('the juror pages kept in memory by each app process', () => {
  const t = useTestApp();
  const b = useSecondApp(t);
  let scene: Awaited<ReturnType<typeof createJudgingScene>>;
  let juror: { agent: Agent; csrf: string };
  beforeAll(async () => {
    scene = await createJudgingScene(t.ds, { municipalities: ['Красногорск', 'Балашиха', 'Химки'] });
    const adminId = (await t.ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`))[0].id;
    await t.ds.transaction((m) => runAssignment(m, adminId, scene.category.id));
    juror = await signIn(t.app, 'juror@example.org');
  });
  const cookieOf = () => juror.agent.jar.getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false }).map((c) => c.toValueString()).join('; ');
  /** The juror's dashboard on one process or the other, with the juror's cookie. */
  const dashboardOn = async (app: Express, path = '/jury') => (await request(app).get(path).set('Cookie', cookieOf())).text;
  const renameNominee = (lastName: string, opts: { silently?: boolean } = {}) =>
    t.ds.transaction(async (m) => {
      if (opts.silently) await m.query(`SET LOCAL session_replication_role = replica`); // triggers off: no notice
      await m.query(`UPDATE nominee SET last_name = $2 WHERE id = (SELECT nominee_id FROM nomination WHERE id = $1)`, [scene.nominations[0].id, lastName]);
    });

  it('serves the dashboard again from memory: a change that sends no notice does not show', async () => {
    for (const app of [t.app, b.app]) expect(await dashboardOn(app)).toContain('Номинант0');
    await renameNominee('Безымянная', { silently: true });
    for (const app of [t.app, b.app]) expect(await dashboardOn(app)).not.toContain('Безымянная');
  });

  it('shows a change made straight in the database on every process, once its notice arrives', async () => {
    await renameNominee('Переименованная');
    for (const app of [t.app, b.app]) expect(await eventually(async () => (await dashboardOn(app)).includes('Переименованная'))).toBe(true);
  });

  it('shows the juror their own scorecard at once after they submit it, on the other process too', async () => {
    const n = scene.nominations[0].id;
    const c = scene.criteria.map((x) => x.id);
    expect(await dashboardOn(b.app)).toContain('Оценено 0 из 3 заявок');
    await juror.agent.post(`/jury/nominations/${n}/confirm`).type('form').send({ _csrf: juror.csrf }).expect(303);
    const res = await juror.agent.post(`/jury/nominations/${n}/scorecard`).type('form')
      .send({ _csrf: juror.csrf, action: 'submit', [`score_${c[0]}`]: '7', [`score_${c[1]}`]: '8', [`score_${c[2]}`]: '9' });
    expect(res.status).toBe(303);
    // the redirect waited for the change notices, so the next page on any process is current
    expect(await dashboardOn(b.app)).toContain('Оценено 1 из 3 заявок');
    expect(await dashboardOn(t.app)).toContain('Оценено 1 из 3 заявок');
  });

  it('shows the scoring page as it is now after a change straight in the database, on every process', async () => {
    const n = scene.nominations[0].id;
    for (const app of [t.app, b.app]) expect(await dashboardOn(app, `/jury/nominations/${n}`)).toContain('Переименованная');
    await t.ds.query(`UPDATE criterion SET name = 'Наставничество молодых врачей' WHERE id = $1`, [scene.criteria[1].id]);
    for (const app of [t.app, b.app]) {
      expect(await eventually(async () => (await dashboardOn(app, `/jury/nominations/${n}`)).includes('Наставничество молодых врачей'))).toBe(true);
    }
  });
});
