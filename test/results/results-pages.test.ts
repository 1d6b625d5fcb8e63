import { signIn, useTestApp, type Agent } from '../support/harness';
import { createResultsScene, LENIENCY_CARDS } from './scene';

const HOSTILE = '<script>alert(1)</script>';

describe("the admin's results pages", () => {
  const t = useTestApp();
  let admin: Agent;
  let scene: Awaited<ReturnType<typeof createResultsScene>>;
  beforeAll(async () => {
    ({ agent: admin } = await signIn(t.app, 'admin@example.org'));
    scene = await createResultsScene(t.ds, {
      municipalities: ['Красногорск', 'Щёлково', 'Балашиха', 'Мытищи'],
      lastNames: [HOSTILE, 'Смирнова', 'Кузнецова', 'Попова'],
      maxWinners: 2,
      cards: LENIENCY_CARDS,
    });
  });

  it('show a category: ranking with every column, juror statistics with names, α, and both charts as inline SVG', async () => {
    const res = await admin.get(`/admin/categories/${scene.category.id}/results`);
    expect(res.status).toBe(200);
    for (const heading of ['Место', 'Номинант', 'Муниципалитет', 'Листов', 'Средний балл', 'Балл', 'Разброс', 'Интервал места', 'P(победа)']) {
      expect(res.text).toContain(`>${heading}`);
    }
    expect(res.text).toContain('Смирнова');
    expect(res.text).toContain('Балашиха');
    expect(res.text).toMatch(/\d+ %/);
    expect(res.text).toContain('α Криппендорфа');
    // the admin sees who the jurors are, next to their codes
    const [jurorName] = (await t.ds.query(`SELECT full_name FROM app_user WHERE id = $1`, [scene.jurors[0]])).map((r: { full_name: string }) => r.full_name);
    expect(res.text).toContain('J1');
    expect(res.text).toContain(jurorName);
    // J1 and J2 scored three nominations each: both are standardised, so neither is flagged as "centred only"
    expect(res.text).not.toContain('только центрирован');
    // each chart twice: the wide drawing and the narrow one for phones (app.css shows one)
    const svgs = res.text.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(4);
    expect(svgs.map((svg) => /class="chart ([\w-]+) (chart-\w+)"/.exec(svg)!.slice(1).join(' '))).toEqual([
      'chart-ranks chart-wide', 'chart-ranks chart-narrow', 'chart-leniency chart-wide', 'chart-leniency chart-narrow',
    ]);
    for (const svg of svgs) {
      expect(svg).not.toMatch(/<script|style=|on\w+=/i);
    }
    // the hostile name is text everywhere: in the table and inside the chart
    expect(res.text).not.toContain(HOSTILE);
    expect(svgs[0]).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('put another method beside the chosen one and highlight the nominations whose rank changes', async () => {
    const plain = await admin.get(`/admin/categories/${scene.category.id}/results`);
    expect(plain.text).not.toContain('rank-changed');
    const res = await admin.get(`/admin/categories/${scene.category.id}/results?compare=raw`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Место: среднее');
    // z-score ranks 3, 1, 0, 2; raw ranks 0, 1, 2, 3: nominations 0, 2 and 3 move, 1 keeps rank 2
    const rowOf = (id: number) => {
      const row = new RegExp(`<tr class="([^"]*)">\\s*<td>\\d+</td>\\s*<td><a href="/admin/nominations/${id}"`).exec(res.text);
      if (!row) throw new Error(`no row for nomination ${id}`);
      return row[1];
    };
    expect(rowOf(scene.ids[0])).toContain('rank-changed');
    expect(rowOf(scene.ids[2])).toContain('rank-changed');
    expect(rowOf(scene.ids[3])).toContain('rank-changed');
    expect(rowOf(scene.ids[1])).not.toContain('rank-changed');
    // the other method's score has its own column, right after the chosen method's (raw means 9, 7, 5.5, 5)
    expect(res.text).toContain('Балл: среднее');
    const cellsOf = (id: number) => {
      const row = new RegExp(`<a href="/admin/nominations/${id}"[\\s\\S]*?</tr>`).exec(res.text)![0];
      return [...row.matchAll(/<td class="num( compare)?">([^<]*)/g)].map((m) => `${m[1] ? 'compare:' : ''}${m[2].trim()}`);
    };
    // scorecards, raw mean, z-score, raw (compared), spread, interval, P(winner), rank by raw (compared)
    expect(cellsOf(scene.ids[0]).slice(0, 4)).toEqual(['1', '9,000', expect.any(String), 'compare:9,000']);
    expect(cellsOf(scene.ids[2])[3]).toBe('compare:5,500');
    expect(cellsOf(scene.ids[2])[7]).toBe('compare:3');
    expect(res.text).not.toMatch(/<td class="num[^"]*" title=/);
    // a method that is not one is simply no comparison
    const odd = await admin.get(`/admin/categories/${scene.category.id}/results?compare=<b>`);
    expect(odd.status).toBe(200);
    expect(odd.text).not.toContain('rank-changed');
  });

  it('show the cycle: each category with its computed winners, and approve offered', async () => {
    const res = await admin.get(`/admin/cycles/${scene.cycle.id}/results`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('победители по расчёту');
    expect(res.text).toContain(`/admin/cycles/${scene.cycle.id}/results/approve`);
    expect(res.text).toContain('Попова');
    expect(res.text).not.toContain(HOSTILE);
  });

  it('say that results come after judging, while the cycle is still judging', async () => {
    const other = await createResultsScene(t.ds, { municipalities: ['Химки'], cards: [[0, 0, [5, 5, 5]]], status: 'judging' });
    const cycle = await admin.get(`/admin/cycles/${other.cycle.id}/results`);
    expect(cycle.status).toBe(200);
    expect(cycle.text).toContain('Итоги появятся');
    expect(cycle.text).not.toContain('/results/approve');
    const category = await admin.get(`/admin/categories/${other.category.id}/results`);
    expect(category.status).toBe(200);
    expect(category.text).toContain('Итоги появятся');
    expect(category.text).not.toContain('<svg');
  });

  it('answer 404 for unknown cycles and categories', async () => {
    expect((await admin.get('/admin/cycles/999999/results')).status).toBe(404);
    expect((await admin.get('/admin/categories/999999/results')).status).toBe(404);
    expect((await admin.get('/admin/categories/abc/results')).status).toBe(404);
  });

  it('change the method only in deliberation, and the computed proposal follows it', async () => {
    const session = await signIn(t.app, 'admin@example.org');
    const res = await session.agent.post(`/admin/cycles/${scene.cycle.id}/results/method`).type('form').send({ _csrf: session.csrf, method: 'raw' });
    expect(res.status).toBe(303);
    const [row] = await t.ds.query(`SELECT results_method, version FROM cycle WHERE id = $1`, [scene.cycle.id]);
    expect(row.results_method).toBe('raw');
    const page = await session.agent.get(`/admin/categories/${scene.category.id}/results`);
    // under raw means nomination 0 (9.0) leads
    expect(page.text).toMatch(new RegExp(`<td>1</td>\\s*<td><a href="/admin/nominations/${scene.ids[0]}"`));
    await session.agent.post(`/admin/cycles/${scene.cycle.id}/results/method`).type('form').send({ _csrf: session.csrf, method: 'zscore' });
    const bad = await session.agent.post(`/admin/cycles/${scene.cycle.id}/results/method`).type('form').send({ _csrf: session.csrf, method: 'median' });
    expect(bad.status).toBe(303);
    expect((await t.ds.query(`SELECT results_method FROM cycle WHERE id = $1`, [scene.cycle.id]))[0].results_method).toBe('zscore');
  });

  it('warn when the juror offsets could not be fitted exactly (an iterative fit that stopped short), and only then', async () => {
    const other = await createResultsScene(t.ds, { municipalities: ['Красногорск', 'Щёлково', 'Балашиха', 'Мытищи'], cards: LENIENCY_CARDS });
    expect((await admin.get(`/admin/categories/${other.category.id}/results`)).text).not.toContain('Поправки судей вычислены приближённо');
    // a frozen output is shown as it was computed: one whose fit stopped short says so
    const { agent, csrf } = await signIn(t.app, 'admin@example.org');
    const confirm = await agent.get(`/admin/cycles/${other.cycle.id}/results/approve`);
    const version = /name="version" value="(\d+)"/.exec(confirm.text)![1];
    expect((await agent.post(`/admin/cycles/${other.cycle.id}/results/approve`).type('form').send({ _csrf: csrf, version })).status).toBe(303);
    await t.ds.query(
      `UPDATE result_snapshot SET output = jsonb_set(output, '{offsetFit}', '{"solver": "conjugateGradient", "exact": false, "iterations": 20000, "residual": 0.0031}') WHERE category_id = $1`,
      [other.category.id],
    );
    const page = await admin.get(`/admin/categories/${other.category.id}/results`);
    expect(page.text).toContain('Поправки судей вычислены приближённо');
    expect(page.text).toContain('невязка 3,1E-3');
  });
});
