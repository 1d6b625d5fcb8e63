import { useTestApp } from '../support/harness';
import { createResultsScene } from './scene';
import { buildCategoryInput } from '../../src/results/engine-input';
import { computeResults, validateInput } from '../../src/results/engine';
import { municipalityId } from '../support/fixtures';

describe('the engine input of a category, read from the database', () => {
  const t = useTestApp();

  it('holds the criteria, the judged nominations, only submitted and non-recused scorecards, and jurors as J1, J2, … by id', async () => {
    const scene = await createResultsScene(t.ds, {
      municipalities: ['Красногорск', 'Щёлково', 'Балашиха', 'Мытищи'],
      maxWinners: 2,
      quota: 1,
      cards: [
        [0, 0, [9, 9, 8]], [0, 1, [7, 7, 7]],
        [1, 0, [10, 10, 10]], [1, 1, [9, 9, 9]],
        [2, 1, [5, 4, 5]], [2, 2, [3, 3, 3]],
        // juror 3 scored nomination 0 and then recused: the scores must not count
        [2, 0, [1, 1, 1]],
      ],
      drafts: [[0, 2, [6, 5, 6]]],
      recused: [[2, 0]],
    });
    // a rejected nomination of the category is not judged
    await t.ds.query(`UPDATE nomination SET status = 'rejected' WHERE id = $1`, [scene.ids[3]]);
    const built = (await buildCategoryInput(t.ds.manager, scene.category.id))!;
    const [c1, c2, c3] = scene.criteria.map((c) => String(c.id));
    const [n0, n1, n2] = scene.ids.map(String);

    expect(built.input).toEqual({
      method: 'zscore',
      winners: 2,
      quotaPerMunicipality: 1,
      criteria: [
        { id: c1, weight: 0.5, min: 1, max: 10 },
        { id: c2, weight: 0.3, min: 1, max: 10 },
        { id: c3, weight: 0.2, min: 1, max: 10 },
      ],
      nominations: [
        { id: n0, municipality: 'Красногорск' },
        { id: n1, municipality: 'Щёлково' },
        { id: n2, municipality: 'Балашиха' },
      ],
      scorecards: [
        { juror: 'J1', nomination: n0, scores: { [c1]: 9, [c2]: 9, [c3]: 8 } },
        { juror: 'J1', nomination: n1, scores: { [c1]: 7, [c2]: 7, [c3]: 7 } },
        { juror: 'J2', nomination: n0, scores: { [c1]: 10, [c2]: 10, [c3]: 10 } },
        { juror: 'J2', nomination: n1, scores: { [c1]: 9, [c2]: 9, [c3]: 9 } },
        { juror: 'J3', nomination: n1, scores: { [c1]: 5, [c2]: 4, [c3]: 5 } },
        { juror: 'J3', nomination: n2, scores: { [c1]: 3, [c2]: 3, [c3]: 3 } },
      ],
      recusals: [{ juror: 'J3', nomination: n0 }],
    });
    expect(built.jurors.map((j) => [j.label, j.id])).toEqual([['J1', scene.jurors[0]], ['J2', scene.jurors[1]], ['J3', scene.jurors[2]]]);
    expect(built.jurors[0].fullName).toBeTruthy();
    expect(built.nominations.map((n) => n.municipality)).toEqual(['Красногорск', 'Щёлково', 'Балашиха']);
  });

  it('leaves out the scorecards of a juror now in an automatic conflict with the nomination, and lists the pair as a recusal', async () => {
    const scene = await createResultsScene(t.ds, {
      municipalities: ['Красногорск', 'Щёлково', 'Балашиха'],
      cards: [
        [0, 0, [9, 9, 9]], [0, 1, [7, 7, 7]],
        [1, 0, [8, 8, 8]], [1, 1, [6, 6, 6]], [1, 2, [5, 5, 5]],
        [2, 1, [4, 4, 4]], [2, 2, [3, 3, 3]],
      ],
    });
    // after scoring, the first juror moved to Красногорск (nomination 0's municipality), and the second's
    // institution was entered as the nominee's of nomination 1 («Больница Щёлково»), written differently
    const before = await t.ds.query(`SELECT id, municipality_id, institution FROM app_user WHERE id = ANY($1)`, [scene.jurors]);
    await t.ds.query(`UPDATE app_user SET municipality_id = $2 WHERE id = $1`, [scene.jurors[0], await municipalityId(t.ds, 'Красногорск')]);
    await t.ds.query(`UPDATE app_user SET institution = $2 WHERE id = $1`, [scene.jurors[1], '  «больница  ЩЁЛКОВО» ']);
    const built = (await buildCategoryInput(t.ds.manager, scene.category.id))!;
    for (const p of before) await t.ds.query(`UPDATE app_user SET municipality_id = $2, institution = $3 WHERE id = $1`, [p.id, p.municipality_id, p.institution]);
    const [n0, n1, n2] = scene.ids.map(String);
    expect(built.input.scorecards.map((c) => [c.juror, c.nomination])).toEqual([
      ['J1', n1],
      ['J2', n0], ['J2', n2],
      ['J3', n1], ['J3', n2],
    ]);
    expect(built.input.recusals).toEqual([{ juror: 'J1', nomination: n0 }, { juror: 'J2', nomination: n1 }]);
    expect(validateInput(built.input)).toEqual([]);
    const output = computeResults({ ...built.input, method: 'raw' });
    expect(output.jurors.map((j) => [j.juror, j.scorecards, j.recused])).toEqual([['J1', 1, 1], ['J2', 2, 1], ['J3', 2, 0]]);
    // nomination 0 counts J2's 8 only, nomination 1 J1's 7 and J3's 4
    expect(output.ranking.map((r) => [r.nomination, r.score])).toEqual([[n0, 8], [n1, 5.5], [n2, 4]]);
  });

  it('is a valid engine input whose ranking follows the weighted totals', async () => {
    const scene = await createResultsScene(t.ds, {
      municipalities: ['Красногорск', 'Щёлково'],
      cards: [[0, 0, [9, 9, 9]], [0, 1, [4, 4, 4]], [1, 0, [8, 8, 8]], [1, 1, [3, 3, 3]]],
    });
    const built = (await buildCategoryInput(t.ds.manager, scene.category.id))!;
    const output = computeResults({ ...built.input, method: 'raw' });
    expect(output.ranking.map((r) => [r.nomination, r.score])).toEqual([[String(scene.ids[0]), 8.5], [String(scene.ids[1]), 3.5]]);
    expect(output.winners).toEqual([String(scene.ids[0])]);
  });

  it('reads one query per table, however many nominations the category holds', async () => {
    const scene = await createResultsScene(t.ds, {
      municipalities: ['Красногорск', 'Щёлково', 'Балашиха', 'Мытищи', 'Люберцы', 'Химки'],
      cards: [0, 1, 2, 3, 4, 5].flatMap((n) => [[0, n, [5, 5, 5]], [1, n, [6, 6, 6]]] as Array<[number, number, [number, number, number]]>),
    });
    const queries: string[] = [];
    const runner = t.ds.createQueryRunner();
    const original = runner.query.bind(runner);
    runner.query = ((sql: string, params?: unknown[]) => {
      queries.push(sql);
      return original(sql, params);
    }) as typeof runner.query;
    try {
      await buildCategoryInput(runner.manager, scene.category.id);
    } finally {
      await runner.release();
    }
    // category, criteria, nominations, scores, recusals, juror names
    expect(queries).toHaveLength(6);
  });
});
