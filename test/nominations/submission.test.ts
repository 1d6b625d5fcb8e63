import { useTestApp } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { submitNomination, withdrawNomination } from '../../src/nominations/submission';
import { saveNomination } from '../../src/nominations/drafts';
import type { Officer } from '../../src/nominations/scope';

describe('submitting nominations (domain rules on the real database)', () => {
  const t = useTestApp();
  let officer: Officer;
  let officer2: Officer;

  beforeAll(async () => {
    officer = { id: await userId(t.ds, 'officer@example.org'), municipalityId: await municipalityId(t.ds, 'Красногорск') };
    officer2 = { id: await userId(t.ds, 'officer2@example.org'), municipalityId: await municipalityId(t.ds, 'Щёлково') };
  });

  const submit = (o: Officer, id: number, version = 1, now?: Date) => t.ds.transaction((m) => submitNomination(m, o, id, version, now));

  it('submits a complete nomination and records who did it', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const n = await createNomination(t.ds, { withConsent: true, cycleId: cycle.id, categoryId: categories[0].id, municipalityId: officer.municipalityId, authorId: officer.id });
    expect(await submit(officer, n.id)).toEqual({ ok: true, version: 2 });
    const events = await t.ds.query(`SELECT actor_id, from_state, to_state FROM audit_event WHERE entity = 'nomination' AND entity_id = $1`, [String(n.id)]);
    expect(events).toEqual([{ actor_id: officer.id, from_state: 'draft', to_state: 'submitted' }]);
  });

  it('holds the quota per municipality when many submissions arrive at the same moment', async () => {
    const { cycle, categories } = await createCycle(t.ds, { categories: [{ name: 'Молодой специалист', quotaPerMunicipality: 2 }] });
    const drafts = [];
    for (let i = 0; i < 6; i++) {
      drafts.push(await createNomination(t.ds, { withConsent: true, cycleId: cycle.id, categoryId: categories[0].id, municipalityId: officer.municipalityId, authorId: officer.id, nominee: { lastName: `Петрова${i}` } }));
    }
    const results = await Promise.all(drafts.map((d) => submit(officer, d.id)));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(4);
    for (const r of refused) expect(r).toMatchObject({ problem: 'rules', problems: { categoryId: { key: 'nominations.rules.quotaFull' } } });
    const rows = await t.ds.query(`SELECT count(*)::int AS n FROM nomination WHERE category_id = $1 AND status = 'submitted'`, [categories[0].id]);
    expect(rows[0].n).toBe(2);
  });

  it('counts the quota per municipality: another municipality has its own', async () => {
    const { cycle, categories } = await createCycle(t.ds, { categories: [{ name: 'Наставник года', quotaPerMunicipality: 1 }] });
    const a = await createNomination(t.ds, { withConsent: true, cycleId: cycle.id, categoryId: categories[0].id, municipalityId: officer.municipalityId, authorId: officer.id });
    const b = await createNomination(t.ds, { withConsent: true, cycleId: cycle.id, categoryId: categories[0].id, municipalityId: officer2.municipalityId, authorId: officer2.id });
    expect((await submit(officer, a.id)).ok).toBe(true);
    expect((await submit(officer2, b.id)).ok).toBe(true);
  });

  it('refuses the same person twice in one category, even typed again with other case and «ё»', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const first = await createNomination(t.ds, { withConsent: true, cycleId: cycle.id, categoryId: categories[0].id, municipalityId: officer.municipalityId, authorId: officer.id, nominee: { lastName: 'Семёнова' } });
    const again = await createNomination(t.ds, { withConsent: true, cycleId: cycle.id, categoryId: categories[0].id, municipalityId: officer.municipalityId, authorId: officer.id, nominee: { lastName: 'СЕМЕНОВА' } });
    expect((await submit(officer, first.id)).ok).toBe(true);
    expect(await submit(officer, again.id)).toMatchObject({ ok: false, problems: { categoryId: { key: 'nominations.rules.duplicate' } } });
  });

  it('refuses submission outside the nominations window and names the deadline', async () => {
    const closedAt = new Date(Date.now() - 3600_000);
    const { cycle, categories } = await createCycle(t.ds, { nominationsEnd: closedAt });
    const n = await createNomination(t.ds, { withConsent: true, cycleId: cycle.id, categoryId: categories[0].id, municipalityId: officer.municipalityId, authorId: officer.id });
    const r = await submit(officer, n.id);
    expect(r).toEqual({ ok: false, problem: 'closed', deadline: closedAt });
    expect((await t.ds.query(`SELECT status FROM nomination WHERE id = $1`, [n.id]))[0].status).toBe('draft');
  });

  it('names every unmet rule: missing fields, short texts, too few years, missing documents', async () => {
    const { cycle, categories } = await createCycle(t.ds, { categories: [{ name: 'Наставник', minYearsPractice: 15, requiredDocuments: ['recommendation', 'cv'] }] });
    const n = await createNomination(t.ds, { withConsent: true, cycleId: cycle.id, categoryId: categories[0].id, municipalityId: officer.municipalityId, authorId: officer.id, nominee: { position: '', yearsOfPractice: 3 }, withPdf: true });
    await t.ds.query(`UPDATE nomination SET motivation = 'коротко' WHERE id = $1`, [n.id]);
    const r = await submit(officer, n.id);
    expect(r.ok).toBe(false);
    if (r.ok || r.problem !== 'rules') throw new Error('expected rule problems');
    expect(Object.keys(r.problems).sort()).toEqual(['documents', 'motivation', 'nominee.position', 'nominee.yearsOfPractice']);
    expect(r.problems.documents.params).toEqual({ kinds: ['cv'] });
  });

  it('refuses a nominee who won a same-named category within the excluded years', async () => {
    const past = await createCycle(t.ds, { year: 2025, status: 'published', categories: [{ name: 'Лучший неонатолог' }] });
    await createNomination(t.ds, { withConsent: true, cycleId: past.cycle.id, categoryId: past.categories[0].id, municipalityId: officer.municipalityId, authorId: officer.id, status: 'winner', nominee: { lastName: 'Ершова' } });
    const { cycle, categories } = await createCycle(t.ds, { categories: [{ name: 'Лучший  неонатолог', pastWinnersExcludedYears: 2 }] });
    const n = await createNomination(t.ds, { withConsent: true, cycleId: cycle.id, categoryId: categories[0].id, municipalityId: officer.municipalityId, authorId: officer.id, nominee: { lastName: 'Ершова' } });
    expect(await submit(officer, n.id)).toMatchObject({ ok: false, problems: { categoryId: { key: 'nominations.rules.pastWinner', params: { year: 2025 } } } });
  });

  it('refuses a save made on a stale version and changes nothing', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const n = await createNomination(t.ds, { withConsent: true, cycleId: cycle.id, categoryId: categories[0].id, municipalityId: officer.municipalityId, authorId: officer.id });
    const input = { categoryId: categories[0].id, nomineeId: null, nominee: { lastName: 'Иванова', firstName: 'Мария', patronymic: 'Петровна', position: 'педиатр', institution: 'ГБ', specialty: 'педиатрия', yearsOfPractice: 5, phone: '', email: '' }, achievements: 'первое', motivation: '', publication: [] };
    const first = await t.ds.transaction((m) => saveNomination(m, officer, { nominationId: n.id, version: 1 }, input, { add: [], removeIds: [] }));
    expect(first).toEqual({ ok: true, id: n.id, version: 2 });
    const second = await t.ds.transaction((m) => saveNomination(m, officer, { nominationId: n.id, version: 1 }, { ...input, achievements: 'второе' }, { add: [], removeIds: [] }));
    expect(second).toEqual({ ok: false, problem: 'conflict' });
    expect((await t.ds.query(`SELECT achievements FROM nomination WHERE id = $1`, [n.id]))[0].achievements).toBe('первое');
  });

  it('treats another municipality\'s nomination as not found', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const n = await createNomination(t.ds, { withConsent: true, cycleId: cycle.id, categoryId: categories[0].id, municipalityId: officer.municipalityId, authorId: officer.id });
    expect(await submit(officer2, n.id)).toEqual({ ok: false, problem: 'notFound' });
    expect(await t.ds.transaction((m) => withdrawNomination(m, officer2, n.id, 1))).toEqual({ ok: false, problem: 'notFound' });
  });

  it('lets a returned nomination be fixed and resubmitted during screening, but not a draft', async () => {
    const now = Date.now();
    const { cycle, categories } = await createCycle(t.ds, { status: 'screening', nominationsEnd: new Date(now - 3600_000), screeningStart: new Date(now - 3600_000), screeningEnd: new Date(now + 86400_000) });
    const returned = await createNomination(t.ds, { withConsent: true, cycleId: cycle.id, categoryId: categories[0].id, municipalityId: officer.municipalityId, authorId: officer.id, status: 'returned' });
    const draft = await createNomination(t.ds, { withConsent: true, cycleId: cycle.id, categoryId: categories[0].id, municipalityId: officer.municipalityId, authorId: officer.id, nominee: { lastName: 'Другая' } });
    expect((await submit(officer, returned.id)).ok).toBe(true);
    expect(await submit(officer, draft.id)).toMatchObject({ ok: false, problem: 'closed' });
  });

  it('withdraws only before screening starts', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const n = await createNomination(t.ds, { withConsent: true, cycleId: cycle.id, categoryId: categories[0].id, municipalityId: officer.municipalityId, authorId: officer.id, status: 'submitted' });
    expect(await t.ds.transaction((m) => withdrawNomination(m, officer, n.id, 1))).toEqual({ ok: true });
    const s = await createCycle(t.ds, { status: 'screening' });
    const late = await createNomination(t.ds, { withConsent: true, cycleId: s.cycle.id, categoryId: s.categories[0].id, municipalityId: officer.municipalityId, authorId: officer.id, status: 'submitted' });
    expect(await t.ds.transaction((m) => withdrawNomination(m, officer, late.id, 1))).toMatchObject({ ok: false, problem: 'closed' });
  });
});
