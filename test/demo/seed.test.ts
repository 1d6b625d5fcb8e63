import { useTestApp } from '../support/harness';
import { seedDemo } from '../../src/demo/seed';
import { submissionProblems } from '../../src/nominations/rules';
import { Category } from '../../src/cycles/category.entity';
import { Nominee } from '../../src/nominations/nominee.entity';
import { Nomination } from '../../src/nominations/nomination.entity';

describe('the demo region', () => {
  const t = useTestApp({ seed: false });
  // the officer ticked data for publication: the signed consent to publication must be among the documents
  const publicationAsked = async (id: number) => (await t.ds.query(`SELECT 1 FROM publication_consent WHERE nomination_id = $1 AND withdrawn_at IS NULL`, [id])).length > 0;
  beforeAll(() => t.ds.transaction((m) => seedDemo(m)), 180_000);

  it('has «Московская область» with real municipalities and the six demo accounts', async () => {
    const names = (await t.ds.query(`SELECT name FROM municipality`)).map((r: { name: string }) => r.name);
    expect(names.length).toBeGreaterThanOrEqual(12);
    expect(names).toEqual(expect.arrayContaining(['Красногорск', 'Дзержинский', 'Щёлково', 'Электросталь', 'Королёв', 'Балашиха', 'Подольск', 'Мытищи', 'Химки', 'Одинцово', 'Люберцы', 'Коломна']));
    const users = await t.ds.query(`SELECT email, role FROM app_user ORDER BY email`);
    expect(users.map((u: { email: string }) => u.email)).toEqual(['admin@example.org', 'coordinator@example.org', 'juror2@example.org', 'juror3@example.org', 'juror@example.org', 'officer2@example.org', 'officer@example.org', 'registrar@example.org']);
  });

  it('has the 2026 cycle open for nominations with five categories and about twenty nominations in various states', async () => {
    const [cycle] = await t.ds.query(`SELECT id, status, nominations_start < now() AND nominations_end > now() AS open FROM cycle WHERE slug = 'best-pediatrician-2026'`);
    expect(cycle).toMatchObject({ status: 'nominations_open', open: true });
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM category WHERE cycle_id = $1`, [cycle.id]))[0].n).toBe(5);
    const statuses = (await t.ds.query(`SELECT DISTINCT status FROM nomination WHERE cycle_id = $1`, [cycle.id])).map((r: { status: string }) => r.status).sort();
    expect(statuses).toEqual(['accepted', 'draft', 'rejected', 'returned', 'submitted', 'withdrawn']);
    const count = (await t.ds.query(`SELECT count(*)::int AS n FROM nomination WHERE cycle_id = $1`, [cycle.id]))[0].n;
    expect(count).toBeGreaterThanOrEqual(18);
  });

  it('keeps its own rules: every submitted nomination is complete, eligible and within the quota', async () => {
    const nominations = await t.ds.getRepository(Nomination).find({ where: {} });
    for (const n of nominations.filter((x) => !['draft', 'withdrawn', 'rejected'].includes(x.status))) {
      const category = await t.ds.getRepository(Category).findOneByOrFail({ id: n.categoryId! });
      const nominee = await t.ds.getRepository(Nominee).findOneByOrFail({ id: n.nomineeId });
      const kinds = (await t.ds.query(`SELECT kind FROM attachment WHERE nomination_id = $1`, [n.id])).map((r: { kind: string }) => r.kind);
      expect({ id: n.id, problems: submissionProblems({ category, nominee, achievements: n.achievements, motivation: n.motivation, attachmentKinds: kinds, publicationAsked: await publicationAsked(n.id), recentWinYear: null }) }).toEqual({ id: n.id, problems: {} });
    }
    const overQuota = await t.ds.query(
      `SELECT k.name, n.municipality_id, count(*) FROM nomination n JOIN category k ON k.id = n.category_id
        WHERE n.status IN ('submitted','returned','accepted') AND k.quota_per_municipality IS NOT NULL
        GROUP BY k.name, k.quota_per_municipality, n.municipality_id HAVING count(*) > k.quota_per_municipality`,
    );
    expect(overQuota).toEqual([]);
  });

  it('attaches small real PDF documents', async () => {
    const docs = await t.ds.query(`SELECT a.size, string_agg(c.data, ''::bytea ORDER BY c.seq) AS data FROM attachment a JOIN attachment_chunk c ON c.attachment_id = a.id GROUP BY a.id, a.size`);
    expect(docs.length).toBeGreaterThanOrEqual(18);
    for (const d of docs) {
      expect(d.data.subarray(0, 5).toString()).toBe('%PDF-');
      expect(d.size).toBeLessThan(100_000);
      expect(d.data.length).toBe(d.size);
    }
  });
});
