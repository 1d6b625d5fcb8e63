import { useTestApp } from '../support/harness';
import { createPublishedScene } from './scene';
import { issueCertificates, issueJurorLetters, issueParticipationCertificates, issueWinnerDiplomas, reissueCertificate, revokeCertificate } from '../../src/certificates/issue';
import { saveTemplate } from '../../src/certificates/templates';
import { certificateById } from '../../src/certificates/queries';
import { storedCertificatePdf, templateLoader } from '../../src/certificates/pdf';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { Nomination } from '../../src/nominations/nomination.entity';

describe('issuing certificates (numbering, idempotence, revoking, re-issuing)', () => {
  const t = useTestApp();
  const numbersOf = async (cycleId: number) => (await t.ds.query(`SELECT seq, number, kind FROM certificate WHERE cycle_id = $1 ORDER BY seq`, [cycleId])) as Array<{ seq: number; number: string; kind: string }>;

  it('issues the winners\' diplomas with their places, numbered CODE-YEAR-NNNN from 1, with 128+ bit codes', async () => {
    const s = await createPublishedScene(t.ds, { code: 'WIN' });
    const result = await t.ds.transaction((m) => issueWinnerDiplomas(m, s.cycle.id, s.admin));
    expect(result.ok && result.issued.map((c) => c.number)).toEqual(['WIN-2026-0001', 'WIN-2026-0002']);
    const rows = await t.ds.query(`SELECT code, holder_name, place, kind, printed, template_id FROM certificate WHERE cycle_id = $1 ORDER BY seq`, [s.cycle.id]);
    for (const r of rows) {
      expect(r.code).toMatch(/^[A-Za-z0-9_-]{24}$/); // 18 random bytes = 144 bits
      expect(r.kind).toBe('winner');
      expect(r.place).toBe(1);
      expect(r.printed['place.roman']).toBe('I');
    }
    expect(new Set(rows.map((r: { code: string }) => r.code)).size).toBe(2);
    expect(rows[1].holder_name).toBe('Константинопольская-Задунайская Александра-Виктория Вячеславовна');
    const template = await t.ds.query(`SELECT kind, version, title FROM certificate_template WHERE id = $1`, [rows[0].template_id]);
    expect(template).toEqual([{ kind: 'winner', version: 1, title: 'Диплом победителя' }]);
  });

  it('issues once per holder and kind: pressing the button again issues nothing', async () => {
    const s = await createPublishedScene(t.ds, { code: 'ONCE' });
    await t.ds.transaction((m) => issueParticipationCertificates(m, s.cycle.id, s.admin));
    const again = await t.ds.transaction((m) => issueParticipationCertificates(m, s.cycle.id, s.admin));
    expect(again).toEqual({ ok: true, issued: [] });
    expect((await numbersOf(s.cycle.id)).map((r) => r.number)).toEqual(['ONCE-2026-0001', 'ONCE-2026-0002']);
  });

  it('thanks only the jurors who submitted a scorecard in the cycle', async () => {
    const s = await createPublishedScene(t.ds, { code: 'JUR' });
    const result = await t.ds.transaction((m) => issueJurorLetters(m, s.cycle.id, s.admin));
    expect(result.ok && result.issued).toHaveLength(2);
    const holders = await t.ds.query(`SELECT juror_id, printed->>'juror.institution' AS institution FROM certificate WHERE cycle_id = $1 ORDER BY juror_id`, [s.cycle.id]);
    expect(holders.map((h: { juror_id: number }) => h.juror_id).sort()).toEqual(s.jurors.slice(0, 2).sort());
    expect(holders.map((h: { institution: string }) => h.institution)).toContain('Подольская детская городская больница');
  });

  it('refuses to issue before the results are published', async () => {
    const { cycle } = await createCycle(t.ds, { status: 'approved', code: 'APR' });
    expect(await t.ds.transaction((m) => issueWinnerDiplomas(m, cycle.id, null))).toEqual({ ok: false, problem: 'notPublished' });
  });

  it('numbers without gaps or duplicates when many issuing transactions run at the same moment', async () => {
    const { cycle, categories } = await createCycle(t.ds, { status: 'published', code: 'PAR', categories: [{ name: 'Номинация' }] });
    const officer = await userId(t.ds, 'officer@example.org');
    const mun = await municipalityId(t.ds, 'Красногорск');
    const noms: Nomination[] = [];
    for (let i = 0; i < 8; i++) noms.push(await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: mun, authorId: officer, status: 'accepted', nominee: { lastName: `Параллельная${i}` } }));
    // eight single issues, each twice, and two "issue all" at once: sixteen transactions on one counter
    const runs = [
      ...noms.flatMap((n) => [n, n].map(() => t.ds.transaction((m) => issueCertificates(m, cycle.id, 'nominee', null, { only: { nominationId: n.id } })))),
      t.ds.transaction((m) => issueParticipationCertificates(m, cycle.id, null)),
      t.ds.transaction((m) => issueParticipationCertificates(m, cycle.id, null)),
    ];
    const results = await Promise.all(runs);
    expect(results.every((r) => r.ok)).toBe(true);
    const rows = await numbersOf(cycle.id);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => `PAR-2026-000${i}`));
    const perNomination = await t.ds.query(`SELECT nomination_id, count(*)::int AS n FROM certificate WHERE cycle_id = $1 GROUP BY nomination_id`, [cycle.id]);
    expect(perNomination.every((r: { n: number }) => r.n === 1)).toBe(true);
    expect((await t.ds.query(`SELECT last_seq FROM certificate_counter WHERE cycle_id = $1`, [cycle.id]))[0].last_seq).toBe(8);
  });

  it('keeps numbering per cycle, continuing after other kinds', async () => {
    const s = await createPublishedScene(t.ds, { code: 'MIX' });
    await t.ds.transaction((m) => issueWinnerDiplomas(m, s.cycle.id, s.admin));
    await t.ds.transaction((m) => issueJurorLetters(m, s.cycle.id, s.admin));
    expect((await numbersOf(s.cycle.id)).map((r) => `${r.kind} ${r.number}`)).toEqual(['winner MIX-2026-0001', 'winner MIX-2026-0002', 'juror MIX-2026-0003', 'juror MIX-2026-0004']);
  });

  it('revokes only with a reason, and only once', async () => {
    const s = await createPublishedScene(t.ds, { code: 'REV' });
    const issued = await t.ds.transaction((m) => issueWinnerDiplomas(m, s.cycle.id, s.admin));
    const id = issued.ok ? issued.issued[0].id : 0;
    expect(await t.ds.transaction((m) => revokeCertificate(m, id, '   ', s.admin))).toEqual({ ok: false, problem: 'reasonRequired' });
    expect((await certificateById(t.ds.manager, id))!.revokedAt).toBeNull();
    expect(await t.ds.transaction((m) => revokeCertificate(m, id, 'Ошибка в фамилии', s.admin))).toEqual({ ok: true });
    expect(await t.ds.transaction((m) => revokeCertificate(m, id, 'Ещё раз', s.admin))).toEqual({ ok: false, problem: 'alreadyRevoked' });
    const audit = await t.ds.query(`SELECT action, reason, actor_id FROM audit_event WHERE entity = 'certificate' AND entity_id = $1`, [String(id)]);
    expect(audit).toEqual([{ action: 'certificate.revoked', reason: 'Ошибка в фамилии', actor_id: s.admin }]);
  });

  it('re-issues with a new number from the corrected data; the old one is revoked and points to the new one', async () => {
    const s = await createPublishedScene(t.ds, { code: 'RE' });
    const issued = await t.ds.transaction((m) => issueWinnerDiplomas(m, s.cycle.id, s.admin));
    const old = issued.ok ? issued.issued[0] : { id: 0, number: '' };
    await t.ds.query(`UPDATE nominee SET last_name = 'Победительница' WHERE id = (SELECT nominee_id FROM nomination WHERE id = $1)`, [s.winners[0].id]);
    const result = await t.ds.transaction((m) => reissueCertificate(m, old.id, 'Ошибка в фамилии', s.admin));
    expect(result).toEqual({ ok: true, id: expect.any(Number), number: 'RE-2026-0003' });
    const before = (await certificateById(t.ds.manager, old.id))!;
    expect(before.revokedReason).toBe('Ошибка в фамилии');
    expect(before.replacedById).toBe(result.ok && result.id);
    const after = (await certificateById(t.ds.manager, result.ok ? result.id : 0))!;
    expect(after.holderName).toBe('Победительница Мария Петровна');
    expect(after.revokedAt).toBeNull();
    expect(await t.ds.transaction((m) => reissueCertificate(m, old.id, 'снова', s.admin))).toEqual({ ok: false, problem: 'alreadyReplaced' });
  });

  it('links a revoked certificate to the one its holder is issued next, so re-issuing the old one answers that it was replaced', async () => {
    const s = await createPublishedScene(t.ds, { code: 'LNK' });
    const issued = await t.ds.transaction((m) => issueJurorLetters(m, s.cycle.id, s.admin));
    const old = issued.ok ? issued.issued[0] : { id: 0, number: '' };
    await t.ds.transaction((m) => revokeCertificate(m, old.id, 'Ошибка в фамилии', s.admin));
    const again = await t.ds.transaction((m) => issueJurorLetters(m, s.cycle.id, s.admin));
    expect(again.ok && again.issued.map((c) => c.number)).toEqual(['LNK-2026-0003']);
    const fresh = again.ok ? again.issued[0] : { id: 0, number: '' };
    const before = (await certificateById(t.ds.manager, old.id))!;
    expect(before).toMatchObject({ revokedReason: 'Ошибка в фамилии', replacedById: fresh.id, replacementNumber: 'LNK-2026-0003' });
    expect((await certificateById(t.ds.manager, issued.ok ? issued.issued[1].id : 0))!.replacedById).toBeNull();
    const audit = await t.ds.query(`SELECT action, data FROM audit_event WHERE entity = 'certificate' AND entity_id = $1 ORDER BY id`, [String(old.id)]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['certificate.revoked', 'certificate.replaced']);
    expect(audit[1].data).toEqual({ number: old.number, replacement: 'LNK-2026-0003' });
    expect(await t.ds.transaction((m) => reissueCertificate(m, old.id, 'снова', s.admin))).toEqual({ ok: false, problem: 'alreadyReplaced' });
  });

  it('does not re-issue while the results are unpublished for a correction, and changes nothing then', async () => {
    const s = await createPublishedScene(t.ds, { code: 'UNP' });
    const issued = await t.ds.transaction((m) => issueWinnerDiplomas(m, s.cycle.id, s.admin));
    const id = issued.ok ? issued.issued[0].id : 0;
    await t.ds.query(`UPDATE cycle SET status = 'approved' WHERE id = $1`, [s.cycle.id]);
    expect(await t.ds.transaction((m) => reissueCertificate(m, id, 'Ошибка в фамилии', s.admin))).toEqual({ ok: false, problem: 'notPublished' });
    expect(await t.ds.query(`SELECT count(*)::int AS n, count(revoked_at)::int AS revoked FROM certificate WHERE cycle_id = $1`, [s.cycle.id])).toEqual([{ n: 2, revoked: 0 }]);
  });

  it('does not re-issue to someone who no longer qualifies, and changes nothing then', async () => {
    const s = await createPublishedScene(t.ds, { code: 'NQ' });
    const issued = await t.ds.transaction((m) => issueWinnerDiplomas(m, s.cycle.id, s.admin));
    const id = issued.ok ? issued.issued[0].id : 0;
    await t.ds.getRepository(Nomination).update(s.winners[0].id, { status: 'not_awarded', place: null });
    expect(await t.ds.transaction((m) => reissueCertificate(m, id, 'пересмотр', s.admin))).toEqual({ ok: false, problem: 'notEligible' });
    expect((await certificateById(t.ds.manager, id))!.revokedAt).toBeNull();
  });

  it('renders an issued certificate byte for byte the same after its template was edited', async () => {
    const s = await createPublishedScene(t.ds, { code: 'TPL' });
    const issued = await t.ds.transaction((m) => issueWinnerDiplomas(m, s.cycle.id, s.admin));
    const row = (await certificateById(t.ds.manager, issued.ok ? issued.issued[0].id : 0))!;
    const before = await storedCertificatePdf(row, await templateLoader(t.ds.manager)(row.templateId), 'https://laureate.example.org');
    const saved = await t.ds.transaction((m) => saveTemplate(m, s.cycle.id, 'winner', {
      title: 'Почётный диплом', body: '{nominee.fullName}\nпобедитель', signatories: [], accentColor: '#8a1c1c', emblem: { action: 'keep' }, background: { action: 'keep' },
    }, s.admin));
    expect(saved).toEqual({ ok: true, version: 2 });
    const again = (await certificateById(t.ds.manager, row.id))!;
    const after = await storedCertificatePdf(again, await templateLoader(t.ds.manager)(again.templateId), 'https://laureate.example.org');
    expect(after.equals(before)).toBe(true);
    // a certificate issued now uses version 2
    const reissued = await t.ds.transaction((m) => reissueCertificate(m, row.id, 'новый шаблон', s.admin));
    const fresh = (await certificateById(t.ds.manager, reissued.ok ? reissued.id : 0))!;
    expect((await t.ds.query(`SELECT version FROM certificate_template WHERE id = $1`, [fresh.templateId]))[0].version).toBe(2);
  });
});
