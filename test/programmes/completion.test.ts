import { signIn, useTestApp, type Agent } from '../support/harness';
import { subscribeInTransaction } from '../../src/domain-events';
import { insertParticipant, insertProgramme, insertTrack, statusOf } from './completion-fixtures';

describe('marking the outcomes of a track once it has ended', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let trackId: number;
  let futureTrackId: number;
  let anna: number, boris: number, vera: number, galina: number;
  const heard: Array<{ name: string; ids: number[] }> = [];
  const unsubscribe: Array<() => void> = [];

  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
    const cycleId = await insertProgramme(t.ds, 'training');
    trackId = await insertTrack(t.ds, cycleId, { name: 'Неонатология', host: 'НМИЦ здоровья детей', endDate: '2026-11-27', hours: 144 });
    futureTrackId = await insertTrack(t.ds, cycleId, { name: 'Детская кардиология', host: 'НМИЦ ССХ им. Бакулева', startDate: '2027-03-01', endDate: '2027-03-26', hours: 72, sortOrder: 1 });
    anna = await insertParticipant(t.ds, trackId, { lastName: 'Аксёнова', status: 'confirmed' });
    boris = await insertParticipant(t.ds, trackId, { lastName: 'Борисова', status: 'confirmed' });
    vera = await insertParticipant(t.ds, trackId, { lastName: 'Воронова', status: 'confirmed' });
    galina = await insertParticipant(t.ds, trackId, { lastName: 'Гусева', status: 'declined' });
    await insertParticipant(t.ds, futureTrackId, { lastName: 'Дёмина', status: 'confirmed' });
    for (const name of ['participant.completed', 'participant.outcomeChanged'] as const) {
      unsubscribe.push(subscribeInTransaction(name, (e) => void heard.push({ name, ids: e.participantIds })));
    }
  });
  afterAll(() => unsubscribe.forEach((u) => u()));

  it('lists those holding a place, with the track’s hours offered as the default, and not those who declined', async () => {
    const page = await admin.agent.get(`/admin/tracks/${trackId}/completion`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Итоги обучения: «Неонатология»');
    expect(page.text).toContain(`name="hours_${anna}" id="hours_${anna}" inputmode="numeric" pattern="[0-9]*" size="4" value="144"`);
    expect(page.text).not.toContain(`participant-${galina}`);
    expect(page.text).toMatch(/id="count-awaiting">3</);
  });

  it('refuses hours over the track’s and a «not completed» without a reason with 400, keeping what was typed and saving nothing', async () => {
    const res = await admin.agent.post(`/admin/tracks/${trackId}/completion`).type('form').send({
      _csrf: admin.csrf, [`outcome_${anna}`]: 'complete', [`hours_${anna}`]: '200', [`outcome_${boris}`]: 'fail', [`reason_${boris}`]: '',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Итоги не сохранены: исправьте отмеченные поля.');
    expect(res.text).toContain('Укажите целое число часов от 1 до 144.');
    expect(res.text).toContain('Укажите причину.');
    expect(res.text).toContain(`value="200" aria-label`);
    expect(res.text).toMatch(new RegExp(`name="outcome_${boris}"[^>]*>[\\s\\S]*?<option value="fail" selected>`));
    expect((await statusOf(t.ds, anna)).status).toBe('confirmed');
    expect((await statusOf(t.ds, boris)).status).toBe('confirmed');
  });

  it('marks in bulk: completed with the hours attended, not completed with the reason; rows left at «—» stay as they are', async () => {
    const adminId = (await t.ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`))[0].id;
    const res = await admin.agent.post(`/admin/tracks/${trackId}/completion`).type('form').send({
      _csrf: admin.csrf, [`outcome_${anna}`]: 'complete', [`hours_${anna}`]: '140', [`outcome_${boris}`]: 'fail', [`reason_${boris}`]: 'Болезнь, пропущено 3 недели', [`outcome_${vera}`]: '',
    });
    expect(res.status).toBe(303);
    expect(await statusOf(t.ds, anna)).toEqual({ status: 'completed', hours: 140, reason: null, byId: adminId });
    expect(await statusOf(t.ds, boris)).toEqual({ status: 'not_completed', hours: null, reason: 'Болезнь, пропущено 3 недели', byId: adminId });
    expect((await statusOf(t.ds, vera)).status).toBe('confirmed');
    const page = await admin.agent.get(res.headers.location);
    expect(page.text).toContain('Итоги сохранены: завершили — 1, не завершили — 1.');
    expect(page.text).toContain('Болезнь, пропущено 3 недели');
    const audit = await t.ds.query(`SELECT action, reason FROM audit_event WHERE entity = 'participant' AND entity_id IN ($1, $2) ORDER BY id`, [String(anna), String(boris)]);
    expect(audit).toEqual([{ action: 'participant.completed', reason: null }, { action: 'participant.notCompleted', reason: 'Болезнь, пропущено 3 недели' }]);
    expect(heard).toEqual([{ name: 'participant.completed', ids: [anna] }]);
  });

  it('corrects one outcome until the programme is closed: reopened and marked again, audited, the change announced', async () => {
    heard.length = 0;
    const res = await admin.agent.post(`/admin/tracks/${trackId}/completion/participants/${anna}`).type('form').send({ _csrf: admin.csrf, outcome: 'fail', hours: '', reason: 'Не сдала итоговую аттестацию' });
    expect(res.status).toBe(303);
    expect(await statusOf(t.ds, anna)).toMatchObject({ status: 'not_completed', hours: null, reason: 'Не сдала итоговую аттестацию' });
    const actions = (await t.ds.query(`SELECT action FROM audit_event WHERE entity = 'participant' AND entity_id = $1 ORDER BY id`, [String(anna)])).map((a: { action: string }) => a.action);
    expect(actions).toEqual(['participant.completed', 'participant.outcomeReopened', 'participant.notCompleted']);
    expect(heard).toEqual([{ name: 'participant.outcomeChanged', ids: [anna] }]);
    // and back, with fewer hours: the certificate is revoked (changed) and issued again (completed)
    heard.length = 0;
    await admin.agent.post(`/admin/tracks/${trackId}/completion/participants/${anna}`).type('form').send({ _csrf: admin.csrf, outcome: 'complete', hours: '120', reason: '' });
    expect(await statusOf(t.ds, anna)).toMatchObject({ status: 'completed', hours: 120, reason: null });
    expect(heard).toEqual([{ name: 'participant.outcomeChanged', ids: [anna] }, { name: 'participant.completed', ids: [anna] }]);
  });

  it('refuses a correction with hours over the track’s with 400, the row’s form open with what was typed', async () => {
    const res = await admin.agent.post(`/admin/tracks/${trackId}/completion/participants/${anna}`).type('form').send({ _csrf: admin.csrf, outcome: 'complete', hours: '145', reason: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Укажите целое число часов от 1 до 144.');
    expect(res.text).toContain(`id="correct-hours-${anna}" inputmode="numeric" pattern="[0-9]*" value="145"`);
    expect((await statusOf(t.ds, anna)).hours).toBe(120);
  });

  it('refuses to mark before the track has ended with 409, saying from when', async () => {
    const page = await admin.agent.get(`/admin/tracks/${futureTrackId}/completion`);
    expect(page.text).toContain('Отметить итоги можно после окончания направления — с 26 марта 2027 г.');
    const [p] = await t.ds.query(`SELECT id FROM participant WHERE track_id = $1`, [futureTrackId]);
    const res = await admin.agent.post(`/admin/tracks/${futureTrackId}/completion`).type('form').send({ _csrf: admin.csrf, [`outcome_${p.id}`]: 'complete', [`hours_${p.id}`]: '72' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Направление ещё не закончилось: итоги можно отметить с 26 марта 2027 г.');
    expect((await statusOf(t.ds, p.id)).status).toBe('confirmed');
  });

  it('refuses outside training and completion with 409 (a closed programme keeps its outcomes)', async () => {
    const closed = await insertProgramme(t.ds, 'closed');
    const track = await insertTrack(t.ds, closed, { name: 'Педиатрия', host: 'НМИЦ здоровья детей', startDate: '2026-10-01', endDate: '2026-10-30' });
    const p = await insertParticipant(t.ds, track, { lastName: 'Егорова', status: 'completed', hours: 144 });
    const res = await admin.agent.post(`/admin/tracks/${track}/completion/participants/${p}`).type('form').send({ _csrf: admin.csrf, outcome: 'fail', reason: 'Ошибка' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('сейчас программа на этапе «программа завершена»');
    expect((await statusOf(t.ds, p)).status).toBe('completed');
  });

  it('answers 404 for a track that does not exist, and for a participant of another track', async () => {
    expect((await admin.agent.get('/admin/tracks/999999/completion')).status).toBe(404);
    const [other] = await t.ds.query(`SELECT id FROM participant WHERE track_id = $1`, [futureTrackId]);
    const res = await admin.agent.post(`/admin/tracks/${trackId}/completion/participants/${other.id}`).type('form').send({ _csrf: admin.csrf, outcome: 'fail', reason: 'x' });
    expect(res.status).toBe(404);
  });
});
