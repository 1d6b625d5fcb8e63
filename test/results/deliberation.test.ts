import { signIn, useTestApp, type Agent } from '../support/harness';
import { createResultsScene, TIED_CARDS } from './scene';

describe('deliberation: overriding the computed winners', () => {
  const t = useTestApp();
  let admin: Agent;
  let csrf: string;
  beforeAll(async () => {
    ({ agent: admin, csrf } = await signIn(t.app, 'admin@example.org'));
  });

  const threeWay = () =>
    createResultsScene(t.ds, {
      municipalities: ['Красногорск', 'Щёлково', 'Балашиха', 'Красногорск'],
      lastNames: ['Андреева', 'Борисова', 'Волкова', 'Громова'],
      maxWinners: 2,
      quota: 1,
      cards: [
        [0, 0, [9, 9, 9]], [0, 1, [8, 8, 8]], [0, 2, [6, 6, 6]], [0, 3, [7, 7, 7]],
        [1, 0, [8, 8, 8]], [1, 1, [7, 7, 7]], [1, 2, [5, 5, 5]], [1, 3, [6, 6, 6]],
      ],
    });

  it('refuses a change without a written reason, keeps the choice on the form, and saves nothing', async () => {
    const scene = await threeWay();
    const res = await admin.post(`/admin/categories/${scene.category.id}/results/override`).type('form')
      .send({ _csrf: csrf, place1: scene.ids[1], place2: scene.ids[0], reason: '   ' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Укажите причину.');
    expect(res.text).toMatch(new RegExp(`<option value="${scene.ids[1]}" selected>`));
    expect(await t.ds.query(`SELECT * FROM deliberation WHERE category_id = $1`, [scene.category.id])).toEqual([]);
  });

  it('saves the admin\'s places with the reason, in the audit log too, and shows them as the final list', async () => {
    const scene = await threeWay();
    const [before] = await t.ds.query(`SELECT version FROM cycle WHERE id = $1`, [scene.cycle.id]);
    const res = await admin.post(`/admin/categories/${scene.category.id}/results/override`).type('form')
      .send({ _csrf: csrf, place1: scene.ids[1], place2: scene.ids[0], reason: 'Жюри единогласно отдало первенство Борисовой на очном заседании.' });
    expect(res.status).toBe(303);
    const [row] = await t.ds.query(`SELECT winners, overrides FROM deliberation WHERE category_id = $1`, [scene.category.id]);
    expect(row.winners).toEqual([scene.ids[1], scene.ids[0]]);
    expect(row.overrides).toHaveLength(1);
    expect(row.overrides[0]).toMatchObject({ reason: 'Жюри единогласно отдало первенство Борисовой на очном заседании.', winners: [scene.ids[1], scene.ids[0]] });
    const audit = await t.ds.query(`SELECT action, reason, data, actor_id FROM audit_event WHERE entity = 'category' AND entity_id = $1`, [String(scene.category.id)]);
    expect(audit).toEqual([expect.objectContaining({ action: 'results.override', reason: 'Жюри единогласно отдало первенство Борисовой на очном заседании.' })]);
    expect(audit[0].data.computed).toEqual([scene.ids[0], scene.ids[1]]);
    const [after] = await t.ds.query(`SELECT version FROM cycle WHERE id = $1`, [scene.cycle.id]);
    expect(after.version).toBe(before.version + 1);
    const page = await admin.get(`/admin/categories/${scene.category.id}/results`);
    expect(page.text).toContain('победители изменены оргкомитетом');
    expect(page.text).toContain('Жюри единогласно отдало первенство');
  });

  it('checks the places: no gaps, no one twice, only scored nominations, and the municipality quota', async () => {
    const scene = await threeWay();
    const post = (body: Record<string, unknown>) => admin.post(`/admin/categories/${scene.category.id}/results/override`).type('form').send({ _csrf: csrf, reason: 'решение жюри', ...body });
    const gap = await post({ place1: '', place2: scene.ids[0] });
    expect(gap.status).toBe(400);
    expect(gap.text).toContain('Место 1 пусто');
    const twice = await post({ place1: scene.ids[0], place2: scene.ids[0] });
    expect(twice.text).toContain('Заявка уже стоит на другом месте.');
    // nominations 0 and 3 are both from Красногорск, and the quota is one
    const quota = await post({ place1: scene.ids[0], place2: scene.ids[3] });
    expect(quota.status).toBe(400);
    expect(quota.text).toContain('Квота муниципалитета «Красногорск» — 1.');
    const stranger = await post({ place1: 999999 });
    expect(stranger.text).toContain('её не оценивали');
    const nothing = await post({ place1: '', place2: '' });
    expect(nothing.text).toContain('Выберите хотя бы победителя первого места.');
    expect(await t.ds.query(`SELECT * FROM deliberation WHERE category_id = $1`, [scene.category.id])).toEqual([]);
  });

  it('puts the computed list back only with a reason', async () => {
    const scene = await threeWay();
    await admin.post(`/admin/categories/${scene.category.id}/results/override`).type('form').send({ _csrf: csrf, place1: scene.ids[2], reason: 'только одно место' });
    const bare = await admin.post(`/admin/categories/${scene.category.id}/results/reset`).type('form').send({ _csrf: csrf, resetReason: '' });
    expect(bare.status).toBe(400);
    expect(bare.text).toContain('Укажите причину.');
    const res = await admin.post(`/admin/categories/${scene.category.id}/results/reset`).type('form').send({ _csrf: csrf, resetReason: 'ошиблись при вводе' });
    expect(res.status).toBe(303);
    const [row] = await t.ds.query(`SELECT winners, overrides FROM deliberation WHERE category_id = $1`, [scene.category.id]);
    expect(row.winners).toBeNull();
    expect(row.overrides.map((o: { reason: string }) => o.reason)).toEqual(['только одно место', 'ошиблись при вводе']);
    const actions = await t.ds.query(`SELECT action FROM audit_event WHERE entity = 'category' AND entity_id = $1 ORDER BY id`, [String(scene.category.id)]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['results.override', 'results.reset']);
  });

  it('blocks approval while a tie the rules cannot break is undecided, naming the category, until an override decides it', async () => {
    const scene = await createResultsScene(t.ds, { municipalities: ['Красногорск', 'Щёлково', 'Балашиха'], lastNames: ['Орлова', 'Соколова', 'Зайцева'], cards: TIED_CARDS });
    const page = await admin.get(`/admin/categories/${scene.category.id}/results`);
    expect(page.text).toContain('правила не разрешают ничью');
    expect(page.text).toContain('ничья, которую решает оргкомитет');

    const confirm = await admin.get(`/admin/cycles/${scene.cycle.id}/results/approve`);
    expect(confirm.text).toContain(`Ничья, которую правила не разрешают, ещё не решена в номинациях «${scene.category.name}»`);
    expect(confirm.text).not.toContain('name="version"');
    const [{ version }] = await t.ds.query(`SELECT version FROM cycle WHERE id = $1`, [scene.cycle.id]);
    const refused = await admin.post(`/admin/cycles/${scene.cycle.id}/results/approve`).type('form').send({ _csrf: csrf, version });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('ещё не решена');
    expect((await t.ds.query(`SELECT status FROM cycle WHERE id = $1`, [scene.cycle.id]))[0].status).toBe('deliberation');

    const decided = await admin.post(`/admin/categories/${scene.category.id}/results/override`).type('form')
      .send({ _csrf: csrf, place1: scene.ids[1], reason: 'Жюри голосованием отдало первенство Соколовой.' });
    expect(decided.status).toBe(303);
    const again = await admin.get(`/admin/cycles/${scene.cycle.id}/results/approve`);
    expect(again.text).not.toContain('ещё не решена');
    const approved = await admin.post(`/admin/cycles/${scene.cycle.id}/results/approve`).type('form').send({ _csrf: csrf, version: /name="version" value="(\d+)"/.exec(again.text)![1] });
    expect(approved.status).toBe(303);
    const winners = await t.ds.query(`SELECT id, status, place FROM nomination WHERE category_id = $1 ORDER BY id`, [scene.category.id]);
    expect(winners).toEqual([
      { id: scene.ids[0], status: 'not_awarded', place: null },
      { id: scene.ids[1], status: 'winner', place: 1 },
      { id: scene.ids[2], status: 'not_awarded', place: null },
    ]);
  });

  it('takes no change of places once the results are approved', async () => {
    const scene = await threeWay();
    await t.ds.query(`UPDATE cycle SET status = 'approved' WHERE id = $1`, [scene.cycle.id]);
    const res = await admin.post(`/admin/categories/${scene.category.id}/results/override`).type('form').send({ _csrf: csrf, place1: scene.ids[2], reason: 'поздно' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Решения принимаются только на этапе подведения итогов.');
    expect(await t.ds.query(`SELECT * FROM deliberation WHERE category_id = $1`, [scene.category.id])).toEqual([]);
  });
});
