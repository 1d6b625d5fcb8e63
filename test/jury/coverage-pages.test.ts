import { signIn, useTestApp, type Agent } from '../support/harness';
import { createJudgingScene } from '../support/jury-fixtures';
import { runAssignment } from '../../src/jury/assignments';
import { confirmNoConflict, recuse } from '../../src/jury/recusal';
import { saveScorecard } from '../../src/jury/scorecards';

/** The items of one of the lists of what the jury does not cover yet (class "lacking" or "unscored"). */
const listOf = (html: string, cls: string) => new RegExp(`<ul class="${cls}">([\\s\\S]*?)</ul>`).exec(html)?.[1] ?? '';
const namesIn = (list: string) => [...list.matchAll(/">(Номинант\d)/g)].map((m) => m[1]);

describe('the admin keeps seeing which nominations lack jurors or scores, until judging closes', () => {
  const t = useTestApp();
  let scene: Awaited<ReturnType<typeof createJudgingScene>>;
  let admin: { agent: Agent; csrf: string };
  beforeAll(async () => {
    // every juror scores every nomination; juror@ is from Подольск (Номинант1), juror2@ from Химки (Номинант2)
    scene = await createJudgingScene(t.ds, { municipalities: ['Красногорск', 'Подольск', 'Химки', 'Мытищи'] });
    const adminId = (await t.ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`))[0].id;
    await t.ds.transaction((m) => runAssignment(m, adminId, scene.category.id));
    const j3 = scene.jurors[2];
    await t.ds.transaction((m) => confirmNoConflict(m, j3, scene.nominations[0].id));
    const all = Object.fromEntries(scene.criteria.map((c) => [c.id, '6']));
    await t.ds.transaction((m) => saveScorecard(m, j3, scene.nominations[0].id, { scores: all, comment: '' }, 'submit'));
    admin = await signIn(t.app, 'admin@example.org');
  });
  const base = () => `/admin/categories/${scene.category.id}`;

  it('lists on the panel page and the matrix the nominations without a submitted scorecard, and none short of jurors', async () => {
    for (const page of ['panel', 'matrix']) {
      const res = await admin.agent.get(`${base()}/${page}`);
      expect(namesIn(listOf(res.text, 'unscored'))).toEqual(['Номинант1', 'Номинант2', 'Номинант3']);
      expect(listOf(res.text, 'lacking')).toBe('');
    }
  });

  it('adds a nomination to the short list as soon as its last non-recused juror recuses', async () => {
    // Номинант1: juror@ is in conflict; juror2@ and juror3@ both step away
    await t.ds.transaction((m) => recuse(m, scene.jurors[1], scene.nominations[1].id, 'Учились вместе'));
    expect(listOf((await admin.agent.get(`${base()}/panel`)).text, 'lacking')).toBe('');
    await t.ds.transaction((m) => recuse(m, scene.jurors[2], scene.nominations[1].id, 'Коллега по кафедре'));
    for (const page of ['panel', 'matrix']) {
      const lacking = listOf((await admin.agent.get(`${base()}/${page}`)).text, 'lacking');
      expect(namesIn(lacking)).toEqual(['Номинант1']);
      expect(lacking).toContain('назначено 0 из 1');
    }
  });

  it('warns on the cycle\'s jury overview while judging is open, with links to the lists', async () => {
    const page = await admin.agent.get(`/admin/cycles/${scene.cycle.id}/jury`);
    expect(page.text).toContain('Оценка ещё идёт: не отправлено 7 оценочных листов.');
    expect(page.text).toContain(`<a href="${base()}/panel#gaps">Не хватает членов жюри: 1 заявке</a>`);
    expect(page.text).toContain(`<a href="${base()}/matrix#gaps">Без отправленных оценок: 3 заявки</a>`);
  });

  it('says how many scorecards are missing on the confirmation page that closes judging', async () => {
    const page = await admin.agent.get(`/admin/cycles/${scene.cycle.id}/phase?to=deliberation`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Не отправлено 7 оценочных листов из 8 назначенных. После закрытия оценки члены жюри не смогут их отправить.');
    expect(page.text).toContain('name="to" value="deliberation"');
  });

  it('drops the warnings once judging is closed', async () => {
    await t.ds.query(`UPDATE cycle SET status = 'deliberation' WHERE id = $1`, [scene.cycle.id]);
    const page = await admin.agent.get(`/admin/cycles/${scene.cycle.id}/jury`);
    expect(page.text).not.toContain('Оценка ещё идёт');
    expect(page.text).not.toContain('Не хватает членов жюри');
  });
});
