import { signIn, useTestApp, type Agent, versionOf } from '../support/harness';
import { adminOf, createResultsScene } from '../results/scene';
import { setPublicationConsent } from '../../src/consent/lifecycle';
import type { PublicField } from '../../src/consent/public-fields';
import { approveResults } from '../../src/results/approval';

/** Before approving, the admin sees the winners-to-be without a full consent to publication and confirms knowingly. */
describe('the approval of results and the winners without a full publication consent', () => {
  const t = useTestApp();
  let admin: Agent;
  let csrf: string;
  beforeAll(async () => {
    ({ agent: admin, csrf } = await signIn(t.app, 'admin@example.org'));
  });

  const NAMES = ['Безсогласова', 'Частичнова', 'Проигравшева'];
  /** Nominations 0 and 1 win (two places); 0 allowed nothing, 1 only the name, 2 (not placed) nothing. */
  const scene = async (consents: PublicField[][] = [[], ['fullName'], []]) => {
    const s = await createResultsScene(t.ds, {
      municipalities: ['Красногорск', 'Щёлково', 'Балашиха'],
      lastNames: NAMES,
      maxWinners: 2,
      publicationConsent: [],
      cards: [[0, 0, [9, 9, 9]], [0, 1, [8, 8, 8]], [0, 2, [2, 2, 2]], [1, 0, [9, 9, 8]], [1, 1, [7, 7, 7]], [1, 2, [1, 1, 1]]],
    });
    const adminId = await adminOf(t.ds);
    for (const [i, fields] of consents.entries()) await t.ds.transaction((m) => setPublicationConsent(m, s.ids[i], fields, adminId));
    return s;
  };
  const confirmPage = (cycleId: number) => admin.get(`/admin/cycles/${cycleId}/results/approve`);
  const approve = async (cycleId: number, ticks: Record<string, string> = {}) =>
    admin.post(`/admin/cycles/${cycleId}/results/approve`).type('form').send({ _csrf: csrf, version: versionOf((await confirmPage(cycleId)).text), ...ticks });
  const stateOf = async (s: Awaited<ReturnType<typeof scene>>) => ({
    cycle: (await t.ds.query(`SELECT status FROM cycle WHERE id = $1`, [s.cycle.id]))[0].status,
    snapshots: (await t.ds.query(`SELECT count(*)::int AS n FROM result_snapshot WHERE cycle_id = $1`, [s.cycle.id]))[0].n,
    placed: (await t.ds.query(`SELECT count(*)::int AS n FROM nomination WHERE cycle_id = $1 AND place IS NOT NULL`, [s.cycle.id]))[0].n,
  });

  it('lists on the confirmation page the winners whose consent is missing or partial, with what they allowed, and asks for a tick', async () => {
    const s = await scene();
    const page = await confirmPage(s.cycle.id);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Победители без полного согласия на публикацию');
    expect(page.text).toMatch(new RegExp(`>${NAMES[0]} [^<]*</a> \\(Красногорск\\) — согласия нет`));
    expect(page.text).toMatch(new RegExp(`>${NAMES[1]} [^<]*</a> \\(Щёлково\\) — разрешено: ФИО`));
    // the one who does not win is not published at all: nothing to warn about
    expect(page.text).not.toContain(NAMES[2]);
    expect(page.text).toContain('name="confirmConsent"');
  });

  it('refuses the approval without the tick, with the message at the box and nothing changed; approves with it and audits who lacked consent', async () => {
    const s = await scene();
    const refused = await approve(s.cycle.id);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Отметьте, что понимаете: данные победителей без полного согласия на публикацию не будут опубликованы.');
    expect(refused.text).toContain(NAMES[0]);
    expect(await stateOf(s)).toEqual({ cycle: 'deliberation', snapshots: 0, placed: 0 });

    expect((await approve(s.cycle.id, { confirmConsent: 'on' })).status).toBe(303);
    expect(await stateOf(s)).toEqual({ cycle: 'approved', snapshots: 1, placed: 2 });
    const [audit] = await t.ds.query(`SELECT data FROM audit_event WHERE entity = 'cycle' AND entity_id = $1 AND action = 'results.approved'`, [String(s.cycle.id)]);
    expect(audit.data).toEqual({ withoutFullPublicationConsent: [s.ids[0], s.ids[1]].sort((a, b) => a - b) });
    // the audit keeps ids, never the names
    expect(JSON.stringify(audit.data)).not.toContain(NAMES[0]);
  });

  it('says so in English too', async () => {
    const s = await scene();
    const page = await admin.get(`/admin/cycles/${s.cycle.id}/results/approve`).set('Cookie', 'lang=en');
    expect(page.text).toContain('Winners without a full consent to publication');
    expect(page.text).toContain('allowed: full name');
    expect(page.text).toContain('no consent');
  });

  it('asks nothing when every winner allowed everything, and the tick is then not needed', async () => {
    const all: PublicField[] = ['fullName', 'position', 'institution', 'municipality'];
    const s = await scene([all, all, []]);
    const page = await confirmPage(s.cycle.id);
    expect(page.text).not.toContain('name="confirmConsent"');
    expect(page.text).not.toContain('Победители без полного согласия на публикацию');
    expect((await approve(s.cycle.id)).status).toBe(303);
    const [audit] = await t.ds.query(`SELECT data FROM audit_event WHERE entity = 'cycle' AND entity_id = $1 AND action = 'results.approved'`, [String(s.cycle.id)]);
    expect(audit.data).toBeNull();
  });

  it('counts a withdrawn or changed consent as it is at the approval, not as it was when the page was drawn', async () => {
    const all: PublicField[] = ['fullName', 'position', 'institution', 'municipality'];
    const s = await scene([all, all, []]);
    const version = versionOf((await confirmPage(s.cycle.id)).text);
    // between the page and the click, a winner's consent is narrowed
    const adminId = await adminOf(t.ds);
    await t.ds.transaction((m) => setPublicationConsent(m, s.ids[1], ['fullName'], adminId));
    const refused = await admin.post(`/admin/cycles/${s.cycle.id}/results/approve`).type('form').send({ _csrf: csrf, version });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(new RegExp(`>${NAMES[1]} [^<]*</a> [^<]*— разрешено: ФИО`));
  });

  it('holds in the domain function too: approveResults refuses without the confirmation', async () => {
    const s = await scene();
    const adminId = await adminOf(t.ds);
    const version = (await t.ds.query(`SELECT version FROM cycle WHERE id = $1`, [s.cycle.id]))[0].version;
    expect(await t.ds.transaction((m) => approveResults(m, s.cycle.id, version, adminId))).toEqual({ ok: false, problem: 'consentNotConfirmed' });
    expect(await t.ds.transaction((m) => approveResults(m, s.cycle.id, version, adminId, new Date(), { consent: true }))).toEqual({ ok: true });
  });
});
