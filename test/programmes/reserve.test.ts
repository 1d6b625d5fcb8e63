import request from 'supertest';
import { signIn, useTestApp, type Agent } from '../support/harness';
import { queuedMail } from '../support/mail';
import { approvedProgramme, offerLinkOf, participantsOf, type OfferWorld } from '../support/offer-fixtures';
import { PERIODIC_TASKS } from '../../src/jobs/periodic';
import type { AllocationState } from '../../src/programmes/engine';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
const DAY = 24 * 3600_000;

async function stateOf(t: { ds: import('typeorm').DataSource }, allocationId: number): Promise<AllocationState> {
  return (await t.ds.query(`SELECT state FROM programme_allocation WHERE id = $1`, [allocationId]))[0].state;
}

describe('the reserve moving up', () => {
  const t = useTestApp();
  let visitor: ReturnType<typeof request.agent>;
  let csrf: string;
  let admin: { agent: Agent; csrf: string };
  const decline = async (link: string) => visitor.post(`${link}/decline`).type('form').send({ _csrf: csrf, sure: '1' });

  beforeAll(async () => {
    visitor = request.agent(t.app);
    csrf = csrfOf((await visitor.get('/login')).text);
    admin = await signIn(t.app, 'admin@example.org');
  });

  describe('a chain: a decline moves someone up from their 2nd choice, and their old place goes on', () => {
    let w: OfferWorld;
    // 1 holds Неонатология; 2 wanted it first and holds Кардиология; 3 waits for Кардиология; 4 for Неонатология
    beforeAll(async () => {
      w = await approvedProgramme(t.ds, {
        tracks: [{ name: 'Неонатология', places: 1 }, { name: 'Кардиология', places: 1 }],
        applicants: [{ prefs: [0] }, { prefs: [0, 1] }, { prefs: [1] }, { prefs: [0] }],
      });
    });

    it('gives the freed place to the first on its reserve, who leaves the lower track for the next on that one', async () => {
      const oldLinkOf2 = await offerLinkOf(t.ds, w.emails[1]);
      expect((await decline(await offerLinkOf(t.ds, w.emails[0]))).status).toBe(200);
      const rows = await participantsOf(t.ds, w.cycleId);
      const of = (i: number) => rows.filter((r) => r.email === w.emails[i]).map((r) => [r.trackId === w.trackIds[0] ? 'Неонатология' : 'Кардиология', r.status]);
      expect(of(0)).toEqual([['Неонатология', 'declined']]);
      expect(of(1)).toEqual([['Кардиология', 'moved'], ['Неонатология', 'offered']]);
      expect(of(2)).toEqual([['Кардиология', 'offered']]);
      // 4 ranks below 2, so waits on
      expect(of(3)).toEqual([]);
      // 2 is told why: the track they listed higher, and that the lower place went on
      const mails = await queuedMail(t.ds, { kind: 'programme_offer', toEmail: w.emails[1] });
      expect(mails).toHaveLength(2);
      expect(mails[1].text).toContain('которое вы указали в заявке выше, чем «Кардиология»');
      // their old link says the offer moved
      const old = await visitor.get(oldLinkOf2);
      expect(old.status).toBe(410);
      expect(old.text).toContain('Это предложение больше не действует');
      // the engine's state moved with the participants
      const state = await stateOf(t, w.allocationId);
      expect(state.counts.map((c) => [c.filled, c.free])).toEqual([[1, 0], [1, 0]]);
      expect(state.placements.find((p) => p.applicant === String(w.nominations[1]))).toMatchObject({ track: String(w.trackIds[0]), source: 'reserve', choice: 1 });
      expect(state.reserves[0].applicants).toEqual([String(w.nominations[3])]);
    });

    it('audits every step with the cause and the passed-over by count, never a name', async () => {
      const rows = await t.ds.query(`SELECT action, reason, data FROM audit_event WHERE cycle_id = $1 AND entity = 'programme_allocation' ORDER BY id`, [w.cycleId]);
      expect(rows.map((r: { action: string }) => r.action)).toEqual(['reserve.released', 'reserve.placed', 'reserve.placed']);
      expect(new Set(rows.map((r: { reason: string }) => r.reason))).toEqual(new Set(['место освободилось: отказ']));
      expect(rows[1].data).toMatchObject({ trackId: w.trackIds[0], fromTrackId: w.trackIds[1], passedOver: 0 });
      const moved = await t.ds.query(`SELECT reason FROM audit_event WHERE cycle_id = $1 AND action = 'participant.movedUp'`, [w.cycleId]);
      expect(moved).toEqual([{ reason: 'перешёл на направление, указанное в заявке выше' }]);
      expect(JSON.stringify(rows)).not.toContain('Врачова');
    });

    it('counts places filled, pending and free with the new statuses', async () => {
      await t.ds.query(`UPDATE participant SET status = 'confirmed', offer_token_hash = NULL WHERE email = $1`, [w.emails[2]]);
      const page = await admin.agent.get(`/admin/tracks/${w.trackIds[1]}/participants`);
      expect(page.text).toMatch(/id="count-confirmed">1</);
      expect(page.text).toMatch(/id="count-offered">0</);
      expect(page.text).toMatch(/id="count-free">0</);
      expect(page.text).toContain('перешёл на направление выше по списку');
      const programme = await admin.agent.get(`/admin/cycles/${w.cycleId}`);
      expect(programme.text).toContain('подтверждено 0, ожидают 1, свободно 0');
      expect(programme.text).toContain('подтверждено 1, ожидают 0, свободно 0');
    });

    it('expires unanswered offers by the periodic task, pulls the reserve up, and does it once', async () => {
      const task = PERIODIC_TASKS.find((x) => x.name === 'programmes.offers')!;
      expect(task.cron).toBe('*/5 * * * *');
      const after = new Date(w.deadline.getTime() + 60_000);
      await task.run(t.ds, after);
      const rows = await participantsOf(t.ds, w.cycleId);
      expect(rows.find((r) => r.email === w.emails[1] && r.trackId === w.trackIds[0])).toMatchObject({ status: 'expired', hashed: true });
      const offer4 = rows.find((r) => r.email === w.emails[3])!;
      expect(offer4).toMatchObject({ status: 'offered', trackId: w.trackIds[0] });
      // past the approval's deadline a reserve offer gets RESERVE_ANSWER_DAYS from now
      expect(new Date(offer4.expiresAt!).getTime()).toBe(after.getTime() + 3 * DAY);
      const expired = await t.ds.query(`SELECT reason FROM audit_event WHERE cycle_id = $1 AND action = 'participant.expired'`, [w.cycleId]);
      expect(expired).toEqual([{ reason: 'место освободилось: срок подтверждения истёк' }]);
      // its link now says so
      const old = await visitor.get(await offerLinkOfTrack(w.emails[1], 1));
      expect(old.status).toBe(410);
      // run again (or on a second process): nothing more happens
      const before = (await t.ds.query(`SELECT count(*)::int AS n FROM audit_event WHERE cycle_id = $1`, [w.cycleId]))[0].n;
      await Promise.all([task.run(t.ds, after), task.run(t.ds, after)]);
      expect((await t.ds.query(`SELECT count(*)::int AS n FROM audit_event WHERE cycle_id = $1`, [w.cycleId]))[0].n).toBe(before);
    });

    /** The link of the n-th offer (0-based) mailed to an address. */
    async function offerLinkOfTrack(email: string, n: number): Promise<string> {
      const mails = await queuedMail(t.ds, { kind: 'programme_offer', toEmail: email });
      return /\/participation\/[A-Za-z0-9_-]+/.exec(mails[n].text)![0];
    }
  });

  it('never over-fills a track when several decline at once', async () => {
    // two tracks of two places; 4 placed, 4 on the reserves, everyone lists both
    const w = await approvedProgramme(t.ds, {
      tracks: [{ name: 'Хирургия', places: 2 }, { name: 'Эндокринология', places: 2 }],
      applicants: Array.from({ length: 8 }, (_, i) => ({ prefs: i % 2 ? [0, 1] : [1, 0] })),
    });
    const links = await Promise.all(w.emails.slice(0, 4).map((e) => offerLinkOf(t.ds, e)));
    const answers = await Promise.all(links.map((l) => decline(l)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const rows = await participantsOf(t.ds, w.cycleId);
    const occupying = rows.filter((r) => ['offered', 'confirmed'].includes(r.status));
    for (const track of w.trackIds) expect(occupying.filter((r) => r.trackId === track)).toHaveLength(2);
    // one place per person, and the engine agrees with the participants
    expect(new Set(occupying.map((r) => r.email)).size).toBe(occupying.length);
    const state = await stateOf(t, w.allocationId);
    expect(state.counts.map((c) => c.filled)).toEqual([2, 2]);
    const held = new Map(state.placements.filter((p) => p.track !== null).map((p) => [w.emails[w.nominations.indexOf(Number(p.applicant))], Number(p.track)]));
    expect(new Map(occupying.map((r) => [r.email, r.trackId]))).toEqual(held);
  });

  describe('the admin withdraws a confirmed participant («Отказ от участия»)', () => {
    let w: OfferWorld;
    let participantId: number;
    beforeAll(async () => {
      w = await approvedProgramme(t.ds, { tracks: [{ name: 'Педиатрия', places: 1 }], applicants: [{ prefs: [0] }, { prefs: [0] }] });
      await visitor.post(`${await offerLinkOf(t.ds, w.emails[0])}/confirm`).type('form').send({ _csrf: csrf });
      participantId = (await participantsOf(t.ds, w.cycleId))[0].id;
    });

    it('links the withdrawal from the participants list and asks for the reason', async () => {
      const list = await admin.agent.get(`/admin/tracks/${w.trackIds[0]}/participants`);
      expect(list.text).toContain(`href="/admin/participants/${participantId}/withdraw"`);
      const page = await admin.agent.get(`/admin/participants/${participantId}/withdraw`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Врачова-1 Анна Сергеевна');
      const empty = await admin.agent.post(`/admin/participants/${participantId}/withdraw`).type('form').send({ _csrf: admin.csrf, reason: '  ' });
      expect(empty.status).toBe(400);
      expect(empty.text).toContain('field-error');
      expect((await participantsOf(t.ds, w.cycleId))[0].status).toBe('confirmed');
    });

    it('records the withdrawal with its reason and offers the place to the reserve', async () => {
      const res = await admin.agent.post(`/admin/participants/${participantId}/withdraw`).type('form').send({ _csrf: admin.csrf, reason: 'Заявление участника от 12.03' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/admin/tracks/${w.trackIds[0]}/participants`);
      const rows = await participantsOf(t.ds, w.cycleId);
      expect(rows.map((r) => [r.email, r.status])).toEqual([[w.emails[0], 'withdrawn'], [w.emails[1], 'offered']]);
      const [audit] = await t.ds.query(`SELECT actor_id, reason FROM audit_event WHERE action = 'participant.withdrawn' AND entity_id = $1`, [String(participantId)]);
      expect(audit.reason).toBe('Заявление участника от 12.03');
      expect(audit.actor_id).not.toBeNull();
      const placed = await t.ds.query(`SELECT reason FROM audit_event WHERE cycle_id = $1 AND action = 'reserve.placed'`, [w.cycleId]);
      expect(placed).toEqual([{ reason: 'место освободилось: отказ от участия' }]);
      expect(await queuedMail(t.ds, { kind: 'programme_offer', toEmail: w.emails[1] })).toHaveLength(1);
    });

    it('refuses to withdraw twice, or once training started (409), and 404 for no such participant', async () => {
      const again = await admin.agent.post(`/admin/participants/${participantId}/withdraw`).type('form').send({ _csrf: admin.csrf, reason: 'ещё раз' });
      expect(again.status).toBe(409);
      expect(again.text).toContain('Снять можно только участника, подтвердившего участие');
      const other = (await participantsOf(t.ds, w.cycleId))[1].id;
      await t.ds.query(`UPDATE participant SET status = 'confirmed', offer_token_hash = NULL WHERE id = $1`, [other]);
      await t.ds.query(`UPDATE cycle SET status = 'training' WHERE id = $1`, [w.cycleId]);
      const late = await admin.agent.post(`/admin/participants/${other}/withdraw`).type('form').send({ _csrf: admin.csrf, reason: 'Заболел' });
      expect(late.status).toBe(409);
      expect(late.text).toContain('сейчас программа на этапе «обучение»');
      expect((await admin.agent.get(`/admin/tracks/${w.trackIds[0]}/participants`)).text).not.toContain('/withdraw"');
      expect((await admin.agent.get('/admin/participants/999999/withdraw')).status).toBe(404);
      expect((await admin.agent.post('/admin/participants/999999/withdraw').type('form').send({ _csrf: admin.csrf, reason: 'x' })).status).toBe(404);
    });
  });
  it('starts training only once every offer is answered or expired', async () => {
    const w = await approvedProgramme(t.ds, { tracks: [{ name: 'Онкология', places: 1 }], applicants: [{ prefs: [0] }] });
    const versionOf = async () => String((await t.ds.query(`SELECT version FROM cycle WHERE id = $1`, [w.cycleId]))[0].version);
    const move = async () => admin.agent.post(`/admin/cycles/${w.cycleId}/phase`).type('form').send({ _csrf: admin.csrf, to: 'training', version: await versionOf() });
    const preview = await admin.agent.get(`/admin/cycles/${w.cycleId}/phase?to=training`);
    expect(preview.text).toContain('1 участник ещё не ответил на предложение места.');
    expect((await move()).status).toBe(409);
    await visitor.post(`${await offerLinkOf(t.ds, w.emails[0])}/confirm`).type('form').send({ _csrf: csrf });
    expect((await move()).status).toBe(303);
    expect((await t.ds.query(`SELECT status FROM cycle WHERE id = $1`, [w.cycleId]))[0].status).toBe('training');
  });
});
