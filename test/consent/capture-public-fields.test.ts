import { useTestApp } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { PUBLIC_FIELDS, publicFieldSql, publicFieldsOf, type PublicField } from '../../src/consent/public-fields';
import { setPublicationConsent, withdrawConsent } from '../../src/consent/lifecycle';
import { subscribeAfterCommit, type DomainEvents } from '../../src/domain-events';

describe('what of a nominee may be public: publicFieldsOf and publicFieldSql against the database', () => {
  const t = useTestApp();
  const ids: Record<'full' | 'partial' | 'none' | 'withdrawn' | 'processingWithdrawn' | 'renewed', number> = {} as never;
  let officerId: number;
  let adminId: number;
  const heard: Array<DomainEvents['consent.withdrawn']> = [];
  let unsubscribe: () => void;

  beforeAll(async () => {
    unsubscribe = subscribeAfterCommit('consent.withdrawn', (e) => heard.push(e));
    officerId = await userId(t.ds, 'officer@example.org');
    adminId = await userId(t.ds, 'admin@example.org');
    const { cycle, categories } = await createCycle(t.ds);
    const municipality = await municipalityId(t.ds, 'Красногорск');
    for (const key of Object.keys({ full: 0, partial: 0, none: 0, withdrawn: 0, processingWithdrawn: 0, renewed: 0 }) as Array<keyof typeof ids>) {
      ids[key] = (await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: municipality, authorId: officerId, status: 'winner', nominee: { lastName: `Лауреат-${key}` } })).id;
    }
    await t.ds.transaction(async (m) => {
      await setPublicationConsent(m, ids.full, [...PUBLIC_FIELDS], officerId);
      await setPublicationConsent(m, ids.partial, ['municipality', 'fullName'], officerId);
      for (const key of ['withdrawn', 'processingWithdrawn', 'renewed'] as const) await setPublicationConsent(m, ids[key], [...PUBLIC_FIELDS], officerId);
    });
    await t.ds.transaction((m) => withdrawConsent(m, { nominationId: ids.withdrawn, scope: 'publication', requestedOn: new Date('2026-04-01'), attachmentId: null, note: 'Лауреат-withdrawn просит убрать фамилию', actorId: adminId }));
    await t.ds.transaction((m) => withdrawConsent(m, { nominationId: ids.processingWithdrawn, scope: 'processing', requestedOn: new Date('2026-04-02'), attachmentId: null, note: '', actorId: adminId }));
    await t.ds.transaction((m) => withdrawConsent(m, { nominationId: ids.renewed, scope: 'publication', requestedOn: new Date('2026-04-03'), attachmentId: null, note: '', actorId: adminId }));
    // the person signed a new consent after withdrawing: only the name this time
    await t.ds.transaction((m) => setPublicationConsent(m, ids.renewed, ['fullName'], adminId));
  });
  afterAll(() => unsubscribe());

  const sorted = (set: Set<PublicField> | undefined) => [...(set ?? [])].sort();

  it('gives each nomination the fields its consent allows now, and nothing without a consent, after a withdrawal of either consent, or for an unknown id', async () => {
    const all = await publicFieldsOf(t.ds.manager, [...Object.values(ids), 999999]);
    expect(all.size).toBe(7);
    expect(sorted(all.get(ids.full))).toEqual(['fullName', 'institution', 'municipality', 'position']);
    expect(sorted(all.get(ids.partial))).toEqual(['fullName', 'municipality']);
    expect(sorted(all.get(ids.none))).toEqual([]);
    expect(sorted(all.get(ids.withdrawn))).toEqual([]);
    expect(sorted(all.get(ids.processingWithdrawn))).toEqual([]);
    expect(sorted(all.get(ids.renewed))).toEqual(['fullName']);
    expect(sorted(all.get(999999))).toEqual([]);
    expect((await publicFieldsOf(t.ds.manager, [])).size).toBe(0);
  });

  it('answers the same in SQL, one boolean per field, without changing the number of rows of the query', async () => {
    const rows: Array<Record<string, unknown>> = await t.ds.query(
      `SELECT w.id, ${PUBLIC_FIELDS.map((f) => `${publicFieldSql(f, 'w')} AS "${f}"`).join(', ')} FROM nomination w WHERE w.id = ANY($1::int[]) ORDER BY w.id`,
      [Object.values(ids)],
    );
    expect(rows).toHaveLength(Object.keys(ids).length);
    const fromSql = new Map(rows.map((r) => [r.id as number, PUBLIC_FIELDS.filter((f) => r[f] === true).sort()]));
    const fromTs = await publicFieldsOf(t.ds.manager, Object.values(ids));
    for (const id of Object.values(ids)) expect({ id, fields: fromSql.get(id) }).toEqual({ id, fields: sorted(fromTs.get(id)) });
    // the default alias is `n`
    const [named] = await t.ds.query(`SELECT ${publicFieldSql('institution')} AS allowed FROM nomination n WHERE n.id = $1`, [ids.partial]);
    expect(named.allowed).toBe(false);
  });

  it('refuses to build SQL from anything but a public field and a plain alias', () => {
    expect(() => publicFieldSql('phone' as PublicField)).toThrow('not a public field');
    expect(() => publicFieldSql('fullName', 'n; DROP TABLE nomination')).toThrow('not an SQL alias');
  });

  it('records each withdrawal with its date and scope, audits it without the person\'s data, and announces it after the commit', async () => {
    const rows = await t.ds.query(`SELECT nomination_id AS "nominationId", scope, to_char(requested_on, 'YYYY-MM-DD') AS "requestedOn", actor_id AS "actorId" FROM consent_withdrawal ORDER BY id`);
    expect(rows).toEqual([
      { nominationId: ids.withdrawn, scope: 'publication', requestedOn: '2026-04-01', actorId: adminId },
      { nominationId: ids.processingWithdrawn, scope: 'processing', requestedOn: '2026-04-02', actorId: adminId },
      { nominationId: ids.renewed, scope: 'publication', requestedOn: '2026-04-03', actorId: adminId },
    ]);
    const audit = await t.ds.query(`SELECT entity_id, data, reason FROM audit_event WHERE action = 'nomination.consentWithdrawn' ORDER BY id`);
    expect(audit.map((a: { entity_id: string; data: { scope: string } }) => [Number(a.entity_id), a.data.scope])).toEqual([[ids.withdrawn, 'publication'], [ids.processingWithdrawn, 'processing'], [ids.renewed, 'publication']]);
    expect(JSON.stringify(audit)).not.toMatch(/Лауреат|фамилию/);
    expect(heard.map((e) => [e.nominationId, e.scope, e.actorId])).toEqual([[ids.withdrawn, 'publication', adminId], [ids.processingWithdrawn, 'processing', adminId], [ids.renewed, 'publication', adminId]]);
  });

  it('keeps a withdrawn consent on record as withdrawn; a new consent after it is a new version', async () => {
    const [withdrawn] = await t.ds.query(`SELECT full_name, withdrawn_at, version FROM publication_consent WHERE nomination_id = $1`, [ids.withdrawn]);
    expect(withdrawn).toMatchObject({ full_name: true, version: 2 });
    expect(withdrawn.withdrawn_at).toBeInstanceOf(Date);
    // "nothing may be public" is already so: no change, the withdrawal stays on record
    await t.ds.transaction((m) => setPublicationConsent(m, ids.withdrawn, [], adminId));
    expect((await t.ds.query(`SELECT withdrawn_at IS NOT NULL AS withdrawn FROM publication_consent WHERE nomination_id = $1`, [ids.withdrawn]))[0].withdrawn).toBe(true);
    const [renewed] = await t.ds.query(`SELECT full_name, position, withdrawn_at, version FROM publication_consent WHERE nomination_id = $1`, [ids.renewed]);
    expect(renewed).toEqual({ full_name: true, position: false, withdrawn_at: null, version: 3 });
  });

  it('goes with its nomination', async () => {
    const { cycle } = await createCycle(t.ds);
    const n = await createNomination(t.ds, { cycleId: cycle.id, categoryId: null, municipalityId: await municipalityId(t.ds, 'Красногорск'), authorId: officerId });
    await t.ds.transaction((m) => setPublicationConsent(m, n.id, ['fullName'], officerId));
    await t.ds.transaction((m) => withdrawConsent(m, { nominationId: n.id, scope: 'publication', requestedOn: new Date('2026-05-01'), attachmentId: null, note: '', actorId: adminId }));
    await t.ds.query(`DELETE FROM nomination WHERE id = $1`, [n.id]);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM publication_consent WHERE nomination_id = $1`, [n.id]))[0].n).toBe(0);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM consent_withdrawal WHERE nomination_id = $1`, [n.id]))[0].n).toBe(0);
  });
});
