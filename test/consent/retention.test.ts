import { useTestApp } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { PERIODIC_TASKS } from '../../src/jobs/periodic';
import { retentionCutoff, sweepRetention } from '../../src/consent/retention';
import { anonymiseNominations, ERASED_NAME } from '../../src/consent/person-data-erase';
import { insertDocument } from '../../src/nominations/document-store';
import { PDF } from '../support/officer-forms';
import { loadConfig } from '../../src/config';
import { count, nomineeOf, personNomination, publishedCycle } from './person-scene';

const retentionTask = PERIODIC_TASKS.find((t) => t.name === 'consent.retention')!;

describe('retention: nominations that won nothing are anonymised years after their cycle was published', () => {
  const t = useTestApp();
  // published 1 June 2020: five years later is 1 June 2025
  const published = new Date('2020-06-01T09:00:00Z');
  let old: Awaited<ReturnType<typeof publishedCycle>>;
  let winner: Awaited<ReturnType<typeof personNomination>>;
  let loser: Awaited<ReturnType<typeof personNomination>>;
  let rejected: Awaited<ReturnType<typeof personNomination>>;
  let recent: Awaited<ReturnType<typeof personNomination>>;
  let sharedDraftId: number;

  beforeAll(async () => {
    old = await publishedCycle(t.ds, published);
    const base = { cycleId: old.cycle.id, categoryId: old.category.id, criterionId: old.criterionId };
    winner = await personNomination(t.ds, { ...base, status: 'winner', place: 1, nominee: { lastName: 'Победова', email: 'pobedova@example.org' } });
    loser = await personNomination(t.ds, { ...base, status: 'not_awarded', nominee: { lastName: 'Забытова', phone: '+7 901 111-11-11', email: 'zabytova@example.org' } });
    rejected = await personNomination(t.ds, { ...base, status: 'rejected', nominee: { lastName: 'Отклонёнова' } });
    // the same person nominated again today, on the same nominee row (picked from the search): that row must survive
    const { cycle: current, categories } = await createCycle(t.ds);
    const draft = await createNomination(t.ds, { cycleId: current.id, categoryId: categories[0].id, municipalityId: await municipalityId(t.ds, 'Красногорск'), authorId: await userId(t.ds, 'officer@example.org'), status: 'draft' });
    await t.ds.query(`UPDATE nomination SET nominee_id = $2 WHERE id = $1`, [draft.id, loser.nomineeId]);
    sharedDraftId = draft.id;
    const young = await publishedCycle(t.ds, new Date('2023-03-01T09:00:00Z'));
    recent = await personNomination(t.ds, { cycleId: young.cycle.id, categoryId: young.category.id, criterionId: young.criterionId, status: 'not_awarded', nominee: { lastName: 'Недавняя' } });
  });

  it('counts the years from the publication to the same day and hour', () => {
    expect(retentionCutoff(new Date('2025-06-01T09:00:00Z'), 5).toISOString()).toBe('2020-06-01T09:00:00.000Z');
    expect(loadConfig({ PERSONAL_DATA_RETENTION_YEARS: '3' }).retentionYears).toBe(3);
    expect(loadConfig({}).retentionYears).toBe(5);
    expect(() => loadConfig({ PERSONAL_DATA_RETENTION_YEARS: '0' })).toThrow(/PERSONAL_DATA_RETENTION_YEARS/);
  });

  it('touches nothing a minute before the period ends', async () => {
    await retentionTask.run(t.ds, new Date('2025-06-01T08:59:00Z'));
    expect(await count(t.ds, `SELECT count(*)::int AS n FROM person_data_erasure`)).toBe(0);
    expect((await nomineeOf(t.ds, loser.id)).last_name).toBe('Забытова');
  });

  it('anonymises the nominations that won nothing once the period is over, keeping their scores', async () => {
    await retentionTask.run(t.ds, new Date('2025-06-01T09:00:00Z'));
    for (const n of [loser, rejected]) {
      const row = await nomineeOf(t.ds, n.id);
      expect(row).toMatchObject({ last_name: ERASED_NAME.retention, first_name: '', patronymic: '', position: '', institution: '', phone: '', email: '', achievements: '', motivation: '' });
      expect(await count(t.ds, `SELECT count(*)::int AS n FROM attachment WHERE nomination_id = $1`, [n.id])).toBe(0);
      // the scores stay for the results; the juror's words about the person go
      expect(await t.ds.query(`SELECT s.weighted_total, s.comment, v.value FROM scorecard s JOIN score v ON v.scorecard_id = s.id WHERE s.nomination_id = $1`, [n.id])).toEqual([
        { weighted_total: 7, comment: '', value: 7 },
      ]);
      const [certificate] = await t.ds.query(`SELECT holder_name, printed FROM certificate WHERE nomination_id = $1`, [n.id]);
      expect(certificate.holder_name).toBe(ERASED_NAME.retention);
      expect(certificate.printed).toMatchObject({ 'holder.fullName': ERASED_NAME.retention, 'nominee.institution': '', 'nominee.municipality': 'Красногорск' });
      const [mail] = await t.ds.query(`SELECT subject, text, html FROM mail_message WHERE idempotency_key LIKE $1`, [`%:nomination:${n.id}:%`]);
      expect(JSON.stringify(mail)).not.toContain(n.fullName);
      expect(mail.subject).toBe(`Заявка принята: ${ERASED_NAME.retention}`);
    }
    expect(await count(t.ds, `SELECT count(*)::int AS n FROM attachment_chunk c JOIN attachment a ON a.id = c.attachment_id WHERE a.nomination_id = ANY($1::int[])`, [[loser.id, rejected.id]])).toBe(0);
    expect(await t.ds.query(`SELECT nomination_id, reason, actor_id FROM person_data_erasure ORDER BY nomination_id`)).toEqual([
      { nomination_id: loser.id, reason: 'retention', actor_id: null },
      { nomination_id: rejected.id, reason: 'retention', actor_id: null },
    ]);
  });

  it('keeps the winner as the archive, and the cycles still within the period', async () => {
    expect(await nomineeOf(t.ds, winner.id)).toMatchObject({ last_name: 'Победова', email: 'pobedova@example.org', achievements: expect.stringContaining('Двадцать лет') });
    expect(JSON.stringify(await t.ds.query(`SELECT data FROM audit_event WHERE entity = 'nomination' AND entity_id = $1`, [String(winner.id)]))).toContain('Ходатайство Победова.pdf');
    expect(await count(t.ds, `SELECT count(*)::int AS n FROM attachment WHERE nomination_id = $1`, [winner.id])).toBe(1);
    expect((await nomineeOf(t.ds, recent.id)).last_name).toBe('Недавняя');
  });

  it('leaves the nominee row another nomination still names as it was (copy-on-write)', async () => {
    const draft = await nomineeOf(t.ds, sharedDraftId);
    expect(draft).toMatchObject({ id: loser.nomineeId, last_name: 'Забытова', phone: '+7 901 111-11-11', email: 'zabytova@example.org' });
    expect((await nomineeOf(t.ds, loser.id)).id).not.toBe(loser.nomineeId);
  });

  it('deletes a nominee row no nomination names any more', async () => {
    expect(await count(t.ds, `SELECT count(*)::int AS n FROM nominee WHERE last_name = 'Отклонёнова'`)).toBe(0);
  });

  it('writes one audit entry per batch with counts, never the data', async () => {
    const rows = await t.ds.query(`SELECT actor_id, entity, action, data FROM audit_event WHERE action = 'personalData.retention'`);
    expect(rows).toEqual([{ actor_id: null, entity: 'personalData', action: 'personalData.retention', data: { nominations: 2, documents: 2, years: 5, cutoff: '2020-06-01T09:00:00.000Z' } }]);
    // the earlier entries of the erased nominations lose the file names they listed
    const earlier = await t.ds.query(`SELECT data FROM audit_event WHERE entity = 'nomination' AND entity_id = ANY($1::text[])`, [[String(loser.id), String(rejected.id)]]);
    expect(earlier).toEqual([{ data: { removed: 0 } }, { data: { removed: 0 } }]);
    expect(JSON.stringify(earlier)).not.toMatch(/Забытова|Отклонёнова|Ходатайство/);
  });

  it('does nothing more when run again', async () => {
    expect(await sweepRetention(t.ds, new Date('2025-06-02T09:00:00Z'), 5)).toEqual({ nominations: 0, documents: 0, batches: 0 });
    expect(await count(t.ds, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'personalData.retention'`)).toBe(1);
  });

  it('works in batches: a shorter period reaches the recent cycle one nomination per batch', async () => {
    const more = await personNomination(t.ds, { cycleId: old.cycle.id, categoryId: old.category.id, criterionId: old.criterionId, status: 'withdrawn', nominee: { lastName: 'Ещёодна' } });
    const result = await sweepRetention(t.ds, new Date('2026-03-01T09:00:00Z'), 2, 1);
    expect(result).toEqual({ nominations: 2, documents: 2, batches: 2 });
    expect((await nomineeOf(t.ds, recent.id)).last_name).toBe(ERASED_NAME.retention);
    expect((await nomineeOf(t.ds, more.id)).last_name).toBe(ERASED_NAME.retention);
    expect((await nomineeOf(t.ds, winner.id)).last_name).toBe('Победова');
  });

  it('deletes, once the period is over, the written request a withdrawal kept', async () => {
    const n = await personNomination(t.ds, { cycleId: old.cycle.id, categoryId: old.category.id, criterionId: old.criterionId, status: 'not_awarded', nominee: { lastName: 'Отозвавшая' } });
    await insertDocument(t.ds.manager, { nominationId: n.id, kind: 'consent_withdrawal', fileName: 'Заявление.pdf', mime: 'application/pdf', size: PDF.length, sha256: 'x'.repeat(64), uploadedById: null }, PDF);
    await t.ds.transaction((m) => anonymiseNominations(m, [n.id], { reason: 'withdrawal', actorId: null, at: new Date(), keepRequests: true }));
    expect(await t.ds.query(`SELECT kind FROM attachment WHERE nomination_id = $1`, [n.id])).toEqual([{ kind: 'consent_withdrawal' }]);

    expect(await sweepRetention(t.ds, new Date('2026-03-01T09:00:00Z'), 5)).toEqual({ nominations: 0, documents: 1, batches: 0 });
    expect(await count(t.ds, `SELECT count(*)::int AS n FROM attachment WHERE nomination_id = $1`, [n.id])).toBe(0);
    expect(await count(t.ds, `SELECT count(*)::int AS n FROM attachment WHERE nomination_id = $1`, [winner.id])).toBe(1);
  });
});
