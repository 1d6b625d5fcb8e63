import request from 'supertest';
import { signIn, useTestApp } from '../support/harness';
import { seedDemo } from '../../src/demo/seed';
import { computeResults } from '../../src/results/engine';
import { canonicalDigest, canonicalize } from '../../src/results/engine/canonical';
import { buildCategoryInput } from '../../src/results/engine-input';

describe('the published demo cycle «Педиатрия как искусство — 2025»', () => {
  const t = useTestApp({ seed: false });
  let cycleId: number;
  beforeAll(async () => {
    await t.ds.transaction((m) => seedDemo(m));
    cycleId = (await t.ds.query(`SELECT id FROM cycle WHERE slug = 'pediatrics-as-art-2025'`))[0].id;
  });

  it('is published, code PAA, year 2025, with three categories judged by the three demo jurors', async () => {
    const [cycle] = await t.ds.query(`SELECT name, code, year, status, approved_at, published_at FROM cycle WHERE id = $1`, [cycleId]);
    expect(cycle).toMatchObject({ name: 'Педиатрия как искусство — 2025', code: 'PAA', year: 2025, status: 'published' });
    expect(cycle.approved_at.getUTCFullYear()).toBe(2025);
    expect(cycle.published_at.getUTCFullYear()).toBe(2025);
    const rows = await t.ds.query(
      `SELECT k.id, k.max_winners,
              (SELECT count(DISTINCT n.municipality_id)::int FROM nomination n WHERE n.category_id = k.id) AS municipalities,
              (SELECT count(*)::int FROM nomination n WHERE n.category_id = k.id AND n.status = 'winner') AS winners,
              (SELECT count(*)::int FROM scorecard s JOIN nomination n ON n.id = s.nomination_id WHERE n.category_id = k.id AND s.status = 'submitted') AS cards,
              (SELECT count(DISTINCT s.juror_id)::int FROM scorecard s JOIN nomination n ON n.id = s.nomination_id WHERE n.category_id = k.id) AS jurors
         FROM category k WHERE k.cycle_id = $1 ORDER BY k.sort_order`,
      [cycleId],
    );
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r.municipalities).toBeGreaterThanOrEqual(5);
      expect(r.winners).toBe(r.max_winners);
      expect(r.jurors).toBe(3);
      expect(r.cards).toBeGreaterThanOrEqual(12);
    }
  });

  it('went the real way: frozen snapshots that recompute to themselves, places set, diplomas issued, all audited', async () => {
    const snapshots = await t.ds.query(`SELECT category_id, input_hash, input, output, winners FROM result_snapshot WHERE cycle_id = $1 AND superseded_at IS NULL`, [cycleId]);
    expect(snapshots).toHaveLength(3);
    for (const s of snapshots) {
      expect(s.input_hash).toBe(canonicalDigest(canonicalize(s.input)).toString('hex'));
      expect(computeResults(s.input).winners).toEqual(s.output.winners);
      expect(s.output.undecided).toEqual([]);
      const live = (await buildCategoryInput(t.ds.manager, s.category_id))!.input;
      expect(JSON.parse(JSON.stringify(live))).toEqual(s.input);
    }
    const [{ diplomas }] = await t.ds.query(`SELECT count(*)::int AS diplomas FROM certificate WHERE cycle_id = $1 AND kind = 'winner' AND revoked_at IS NULL`, [cycleId]);
    expect(diplomas).toBe(4);
    const actions = (await t.ds.query(`SELECT action FROM audit_event WHERE cycle_id = $1 AND entity = 'cycle' ORDER BY id`, [cycleId])).map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['cycle.phase', 'results.approved', 'results.published', 'certificates.issued']));
    // a recusal, as in real judging
    const [{ recusals }] = await t.ds.query(`SELECT count(*)::int AS recusals FROM conflict x JOIN nomination n ON n.id = x.nomination_id WHERE n.cycle_id = $1 AND x.kind = 'declared'`, [cycleId]);
    expect(recusals).toBe(1);
  });

  it('has jurors lenient and strict enough that the z-score and the raw mean disagree, down to a winner', async () => {
    const snapshots: Array<{ input: Parameters<typeof computeResults>[0] }> = await t.ds.query(`SELECT input FROM result_snapshot WHERE cycle_id = $1 AND superseded_at IS NULL`, [cycleId]);
    const both = snapshots.map((s) => ({ z: computeResults({ ...s.input, method: 'zscore' }), raw: computeResults({ ...s.input, method: 'raw' }) }));
    const reordered = both.filter(({ z, raw }) => z.ranking.map((r) => r.nomination).join() !== raw.ranking.map((r) => r.nomination).join());
    expect(reordered.length).toBeGreaterThanOrEqual(2);
    const winnerChanged = both.filter(({ z, raw }) => z.winners.join() !== raw.winners.join());
    expect(winnerChanged.length).toBeGreaterThanOrEqual(1);
  });

  it('is what /winners shows on the first start, with names (as far as each winner allowed), places and diploma links', async () => {
    const redirect = await request(t.app).get('/winners');
    expect(redirect.status).toBe(303);
    expect(redirect.headers.location).toBe('/cycles/pediatrics-as-art-2025/winners');
    const page = await request(t.app).get(redirect.headers.location);
    expect(page.status).toBe(200);
    const winners: Array<{ last_name: string; name_public: boolean | null }> = await t.ds.query(
      `SELECT ne.last_name, pc.full_name AS name_public FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id
         LEFT JOIN publication_consent pc ON pc.nomination_id = n.id WHERE n.cycle_id = $1 AND n.status = 'winner'`,
      [cycleId],
    );
    // Зимина allowed nothing to be published (the demo shows the masking); the others allowed their names
    expect(winners.filter((w) => !w.name_public).map((w) => w.last_name)).toEqual(['Зимина']);
    for (const w of winners) {
      if (w.name_public) expect(page.text).toContain(w.last_name);
      else expect(page.text).not.toContain(w.last_name);
    }
    expect(page.text).toContain('данные не публикуются по решению лауреата');
    expect(page.text).toContain('Наставник молодых врачей');
    expect(page.text).toMatch(/\/certificates\/[^"]+\.pdf/);
    expect(page.text).toContain('PAA-2025-');
    const home = await request(t.app).get('/');
    expect(home.text).toContain('Педиатрия как искусство — 2025');
  });

  it('shows the admin its results, with the compare view, and opens its scores to the public', async () => {
    const { agent } = await signIn(t.app, 'admin@example.org');
    const cycle = await agent.get(`/admin/cycles/${cycleId}/results`);
    expect(cycle.status).toBe(200);
    expect(cycle.text).toContain('утверждено');
    const [category] = await t.ds.query(`SELECT id FROM category WHERE cycle_id = $1 ORDER BY sort_order LIMIT 1`, [cycleId]);
    const page = await agent.get(`/admin/categories/${category.id}/results?compare=raw`);
    expect(page.status).toBe(200);
    // two charts, each drawn wide and narrow (the page shows one of the two by the screen's width)
    expect((page.text.match(/<svg/g) ?? []).length).toBe(4);
    const scores = await request(t.app).get('/cycles/pediatrics-as-art-2025/scores.json');
    expect(scores.status).toBe(200);
    expect(JSON.parse(scores.text).categories).toHaveLength(3);
  });
});
