import { signIn, useTestApp, type Agent } from '../support/harness';
import { nextCycleCode } from '../support/fixtures';
import { trackForm } from '../support/application-fixtures';

describe('a programme’s selection rankings are categories that follow its tracks and scope', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let cycleId: number;
  const post = (url: string, body: Record<string, unknown> = {}) => admin.agent.post(url).type('form').send({ _csrf: admin.csrf, ...body });
  const categories = () => t.ds.query(`SELECT id, name, sort_order FROM category WHERE cycle_id = $1 ORDER BY sort_order, id`, [cycleId]);
  const trackCategories = () => t.ds.query(`SELECT name, category_id AS "categoryId" FROM track WHERE cycle_id = $1 ORDER BY sort_order, id`, [cycleId]);
  const trackId = async (name: string) => (await t.ds.query(`SELECT id FROM track WHERE cycle_id = $1 AND name = $2`, [cycleId, name]))[0].id as number;
  const editForm = async () => {
    const page = await admin.agent.get(`/admin/cycles/${cycleId}/edit`);
    const version = /name="version" value="(\d+)"/.exec(page.text)![1];
    return { page, version };
  };
  const saveCycle = async (over: Record<string, string>) => {
    const { version } = await editForm();
    return post(`/admin/cycles/${cycleId}`, { name: 'Стажировки 2027', slug: `stazh-${cycleId}`, code: 'STZH', year: '2027', version, ...over });
  };

  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
    const res = await post('/admin/cycles', { kind: 'programme', name: 'Стажировки 2027', slug: `stazh-${Date.now()}`, code: nextCycleCode(), year: '2027' });
    cycleId = Number(/\/admin\/cycles\/(\d+)$/.exec(res.headers.location)![1]);
  });

  it('keeps one ranking named as the programme that every competitive track points to, and none for a delegation', async () => {
    await post(`/admin/cycles/${cycleId}/tracks`, trackForm('Неонатология')).expect(303);
    await post(`/admin/cycles/${cycleId}/tracks`, trackForm('Кардиология', { places: '3' })).expect(303);
    await post(`/admin/cycles/${cycleId}/tracks`, trackForm('Делегация', { placeMethod: 'direct' })).expect(303);
    const [ranking] = await categories();
    expect(await categories()).toHaveLength(1);
    expect(ranking.name).toBe('Стажировки 2027');
    expect(await trackCategories()).toEqual([
      { name: 'Неонатология', categoryId: ranking.id },
      { name: 'Кардиология', categoryId: ranking.id },
      { name: 'Делегация', categoryId: null },
    ]);
  });

  it('renames the ranking with the programme', async () => {
    expect((await saveCycle({ name: 'Стажировки педиатров 2027' })).status).toBe(303);
    expect((await categories()).map((c: { name: string }) => c.name)).toEqual(['Стажировки педиатров 2027']);
  });

  it('offers the scope on the draft programme’s form and makes one ranking per track when chosen, keeping the first', async () => {
    const { page } = await editForm();
    expect(page.text).toMatch(/id="scope-programme"[^>]*checked/);
    expect(page.text).toContain('Отдельный рейтинг по каждому направлению');
    const [before] = await categories();
    expect((await saveCycle({ name: 'Стажировки педиатров 2027', rankingScope: 'track' })).status).toBe(303);
    const after = await categories();
    expect(after.map((c: { name: string }) => c.name)).toEqual(['Неонатология', 'Кардиология']);
    expect(after[0].id).toBe(before.id);
    const tracks = await trackCategories();
    expect(tracks.map((x: { categoryId: number | null }) => x.categoryId)).toEqual([after[0].id, after[1].id, null]);
  });

  it('follows a track renamed, made a delegation, added and deleted', async () => {
    await post(`/admin/tracks/${await trackId('Кардиология')}`, trackForm('Детская кардиология')).expect(303);
    expect((await categories()).map((c: { name: string }) => c.name)).toEqual(['Неонатология', 'Детская кардиология']);
    await post(`/admin/tracks/${await trackId('Детская кардиология')}`, trackForm('Детская кардиология', { placeMethod: 'direct' })).expect(303);
    expect((await categories()).map((c: { name: string }) => c.name)).toEqual(['Неонатология']);
    await post(`/admin/cycles/${cycleId}/tracks`, trackForm('Пульмонология')).expect(303);
    expect((await categories()).map((c: { name: string }) => c.name)).toEqual(['Неонатология', 'Пульмонология']);
    await post(`/admin/tracks/${await trackId('Пульмонология')}/delete`).expect(303);
    expect((await categories()).map((c: { name: string }) => c.name)).toEqual(['Неонатология']);
  });

  it('goes back to one ranking for the programme, and the award’s category pages refuse to edit it', async () => {
    expect((await saveCycle({ name: 'Стажировки педиатров 2027', rankingScope: 'programme' })).status).toBe(303);
    const [ranking] = await categories();
    expect(await categories()).toHaveLength(1);
    expect(ranking.name).toBe('Стажировки педиатров 2027');
    await admin.agent.get(`/admin/categories/${ranking.id}/edit`).expect(404);
    await post(`/admin/categories/${ranking.id}/delete`).expect(404);
  });

  it('lists the ranking in «Отбор» on the programme’s page with links to its jury and results pages', async () => {
    const [ranking] = await categories();
    const page = await admin.agent.get(`/admin/cycles/${cycleId}`);
    expect(page.text).toContain('Отбор');
    for (const path of ['criteria', 'panel', 'conflicts', 'matrix', 'results']) expect(page.text).toContain(`href="/admin/categories/${ranking.id}/${path}"`);
    expect(page.text).toContain(`href="/admin/cycles/${cycleId}/nominations"`);
    for (const path of ['criteria', 'panel', 'conflicts', 'matrix', 'results']) {
      const res = await admin.agent.get(`/admin/categories/${ranking.id}/${path}`);
      expect([path, res.status]).toEqual([path, 200]);
    }
    const results = await admin.agent.get(`/admin/categories/${ranking.id}/results`);
    expect(results.text).toContain('черновик');
    expect(results.text).not.toContain('/results/override');
  });

  it('shows the scope but no longer offers it once applications are open', async () => {
    await t.ds.query(`UPDATE cycle SET status = 'nominations_open', nominations_start = now() - interval '1 day', nominations_end = now() + interval '10 days' WHERE id = $1`, [cycleId]);
    const { page } = await editForm();
    expect(page.text).not.toContain('id="scope-track"');
    expect(page.text).toContain('Один рейтинг на всю программу');
    expect((await saveCycle({ name: 'Стажировки педиатров 2027', rankingScope: 'track', nominationsStart: '2026-12-01T10:00', nominationsEnd: '2026-12-20T10:00' })).status).toBe(303);
    expect((await t.ds.query(`SELECT ranking_scope FROM cycle WHERE id = $1`, [cycleId]))[0].ranking_scope).toBe('programme');
  });
});
