import { useTestApp } from '../support/harness';
import { seedDemo } from '../../src/demo/seed';
import { automaticConflict } from '../../src/jury/conflict-rules';
import { submissionProblems } from '../../src/nominations/rules';
import { Category } from '../../src/cycles/category.entity';
import { Nominee } from '../../src/nominations/nominee.entity';
import { Nomination } from '../../src/nominations/nomination.entity';

describe('the demo cycle in judging', () => {
  const t = useTestApp({ seed: false });
  // the officer ticked data for publication: the signed consent to publication must be among the documents
  const publicationAsked = async (id: number) => (await t.ds.query(`SELECT 1 FROM publication_consent WHERE nomination_id = $1 AND withdrawn_at IS NULL`, [id])).length > 0;
  let cycleId: number;
  beforeAll(async () => {
    await t.ds.transaction((m) => seedDemo(m));
    cycleId = (await t.ds.query(`SELECT id FROM cycle WHERE slug = 'pediatrics-as-art-2026'`))[0].id;
  });

  it('is «Педиатрия как искусство — конгресс 2026», in judging with the window open for about 30 more days', async () => {
    const [cycle] = await t.ds.query(
      `SELECT name, code, year, status, judging_start < now() AS started, extract(epoch FROM judging_end - now()) / 86400 AS days_left FROM cycle WHERE id = $1`,
      [cycleId],
    );
    expect(cycle).toMatchObject({ name: 'Педиатрия как искусство — конгресс 2026', code: 'PAA', year: 2026, status: 'judging', started: true });
    expect(Number(cycle.days_left)).toBeGreaterThan(29);
  });

  it('has two categories with 3–5 criteria with rubrics, eight accepted nominations each, and a panel', async () => {
    const rows = await t.ds.query(
      `SELECT k.id, (SELECT count(*)::int FROM criterion c WHERE c.category_id = k.id) AS criteria,
              (SELECT count(*)::int FROM criterion c WHERE c.category_id = k.id AND jsonb_array_length(c.rubric) = 0) AS without_rubric,
              (SELECT count(*)::int FROM nomination n WHERE n.category_id = k.id AND n.status = 'accepted') AS accepted,
              (SELECT count(DISTINCT n.municipality_id)::int FROM nomination n WHERE n.category_id = k.id) AS municipalities,
              (SELECT count(*)::int FROM panel_member pm JOIN panel p ON p.id = pm.panel_id WHERE p.category_id = k.id) AS jurors
         FROM category k WHERE k.cycle_id = $1 ORDER BY k.sort_order`,
      [cycleId],
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.criteria).toBeGreaterThanOrEqual(3);
      expect(r.criteria).toBeLessThanOrEqual(5);
      expect(r).toMatchObject({ without_rubric: 0, accepted: 8, jurors: 3 });
      expect(r.municipalities).toBeGreaterThanOrEqual(6);
    }
  });

  it('leaves juror@example.org unscored assignments to score at once', async () => {
    const [{ unscored }] = await t.ds.query(
      `SELECT count(*)::int AS unscored FROM assignment a JOIN nomination n ON n.id = a.nomination_id JOIN app_user u ON u.id = a.juror_id
        LEFT JOIN scorecard s ON s.juror_id = a.juror_id AND s.nomination_id = a.nomination_id
        WHERE u.email = 'juror@example.org' AND n.cycle_id = $1 AND s.id IS NULL`,
      [cycleId],
    );
    expect(unscored).toBeGreaterThanOrEqual(4);
  });

  it('assigns no conflicted pair, and shows submitted, draft, recused and changed scorecards', async () => {
    const pairs = await t.ds.query(
      `SELECT u.id AS "jurorId", u.municipality_id AS "jm", u.institution AS "ji", n.id, n.municipality_id AS "municipalityId", ne.institution
         FROM assignment a JOIN app_user u ON u.id = a.juror_id JOIN nomination n ON n.id = a.nomination_id JOIN nominee ne ON ne.id = n.nominee_id
        WHERE n.cycle_id = $1`,
      [cycleId],
    );
    expect(pairs.length).toBeGreaterThan(20);
    for (const p of pairs) expect(automaticConflict({ id: p.jurorId, municipalityId: p.jm, institution: p.ji }, p)).toBeNull();
    const kinds = (await t.ds.query(`SELECT DISTINCT c.kind FROM conflict c JOIN nomination n ON n.id = c.nomination_id WHERE n.cycle_id = $1 ORDER BY 1`, [cycleId])).map((r: { kind: string }) => r.kind);
    expect(kinds).toEqual(['declared', 'institution', 'municipality']);
    const statuses = (await t.ds.query(`SELECT DISTINCT s.status FROM scorecard s JOIN nomination n ON n.id = s.nomination_id WHERE n.cycle_id = $1 ORDER BY 1`, [cycleId])).map((r: { status: string }) => r.status);
    expect(statuses).toEqual(['draft', 'submitted']);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM score_history`))[0].n).toBeGreaterThanOrEqual(1);
  });

  it('keeps its scorecards valid: scores inside the scales, submitted ones complete with their weighted total', async () => {
    const cards = await t.ds.query(
      `SELECT s.id, s.status, s.weighted_total, n.category_id FROM scorecard s JOIN nomination n ON n.id = s.nomination_id WHERE n.cycle_id = $1`,
      [cycleId],
    );
    for (const card of cards) {
      const criteria = await t.ds.query(`SELECT id, weight, scale_min, scale_max FROM criterion WHERE category_id = $1`, [card.category_id]);
      const scores = await t.ds.query(`SELECT criterion_id, value FROM score WHERE scorecard_id = $1`, [card.id]);
      for (const s of scores) {
        const c = criteria.find((x: { id: number }) => x.id === s.criterion_id);
        expect(Number.isInteger(s.value) && s.value >= c.scale_min && s.value <= c.scale_max).toBe(true);
      }
      if (card.status === 'submitted') {
        expect(scores).toHaveLength(criteria.length);
        const value = (id: number) => scores.find((s: { criterion_id: number }) => s.criterion_id === id).value;
        const total = criteria.reduce((sum: number, c: { id: number; weight: number }) => sum + c.weight * value(c.id), 0) / criteria.reduce((sum: number, c: { weight: number }) => sum + c.weight, 0);
        expect(card.weighted_total).toBeCloseTo(total, 10);
      } else expect(card.weighted_total).toBeNull();
    }
  });

  it('keeps the nomination rules: every accepted nomination is complete and eligible', async () => {
    const nominations = await t.ds.getRepository(Nomination).find({ where: { cycleId } });
    for (const n of nominations) {
      const category = await t.ds.getRepository(Category).findOneByOrFail({ id: n.categoryId! });
      const nominee = await t.ds.getRepository(Nominee).findOneByOrFail({ id: n.nomineeId });
      const kinds = (await t.ds.query(`SELECT kind FROM attachment WHERE nomination_id = $1`, [n.id])).map((r: { kind: string }) => r.kind);
      expect({ id: n.id, problems: submissionProblems({ category, nominee, achievements: n.achievements, motivation: n.motivation, attachmentKinds: kinds, publicationAsked: await publicationAsked(n.id), recentWinYear: null }) }).toEqual({ id: n.id, problems: {} });
    }
  });
});
