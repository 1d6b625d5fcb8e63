import { signIn, useTestApp, versionOf, type Agent } from '../support/harness';
import { auditOf, cycleRow } from '../support/cycle-fixtures';
import { nextCycleCode } from '../support/fixtures';
import { advancePhasesByClock } from '../../src/cycles/phase-clock';
import { checkMove, manualTransitionFrom, PHASES_OF } from '../../src/cycles/phases';

/** A programme inserted straight in the database, in the given phase, with its applications window. */
async function insertProgramme(ds: ReturnType<typeof useTestApp>['ds'], status: string, over: { judgingEnd?: string | null; nominationsEnd?: string } = {}) {
  const [row] = await ds.query(
    `INSERT INTO cycle (region_id, name, slug, code, year, kind, status, nominations_start, nominations_end, judging_end)
     VALUES ((SELECT min(id) FROM region), 'Наш детский врач — стажировки 2027', $1, $2, 2027, 'programme', $3, '2026-01-10T06:00:00Z', $4, $5) RETURNING id, slug`,
    [`stazhirovki-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`, nextCycleCode(), status, over.nominationsEnd ?? '2099-03-01T20:59:00Z', over.judgingEnd ?? null],
  );
  return row as { id: number; slug: string };
}

async function insertTrack(ds: ReturnType<typeof useTestApp>['ds'], cycleId: number, name: string, places = 5) {
  await ds.query(
    `INSERT INTO track (cycle_id, name, host_institution, city, country, start_date, end_date, academic_hours, format, places, place_method)
     VALUES ($1, $2, 'Charité', 'Берлин', 'Германия', '2027-04-05', '2027-04-30', 144, 'in_person', $3, 'competitive')`,
    [cycleId, name, places],
  );
}

describe('the phases of a programme', () => {
  it('go from applications through selection to allocation, confirmation, training, completion and closing', () => {
    expect(PHASES_OF.programme).toEqual(['draft', 'nominations_open', 'screening', 'judging', 'allocation', 'confirmation', 'training', 'completion', 'closed']);
    const next = Object.fromEntries(PHASES_OF.programme.map((s) => [s, manualTransitionFrom(s, 'programme')?.to ?? null]));
    expect(next).toEqual({
      draft: 'nominations_open', nominations_open: 'screening', screening: 'judging', judging: 'allocation',
      allocation: 'confirmation', confirmation: 'training', training: 'completion', completion: 'closed', closed: null,
    });
  });

  it('never lead a programme into an award phase, nor an award into a programme phase', () => {
    const facts = { now: new Date('2026-02-01T09:00:00Z'), nominationsStart: null, nominationsEnd: null, categories: [], nominations: {} };
    expect(checkMove({ ...facts, status: 'judging', kind: 'programme' }, 'deliberation')).toEqual({ ok: false, reason: 'notAvailable' });
    expect(checkMove({ ...facts, status: 'judging', kind: 'award' }, 'allocation')).toEqual({ ok: false, reason: 'notAvailable' });
    expect(checkMove({ ...facts, status: 'judging' }, 'deliberation')).toMatchObject({ ok: true });
  });
});

describe('the admin moves a programme through its phases with the phase buttons', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
  });
  const move = async (id: number, to: string) => {
    const confirm = await admin.agent.get(`/admin/cycles/${id}/phase?to=${to}`);
    // a blocked move's page has no confirm button (and no version): the admin could only try with the stored one
    const version = confirm.text.includes('name="version"') ? versionOf(confirm.text) : String((await cycleRow(t.ds, id)).version);
    return { confirm, res: await admin.agent.post(`/admin/cycles/${id}/phase`).type('form').send({ _csrf: admin.csrf, to, version }) };
  };

  it('opens applications only once the programme has a track, and then shows its public page, linked from the home page', async () => {
    const programme = await insertProgramme(t.ds, 'draft');
    const blocked = await move(programme.id, 'nominations_open');
    expect(blocked.confirm.text).toContain('В программе нет ни одного направления — добавьте хотя бы одно.');
    expect(blocked.res.status).toBe(409);
    expect((await t.ds.query(`SELECT status FROM cycle WHERE id = $1`, [programme.id]))[0].status).toBe('draft');
    expect((await admin.agent.get(`/programmes/${programme.slug}`)).status).toBe(404);

    await insertTrack(t.ds, programme.id, 'Неонатология в Шарите', 4);
    await insertTrack(t.ds, programme.id, 'Детская хирургия', 6);
    const opened = await move(programme.id, 'nominations_open');
    expect(opened.confirm.text).toContain('публичная страница направлений откроется');
    expect(opened.res.status).toBe(303);
    expect((await cycleRow(t.ds, programme.id)).status).toBe('nominations_open');
    expect((await auditOf(t.ds, 'cycle', programme.id)).map((e: { action: string; to_state: string }) => [e.action, e.to_state])).toEqual([['cycle.phase', 'nominations_open']]);

    const page = await admin.agent.get(`/admin/cycles/${programme.id}`);
    expect(page.text).toContain('приём заявок');
    expect(page.text).toContain(`href="/programmes/${programme.slug}"`);

    const anonymous = await (await import('supertest')).default(t.app).get(`/programmes/${programme.slug}`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.text).toContain('Неонатология в Шарите');
    expect(anonymous.text).toContain('Charité, Берлин, Германия');
    expect(anonymous.text).toContain('Направления программы — всего 10 мест.');
    const home = await (await import('supertest')).default(t.app).get('/');
    expect(home.text).toContain(`<a href="/programmes/${programme.slug}">Наш детский врач — стажировки 2027</a>`);
  });

  it('closes the public page and freezes the tracks when applications close', async () => {
    const programme = await insertProgramme(t.ds, 'nominations_open');
    await insertTrack(t.ds, programme.id, 'Педиатрия', 3);
    await move(programme.id, 'screening').then(({ res }) => expect(res.status).toBe(303));
    const anonymous = await (await import('supertest')).default(t.app).get(`/programmes/${programme.slug}`);
    expect(anonymous.status).toBe(404);
    const page = await admin.agent.get(`/admin/cycles/${programme.id}`);
    expect(page.text).toContain('Начать отбор');
    expect(page.text).toContain('Этап «проверка заявок»: направления меняются только до окончания приёма заявок.');
    const [track] = await t.ds.query(`SELECT id FROM track WHERE cycle_id = $1`, [programme.id]);
    const refused = await admin.agent.post(`/admin/cycles/${programme.id}/tracks`).type('form').send({
      _csrf: admin.csrf, name: 'Поздно', hostInstitution: 'Клиника', city: 'Москва', country: 'Россия', startDate: '2027-05-01', endDate: '2027-05-10',
      academicHours: '36', format: 'remote', places: '2', placeMethod: 'competitive',
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('value="Поздно"');
    expect((await admin.agent.post(`/admin/tracks/${track.id}/delete`).type('form').send({ _csrf: admin.csrf })).status).toBe(303);
    expect(await t.ds.query(`SELECT id FROM track WHERE cycle_id = $1`, [programme.id])).toHaveLength(1);
  });

  it('moves from selection to allocation and on to closing, by the buttons, each move audited', async () => {
    const programme = await insertProgramme(t.ds, 'judging');
    for (const to of ['allocation', 'confirmation', 'training', 'completion', 'closed']) {
      const { confirm, res } = await move(programme.id, to);
      expect({ to, confirm: confirm.status, move: res.status }).toEqual({ to, confirm: 200, move: 303 });
    }
    expect((await cycleRow(t.ds, programme.id)).status).toBe('closed');
    expect((await auditOf(t.ds, 'cycle', programme.id)).map((e: { to_state: string }) => e.to_state)).toEqual(['allocation', 'confirmation', 'training', 'completion', 'closed']);
    const page = await admin.agent.get(`/admin/cycles/${programme.id}`);
    expect(page.text).toContain('программа завершена');
    expect((await move(programme.id, 'archived')).res.status).toBe(409);
  });

  it('closes selection by the clock into allocation, while an award in judging goes to deliberation', async () => {
    const programme = await insertProgramme(t.ds, 'judging', { judgingEnd: '2026-01-20T20:59:00Z', nominationsEnd: '2026-01-11T06:00:00Z' });
    const [award] = await t.ds.query(
      `INSERT INTO cycle (region_id, name, slug, code, year, status, judging_end) VALUES ((SELECT min(id) FROM region), 'Конкурс', $1, $2, 2027, 'judging', '2026-01-20T20:59:00Z') RETURNING id`,
      [`award-clock-${Date.now()}`, nextCycleCode()],
    );
    const moves = await advancePhasesByClock(t.ds, new Date('2026-01-21T00:00:00Z'));
    expect(moves.filter((mv) => mv.cycleId === programme.id || mv.cycleId === award.id).sort((a, b) => a.cycleId - b.cycleId)).toEqual([
      { cycleId: programme.id, from: 'judging', to: 'allocation' },
      { cycleId: award.id, from: 'judging', to: 'deliberation' },
    ].sort((a, b) => a.cycleId - b.cycleId));
  });
});
