import fc from 'fast-check';
import { useTestApp } from '../support/harness';
import { createCycle, createNomination, userId } from '../support/fixtures';
import { runAssignment } from '../../src/jury/assignments';
import { Panel, PanelMember } from '../../src/jury/panel.entity';

// Spellings of the same institutions: case, «ё/е», quotes and spacing must not hide a conflict.
const INSTITUTIONS = [
  ['Химкинская областная больница', 'ХИМКИНСКАЯ  областная больница', '«Химкинская областная больница»'],
  ['Королёвская городская больница', 'Королевская городская больница', '"королёвская городская  больница"'],
  ['Подольская ДГБ'],
];
const FLAT = INSTITUTIONS.flat();

/** Written here on purpose, not imported: the test states the rule in its own words. */
const same = (a: string | null, b: string | null) => {
  const norm = (s: string | null) => (s ?? '').toLowerCase().replace(/ё/g, 'е').replace(/["'«»„“”]/g, '').replace(/\s+/g, ' ').trim();
  return norm(a) !== '' && norm(a) === norm(b);
};

describe('assignments on the real database, over random municipalities, institutions and panels', () => {
  const t = useTestApp();
  let admin: number;
  let officer: number;
  let municipalities: number[];
  let serial = 0;
  beforeAll(async () => {
    admin = await userId(t.ds, 'admin@example.org');
    officer = await userId(t.ds, 'officer@example.org');
    municipalities = (await t.ds.query(`SELECT id FROM municipality ORDER BY id LIMIT 5`)).map((r: { id: number }) => r.id);
  });

  const scene = fc.record({
    jurors: fc.array(fc.record({ m: fc.option(fc.nat(4), { nil: null }), inst: fc.option(fc.constantFrom(...FLAT), { nil: null }) }), { minLength: 1, maxLength: 6 }),
    nominations: fc.array(fc.record({ m: fc.nat(4), inst: fc.constantFrom(...FLAT) }), { minLength: 1, maxLength: 9 }),
    mode: fc.constantFrom<'all' | 'k'>('all', 'k'),
    k: fc.integer({ min: 1, max: 4 }),
  });

  type Row = { j: number; n: number; jm: number | null; ji: string | null; nm: number; ni: string };

  it('never assigns a conflict, records every conflict met, and keeps the balanced plan\'s invariants', async () => {
    await fc.assert(
      fc.asyncProperty(scene, async (s) => {
        const { categories } = await createCycle(t.ds, { status: 'screening' });
        const categoryId = categories[0].id;
        const jurorIds: number[] = [];
        for (const j of s.jurors) {
          const [{ id }] = await t.ds.query(
            `INSERT INTO app_user (email, full_name, role, municipality_id, institution) VALUES ($1, 'Юрор', 'juror', $2, $3) RETURNING id`,
            [`prop-${++serial}@example.org`, j.m === null ? null : municipalities[j.m], j.inst],
          );
          jurorIds.push(id);
        }
        for (const [i, n] of s.nominations.entries()) {
          await createNomination(t.ds, { cycleId: categories[0].cycleId, categoryId, municipalityId: municipalities[n.m], authorId: officer, status: 'accepted', nominee: { lastName: `Н${i}`, institution: n.inst } });
        }
        const panel = await t.ds.getRepository(Panel).save({ categoryId, chairId: jurorIds[0], assignmentMode: s.mode, jurorsPerNomination: s.mode === 'k' ? s.k : null });
        await t.ds.getRepository(PanelMember).save(jurorIds.map((jurorId) => ({ panelId: panel.id, jurorId })));
        const run = await t.ds.transaction((m) => runAssignment(m, admin, categoryId));
        expect(run.ok).toBe(true);

        // Every juror × nomination pair of the category, with both sides' data as stored.
        const all: Row[] = await t.ds.query(
          `SELECT u.id AS j, n.id AS n, u.municipality_id AS jm, u.institution AS ji, n.municipality_id AS nm, ne.institution AS ni
             FROM panel_member pm JOIN app_user u ON u.id = pm.juror_id CROSS JOIN nomination n JOIN nominee ne ON ne.id = n.nominee_id
            WHERE pm.panel_id = $1 AND n.category_id = $2`,
          [panel.id, categoryId],
        );
        const assigned = new Set((await t.ds.query(`SELECT juror_id AS j, nomination_id AS n FROM assignment a JOIN nomination n ON n.id = a.nomination_id WHERE n.category_id = $1`, [categoryId])).map((r: { j: number; n: number }) => `${r.j}:${r.n}`));
        const conflicts = new Set((await t.ds.query(`SELECT juror_id AS j, nomination_id AS n FROM conflict c JOIN nomination n ON n.id = c.nomination_id WHERE n.category_id = $1`, [categoryId])).map((r: { j: number; n: number }) => `${r.j}:${r.n}`));
        const conflicted = (r: Row) => (r.jm !== null && r.jm === r.nm) || same(r.ji, r.ni);
        const isAssigned = (r: Row) => assigned.has(`${r.j}:${r.n}`);

        for (const r of all) {
          if (conflicted(r)) {
            expect({ pair: r, assigned: isAssigned(r) }).toEqual({ pair: r, assigned: false });
            expect(conflicts.has(`${r.j}:${r.n}`)).toBe(true);
          }
        }
        const load = new Map(jurorIds.map((j) => [j, all.filter((r) => r.j === j && isAssigned(r)).length]));
        const nominationIds = [...new Set(all.map((r) => r.n))];
        for (const n of nominationIds) {
          const eligible = all.filter((r) => r.n === n && !conflicted(r));
          const got = eligible.filter(isAssigned).length;
          expect(got).toBe(s.mode === 'all' ? eligible.length : Math.min(s.k, eligible.length));
          if (s.mode === 'k') {
            // No assignment could move to a less busy free juror: loads differ by at most one where conflicts allow.
            for (const busy of eligible.filter(isAssigned)) {
              for (const idle of eligible.filter((r) => !isAssigned(r))) expect(load.get(busy.j)! - load.get(idle.j)!).toBeLessThanOrEqual(1);
            }
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
