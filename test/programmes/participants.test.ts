import { signIn, useTestApp, type Agent } from '../support/harness';
import { nextCycleCode } from '../support/fixtures';
import { moveParticipant, IllegalParticipantMove } from '../../src/programmes/participant-lifecycle';

describe("a track's participants and its places", () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let cycleId: number;
  let trackId: number;
  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
    const res = await admin.agent
      .post('/admin/cycles')
      .type('form')
      .send({ _csrf: admin.csrf, kind: 'programme', name: 'Стажировки 2027', slug: `internships-${Date.now()}`, code: nextCycleCode(), year: '2027' });
    cycleId = Number(/\/admin\/cycles\/(\d+)$/.exec(res.headers.location)![1]);
    await admin.agent.post(`/admin/cycles/${cycleId}/tracks`).type('form').send({
      _csrf: admin.csrf, name: 'Неонатология', hostInstitution: 'НМИЦ здоровья детей', city: 'Москва', country: 'Россия', startDate: '2027-03-01',
      endDate: '2027-03-26', academicHours: '144', format: 'in_person', places: '6', quotaPerMunicipality: '', minYearsPractice: '0', placeMethod: 'competitive',
    });
    [{ id: trackId }] = await t.ds.query(`SELECT id FROM track WHERE cycle_id = $1`, [cycleId]);
    const [{ id: municipality }] = await t.ds.query(`SELECT id FROM municipality WHERE name = 'Красногорск'`);
    const people: Array<[string, string]> = [['a@example.org', 'offered'], ['b@example.org', 'offered'], ['c@example.org', 'confirmed'], ['d@example.org', 'declined'], ['e@example.org', 'completed']];
    for (const [email, status] of people) {
      await t.ds.query(
        `INSERT INTO participant (track_id, last_name, first_name, position, institution, municipality_id, email, source, status) VALUES ($1, 'Иванова', $2, 'Педиатр', 'Больница', $3, $4, 'allocation', $5)`,
        [trackId, email.slice(0, 1).toUpperCase(), municipality, email, status],
      );
    }
  });

  it('shows each track’s places confirmed, offered and free on the programme page', async () => {
    const page = await admin.agent.get(`/admin/cycles/${cycleId}`);
    // 6 places: 2 hold them (confirmed, completed), 2 are offered, the one who declined frees hers
    expect(page.text).toContain('подтверждено 2, ожидают 2, свободно 2');
    expect(page.text).toContain(`href="/admin/tracks/${trackId}/participants"`);
  });

  it('lists the participants with their status, and offers no import on a competitive track', async () => {
    const page = await admin.agent.get(`/admin/tracks/${trackId}/participants`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/id="count-places">6</);
    expect(page.text).toMatch(/id="count-confirmed">2</);
    expect(page.text).toMatch(/id="count-offered">2</);
    expect(page.text).toMatch(/id="count-free">2</);
    for (const status of ['место предложено', 'участие подтверждено', 'отказался', 'обучение пройдено']) expect(page.text).toContain(status);
    expect(page.text).toContain('Красногорск');
    expect(page.text).not.toContain('delegation-import');
  });

  it('keeps a track that has participants: deleting it is refused, saying why', async () => {
    const res = await admin.agent.post(`/admin/tracks/${trackId}/delete`).type('form').send({ _csrf: admin.csrf });
    expect(res.status).toBe(303);
    expect((await admin.agent.get(res.headers.location)).text).toContain('Направление нельзя удалить: на него уже записаны участники (5).');
    expect(await t.ds.query(`SELECT id FROM track WHERE id = $1`, [trackId])).toHaveLength(1);
  });

  it('answers 404 for a track that does not exist', async () => {
    expect((await admin.agent.get('/admin/tracks/999999/participants')).status).toBe(404);
    expect((await admin.agent.get('/admin/tracks/abc/participants')).status).toBe(404);
  });

  it('moves a participant only along the lifecycle, auditing each move without personal data', async () => {
    const [p] = await t.ds.query(`SELECT id, status, track_id AS "trackId" FROM participant WHERE email = 'a@example.org'`);
    await t.ds.transaction((m) => moveParticipant(m, p, 'confirm', { actorId: null, cycleId }));
    const [after] = await t.ds.query(`SELECT status, status_changed_at FROM participant WHERE id = $1`, [p.id]);
    expect(after.status).toBe('confirmed');
    expect(after.status_changed_at).not.toBeNull();
    const [audit] = await t.ds.query(`SELECT action, data, cycle_id FROM audit_event WHERE entity = 'participant' AND entity_id = $1`, [String(p.id)]);
    expect(audit).toEqual({ action: 'participant.confirmed', data: { trackId, from: 'offered', to: 'confirmed' }, cycle_id: cycleId });
    await expect(t.ds.transaction((m) => moveParticipant(m, { ...p, status: 'confirmed' }, 'decline', { actorId: null, cycleId }))).rejects.toBeInstanceOf(IllegalParticipantMove);
    // a stale status (someone moved it meanwhile) is refused, not overwritten
    await expect(t.ds.transaction((m) => moveParticipant(m, p, 'decline', { actorId: null, cycleId }))).rejects.toThrow(/changed under a move/);
    expect((await t.ds.query(`SELECT status FROM participant WHERE id = $1`, [p.id]))[0].status).toBe('confirmed');
  });

  it('keeps one address per track, and a municipality or an organisation for everyone', async () => {
    await expect(
      t.ds.query(`INSERT INTO participant (track_id, last_name, first_name, position, institution, organisation, email, source, status) VALUES ($1, 'X', 'Y', 'P', 'I', 'Org', 'c@example.org', 'delegation', 'confirmed')`, [trackId]),
    ).rejects.toThrow();
    await expect(
      t.ds.query(`INSERT INTO participant (track_id, last_name, first_name, position, institution, email, source, status) VALUES ($1, 'X', 'Y', 'P', 'I', 'z@example.org', 'delegation', 'confirmed')`, [trackId]),
    ).rejects.toThrow();
  });
});
