import { signIn, useTestApp, type Agent } from '../support/harness';
import { createResultsScene, LENIENCY_CARDS } from './scene';
import { buildCategoryResults, categoryResults, resultsCacheStats } from '../../src/results/category-results';
import { namesOf } from '../../src/results/cycle-view';

/**
 * The results pages are served from a per-process cache keyed by each category's data version, which triggers
 * in the database bump whenever anything the results are computed from changes. The changes below go straight
 * to the database, as another process or psql would make them: the version there is what keeps a cache fresh.
 */
describe('the results cache, keyed by the category\'s data version', () => {
  const t = useTestApp();
  let admin: Agent;
  let scene: Awaited<ReturnType<typeof createResultsScene>>;
  let url: string;
  beforeAll(async () => {
    scene = await createResultsScene(t.ds, {
      municipalities: ['Красногорск', 'Щёлково', 'Балашиха', 'Мытищи'],
      lastNames: ['Альфина', 'Бетова', 'Гаммова', 'Дельтина'],
      cards: LENIENCY_CARDS,
      drafts: [[2, 0, [1, 1, 1]]],
    });
    ({ agent: admin } = await signIn(t.app, 'admin@example.org'));
    url = `/admin/cycles/${scene.cycle.id}/results`;
  });
  const versionOf = async () => (await t.ds.query(`SELECT version::text FROM category_data_version WHERE category_id = $1`, [scene.category.id]))[0]?.version as string | undefined;
  const cached = async () => (await categoryResults(t.ds.manager, scene.category.id))!;
  const fresh = async () => (await buildCategoryResults(t.ds.manager, scene.category.id))!;
  /** The winners' names as a fresh build computes them: what the page must show. */
  const winners = async () => {
    const r = await fresh();
    return namesOf(r, r.decision!.computed);
  };

  /** After a change: a new version, one rebuild on the next view, the page showing what a fresh build computes. */
  const expectSeen = async (change: () => Promise<unknown>) => {
    const before = await versionOf();
    await admin.get(url).expect(200);
    await change();
    expect(await versionOf()).not.toBe(before);
    const builds = resultsCacheStats.builds;
    const page = await admin.get(url).expect(200);
    expect(resultsCacheStats.builds).toBe(builds + 1);
    for (const name of await winners()) expect(page.text).toContain(name);
    expect(await cached()).toEqual(await fresh());
    return page.text;
  };

  it('gives the same results as a fresh build, and a second view builds nothing', async () => {
    await admin.get(url).expect(200);
    const builds = resultsCacheStats.builds;
    const page = await admin.get(url).expect(200);
    expect(resultsCacheStats.builds).toBe(builds);
    expect(await cached()).toEqual(await fresh());
    // z-scores correct for the harsh juror: nomination 3 wins
    expect(await winners()).toEqual([(await fresh()).nominations[3].fullName]);
    expect(page.text).toContain((await fresh()).nominations[3].fullName);
  });

  it('sees a changed score, and not a changed draft', async () => {
    const draftBefore = await versionOf();
    await t.ds.query(`UPDATE score SET value = 9 WHERE scorecard_id IN (SELECT id FROM scorecard WHERE status = 'draft')`);
    expect(await versionOf()).toBe(draftBefore);
    const before = await winners();
    await expectSeen(() =>
      t.ds.query(`UPDATE score SET value = 1 WHERE scorecard_id = (SELECT id FROM scorecard WHERE juror_id = $1 AND nomination_id = $2)`, [scene.jurors[1], scene.ids[3]]),
    );
    expect(await winners()).not.toEqual(before);
  });

  it('sees a recusal, a nominee\'s new name, a criterion\'s weight, a municipality\'s name and the method', async () => {
    await expectSeen(() => t.ds.query(`INSERT INTO conflict (juror_id, nomination_id, kind, reason) VALUES ($1, $2, 'declared', 'родственник')`, [scene.jurors[0], scene.ids[1]]));
    const renamed = await expectSeen(async () => {
      const [winner] = (await fresh()).decision!.computed;
      await t.ds.query(`UPDATE nominee SET last_name = 'Переименованная' WHERE id = (SELECT nominee_id FROM nomination WHERE id = $1)`, [Number(winner)]);
    });
    expect(renamed).toContain('Переименованная');
    await expectSeen(() => t.ds.query(`UPDATE criterion SET weight = weight * 3 WHERE id = $1`, [scene.criteria[2].id]));
    await expectSeen(() => t.ds.query(`UPDATE municipality SET name = name || ' (г. о.)' WHERE id = (SELECT municipality_id FROM nomination WHERE id = $1)`, [scene.ids[0]]));
    expect((await cached()).input.method).toBe('zscore');
    await expectSeen(() => t.ds.query(`UPDATE cycle SET results_method = 'raw' WHERE id = $1`, [scene.cycle.id]));
    expect((await cached()).input.method).toBe('raw');
  });

  it('keeps its version when nothing the results use changes: a juror signing in, another cycle\'s method', async () => {
    const before = await versionOf();
    await t.ds.query(`UPDATE app_user SET last_login_at = now() WHERE id = $1`, [scene.jurors[0]]);
    await t.ds.query(`UPDATE cycle SET results_method = 'offset' WHERE id <> $1`, [scene.cycle.id]);
    expect(await versionOf()).toBe(before);
    await expectSeen(() => t.ds.query(`UPDATE app_user SET institution = 'Больница Мытищи' WHERE id = $1`, [scene.jurors[0]]));
  });
});
