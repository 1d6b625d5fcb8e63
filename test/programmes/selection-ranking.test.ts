import { signIn, useTestApp, type Agent } from '../support/harness';
import { createNomination, municipalityId, nextCycleCode, userId } from '../support/fixtures';
import { trackForm } from '../support/application-fixtures';
import { textOf } from '../support/officer-forms';
import { Criterion } from '../../src/jury/criterion.entity';
import { Panel, PanelMember } from '../../src/jury/panel.entity';
import { runAssignment } from '../../src/jury/assignments';
import { applicantsOf, applicationPeople, rankingsOf } from '../../src/programmes/selection';

const DAY = 24 * 3600 * 1000;

describe('the commission scores a programme’s applications, and its ranking feeds the allocation', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let juror: { agent: Agent; csrf: string };
  let cycleId: number;
  let rankingId: number;
  let criterionId: number;
  const track: Record<string, number> = {};
  const applications: number[] = [];
  const municipality: Record<string, number> = {};

  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
    juror = await signIn(t.app, 'juror@example.org');
    const post = (url: string, body: Record<string, unknown>) => admin.agent.post(url).type('form').send({ _csrf: admin.csrf, ...body });
    const res = await post('/admin/cycles', { kind: 'programme', name: 'Стажировки 2027', slug: `sel-${Date.now()}`, code: nextCycleCode(), year: '2027' });
    cycleId = Number(/\/admin\/cycles\/(\d+)$/.exec(res.headers.location)![1]);
    await post(`/admin/cycles/${cycleId}/tracks`, trackForm('Неонатология', { places: '1' })).expect(303);
    await post(`/admin/cycles/${cycleId}/tracks`, trackForm('Кардиология', { places: '2' })).expect(303);
    for (const r of await t.ds.query(`SELECT id, name, category_id FROM track WHERE cycle_id = $1`, [cycleId])) {
      track[r.name] = r.id;
      rankingId = r.category_id;
    }
    const now = Date.now();
    await t.ds.query(
      `UPDATE cycle SET status = 'judging', nominations_start = $2, nominations_end = $3, screening_start = $3, screening_end = $4, judging_start = $4, judging_end = $5 WHERE id = $1`,
      [cycleId, new Date(now - 30 * DAY), new Date(now - 20 * DAY), new Date(now - 10 * DAY), new Date(now + 10 * DAY)],
    );
    const [criterion] = await t.ds.getRepository(Criterion).save([{ categoryId: rankingId, name: 'Мотивация', weight: 1, scaleMin: 1, scaleMax: 10, sortOrder: 0, rubric: [] }]);
    criterionId = criterion.id;
    const jurorId = await userId(t.ds, 'juror@example.org');
    const panel = await t.ds.getRepository(Panel).save({ categoryId: rankingId, chairId: jurorId, assignmentMode: 'all', jurorsPerNomination: null });
    await t.ds.getRepository(PanelMember).save([{ panelId: panel.id, jurorId }]);
    const officer = await userId(t.ds, 'officer@example.org');
    // juror@ is from Подольск: these three are theirs to score
    const prefs = [['Неонатология', 'Кардиология'], ['Неонатология'], ['Кардиология', 'Неонатология']];
    for (const [i, name] of ['Красногорск', 'Химки', 'Мытищи'].entries()) {
      municipality[name] = await municipalityId(t.ds, name);
      const n = await createNomination(t.ds, { cycleId, categoryId: rankingId, municipalityId: municipality[name], authorId: officer, status: 'accepted', nominee: { lastName: `Заявитель${i}`, email: `z${i}@example.org` } });
      applications.push(n.id);
      for (const [rank, trackName] of prefs[i].entries()) await t.ds.query(`INSERT INTO track_preference (nomination_id, rank, track_id) VALUES ($1, $2, $3)`, [n.id, rank + 1, track[trackName]]);
    }
    const adminId = await userId(t.ds, 'admin@example.org');
    await t.ds.transaction((m) => runAssignment(m, adminId, rankingId));
  });

  it('shows the juror the motivation and the ranked tracks, and takes the scores', async () => {
    const post = (url: string, body: Record<string, unknown> = {}) => juror.agent.post(url).type('form').send({ _csrf: juror.csrf, ...body });
    for (const [i, id] of applications.entries()) {
      await post(`/jury/nominations/${id}/confirm`).expect(303);
      if (i === 0) {
        const page = textOf((await juror.agent.get(`/jury/nominations/${id}`)).text);
        expect(page).toContain('Направления по предпочтению 1. Неонатология; 2. Кардиология');
        expect(page).toContain('Двадцать лет ведёт участок');
      }
      const res = await post(`/jury/nominations/${id}/scorecard`, { action: 'submit', [`score_${criterionId}`]: String(9 - i * 2) });
      expect(res.status).toBe(303);
    }
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM scorecard WHERE status = 'submitted' AND nomination_id = ANY($1)`, [applications]))[0].n).toBe(3);
  });

  it('gives the allocation the ranking with each applicant’s rank and preferences, and who they are', async () => {
    await t.ds.query(`UPDATE cycle SET status = 'allocation' WHERE id = $1`, [cycleId]);
    expect(await rankingsOf(t.ds.manager, cycleId)).toEqual([{ categoryId: rankingId, name: 'Стажировки 2027', trackIds: [track['Неонатология'], track['Кардиология']] }]);
    const applicants = await applicantsOf(t.ds.manager, cycleId, rankingId);
    expect(applicants).toEqual([
      { id: String(applications[0]), municipality: String(municipality['Красногорск']), preferences: [String(track['Неонатология']), String(track['Кардиология'])], rank: 1 },
      { id: String(applications[1]), municipality: String(municipality['Химки']), preferences: [String(track['Неонатология'])], rank: 2 },
      { id: String(applications[2]), municipality: String(municipality['Мытищи']), preferences: [String(track['Кардиология']), String(track['Неонатология'])], rank: 3 },
    ]);
    const people = await applicationPeople(t.ds.manager, [applications[1]]);
    expect(people.get(applications[1])).toMatchObject({ lastName: 'Заявитель1', email: 'z1@example.org', municipalityName: 'Химки', municipalityId: municipality['Химки'] });
  });

  it('shows the ranking on the results page with the programme’s phase, and offers no winners to approve', async () => {
    const page = await admin.agent.get(`/admin/categories/${rankingId}/results`);
    expect(page.status).toBe(200);
    const text = textOf(page.text);
    expect(text).toContain('Заявитель0');
    expect(text).toContain('распределение мест');
    expect(page.text).not.toContain('id="deliberation"');
    const cycle = await admin.agent.get(`/admin/cycles/${cycleId}/results`);
    expect(cycle.status).toBe(200);
    expect(cycle.text).not.toContain('/results/approve');
    expect(cycle.text).not.toContain('/results/publish');
  });
});
