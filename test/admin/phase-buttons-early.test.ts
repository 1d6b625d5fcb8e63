import { csrfOf, signIn, useTestApp, type Agent } from '../support/harness';
import { createCycle } from '../support/fixtures';
import { cycleRow, makeJuryReady } from '../support/cycle-fixtures';
import { completeFields, postForm, textOf } from '../support/officer-forms';
import { phaseDateProblems, PHASE_DATE_FIELDS, type PhaseDates } from '../../src/cycles/phase-dates';

const DAY = 24 * 3600 * 1000;

describe('a phase button pressed ahead of the planned dates starts the phase at once', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let officer: { agent: Agent; csrf: string };
  let juror: { agent: Agent; csrf: string };
  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
    officer = await signIn(t.app, 'officer@example.org');
    juror = await signIn(t.app, 'juror@example.org');
  });

  /** A draft cycle whose every phase is planned weeks ahead, 10 days each. */
  const plannedAhead = async () => {
    const at = (days: number) => new Date(Date.now() + days * DAY);
    return createCycle(t.ds, {
      status: 'draft',
      nominationsStart: at(10), nominationsEnd: at(20), screeningStart: at(20), screeningEnd: at(30),
      judgingStart: at(30), judgingEnd: at(40), deliberationStart: at(40), deliberationEnd: at(50),
    });
  };

  const datesOf = async (id: number): Promise<PhaseDates> => {
    const row = await cycleRow(t.ds, id);
    const column = (f: string) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    return Object.fromEntries(PHASE_DATE_FIELDS.map((f) => [f, row[column(f)] ? new Date(row[column(f)]) : null])) as PhaseDates;
  };

  /** Opens the confirmation page, then presses its main button. */
  const press = async (id: number, to: string) => {
    const page = await admin.agent.get(`/admin/cycles/${id}/phase?to=${to}`);
    expect(page.status).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(page.text)![1];
    const before = Date.now();
    const res = await admin.agent.post(`/admin/cycles/${id}/phase`).type('form').send({ _csrf: csrfOf(page.text), to, version, start: 'now' });
    expect(res.status).toBe(303);
    return { page: textOf(page.text), before, after: Date.now() };
  };
  const isNow = (d: Date | null, w: { before: number; after: number }) => !!d && d.getTime() >= w.before && d.getTime() <= w.after;

  it('walks every phase early: officers nominate, jurors score, and the dates stay in order at every step', async () => {
    const { cycle, categories } = await plannedAhead();
    const planned = await datesOf(cycle.id);

    // Открыть приём заявок, ten days early: the page says nominations start now instead of the planned date
    const open = await press(cycle.id, 'nominations_open');
    expect(open.page).toContain('Сроки, которые изменятся');
    expect(open.page).toContain('Начало приёма заявок');
    expect(open.page).toContain('этап начинается сейчас, раньше запланированного');
    expect(open.page).toContain('Только объявить: приём откроется');
    let dates = await datesOf(cycle.id);
    expect(isNow(dates.nominationsStart, open)).toBe(true);
    expect(dates.nominationsEnd).toEqual(planned.nominationsEnd);
    expect(phaseDateProblems(dates)).toEqual({});

    // … and the officer can nominate right away
    const submitted = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id), action: 'submit' });
    expect(submitted.status).toBe(303);
    const [nomination] = await t.ds.query(`SELECT id, status FROM nomination WHERE cycle_id = $1`, [cycle.id]);
    expect(nomination.status).toBe('submitted');

    // Закрыть приём заявок early: nominations end now, screening starts now
    const close = await press(cycle.id, 'screening');
    expect(close.page).toContain('Окончание приёма заявок');
    expect(close.page).toContain('текущий этап заканчивается сейчас, раньше запланированного');
    dates = await datesOf(cycle.id);
    expect(isNow(dates.nominationsEnd, close) && isNow(dates.screeningStart, close)).toBe(true);
    expect(phaseDateProblems(dates)).toEqual({});

    await t.ds.query(`UPDATE nomination SET status = 'accepted' WHERE id = $1`, [nomination.id]);
    await makeJuryReady(t.ds, categories[0].id);

    // Начать работу жюри early: the juror's page says scoring is open, and the juror scores at once
    const judge = await press(cycle.id, 'judging');
    expect(judge.page).toContain('Начало работы жюри');
    expect(judge.page).toContain('В этот срок этап закроется сам.');
    dates = await datesOf(cycle.id);
    expect(isNow(dates.screeningEnd, judge) && isNow(dates.judgingStart, judge)).toBe(true);
    expect(dates.judgingEnd).toEqual(planned.judgingEnd);
    expect(phaseDateProblems(dates)).toEqual({});
    const home = await juror.agent.get('/jury');
    expect(home.text).toContain('Оценка открыта до');
    expect(home.text).not.toContain('Оценка начнётся');
    const [criterion] = await t.ds.query(`SELECT id FROM criterion WHERE category_id = $1`, [categories[0].id]);
    await juror.agent.post(`/jury/nominations/${nomination.id}/confirm`).type('form').send({ _csrf: juror.csrf }).expect(303);
    const scored = await juror.agent.post(`/jury/nominations/${nomination.id}/scorecard`).type('form').send({ _csrf: juror.csrf, action: 'submit', [`score_${criterion.id}`]: '8' });
    expect(scored.status).toBe(303);
    expect((await t.ds.query(`SELECT status FROM scorecard WHERE nomination_id = $1`, [nomination.id]))[0].status).toBe('submitted');

    // Закрыть оценку early: judging ends now, deliberation starts now, and scoring is closed
    const deliberate = await press(cycle.id, 'deliberation');
    expect(deliberate.page).toContain('Окончание работы жюри');
    dates = await datesOf(cycle.id);
    expect(isNow(dates.judgingEnd, deliberate) && isNow(dates.deliberationStart, deliberate)).toBe(true);
    expect(dates.deliberationEnd).toEqual(planned.deliberationEnd);
    expect(phaseDateProblems(dates)).toEqual({});
    const late = await juror.agent.post(`/jury/nominations/${nomination.id}/scorecard`).type('form').send({ _csrf: juror.csrf, action: 'submit', [`score_${criterion.id}`]: '9' });
    expect(late.status).toBe(409);
  });

  it('may instead only announce nominations, which then open on their planned start', async () => {
    const { cycle } = await plannedAhead();
    const planned = await datesOf(cycle.id);
    const page = await admin.agent.get(`/admin/cycles/${cycle.id}/phase?to=nominations_open`);
    const res = await admin.agent.post(`/admin/cycles/${cycle.id}/phase`).type('form').send({ _csrf: csrfOf(page.text), to: 'nominations_open', version: '1', start: 'planned' });
    expect(res.status).toBe(303);
    expect(await cycleRow(t.ds, cycle.id)).toMatchObject({ status: 'nominations_open' });
    expect(await datesOf(cycle.id)).toEqual(planned);
    expect((await t.ds.query(`SELECT data FROM audit_event WHERE entity = 'cycle' AND entity_id = $1`, [String(cycle.id)]))[0].data).toBeNull();
  });

  it('keeps the planned dates of a phase started late', async () => {
    const ago = (days: number) => new Date(Date.now() - days * DAY);
    const { cycle } = await createCycle(t.ds, {
      status: 'nominations_open', nominationsStart: ago(20), nominationsEnd: ago(2), screeningStart: ago(2), screeningEnd: new Date(Date.now() + 5 * DAY),
    });
    const page = await admin.agent.get(`/admin/cycles/${cycle.id}/phase?to=screening`);
    expect(textOf(page.text)).not.toContain('Сроки, которые изменятся');
    const before = await datesOf(cycle.id);
    await admin.agent.post(`/admin/cycles/${cycle.id}/phase`).type('form').send({ _csrf: csrfOf(page.text), to: 'screening', version: '1' }).expect(303);
    expect(await datesOf(cycle.id)).toEqual(before);
  });

  it('refuses to start judging after its planned end, since the clock would close it at once, and links to the dates', async () => {
    const ago = (days: number) => new Date(Date.now() - days * DAY);
    const { cycle, categories } = await createCycle(t.ds, {
      status: 'screening', nominationsStart: ago(40), nominationsEnd: ago(30), screeningStart: ago(30), screeningEnd: ago(20), judgingStart: ago(20), judgingEnd: ago(1),
    });
    await t.ds.query(
      `INSERT INTO nomination (cycle_id, category_id, nominee_id, municipality_id, author_id, status)
       SELECT $1, $2, n.id, n.municipality_id, (SELECT id FROM app_user WHERE email = 'officer@example.org'), 'accepted'
         FROM nominee n ORDER BY n.id LIMIT 1`,
      [cycle.id, categories[0].id],
    );
    await makeJuryReady(t.ds, categories[0].id);
    const page = await admin.agent.get(`/admin/cycles/${cycle.id}/phase?to=judging`);
    expect(textOf(page.text)).toContain('Срок работы жюри уже истёк — перенесите его окончание, иначе оценка закроется сразу же.');
    expect(page.text).toContain(`href="/admin/cycles/${cycle.id}/edit"`);
    expect(page.text).not.toContain(`action="/admin/cycles/${cycle.id}/phase"`);
    const res = await admin.agent.post(`/admin/cycles/${cycle.id}/phase`).type('form').send({ _csrf: csrfOf(page.text), to: 'judging', version: '1' });
    expect(res.status).toBe(409);
    expect((await cycleRow(t.ds, cycle.id)).status).toBe('screening');
  });

  it('clears a planned end of screening that has already passed when nominations close late, and says so', async () => {
    const ago = (days: number) => new Date(Date.now() - days * DAY);
    const { cycle } = await createCycle(t.ds, { status: 'nominations_open', nominationsStart: ago(20), nominationsEnd: ago(10), screeningStart: ago(10), screeningEnd: ago(1) });
    const page = await admin.agent.get(`/admin/cycles/${cycle.id}/phase?to=screening`);
    expect(textOf(page.text)).toContain('запланированный срок уже прошёл — задайте новый в настройках конкурса');
    await admin.agent.post(`/admin/cycles/${cycle.id}/phase`).type('form').send({ _csrf: csrfOf(page.text), to: 'screening', version: '1' }).expect(303);
    expect((await datesOf(cycle.id)).screeningEnd).toBeNull();
  });

  it('lets the admin save the cycle form after a phase opened and closed within one minute', async () => {
    const { cycle } = await plannedAhead();
    await press(cycle.id, 'nominations_open');
    await press(cycle.id, 'screening');
    const form = await admin.agent.get(`/admin/cycles/${cycle.id}/edit`);
    const fields: Record<string, string> = {};
    for (const m of form.text.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1]] = m[2];
    for (const m of form.text.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</g)) fields[m[1]] = m[2];
    const saved = await admin.agent.post(`/admin/cycles/${cycle.id}`).type('form').send({ ...fields, _csrf: csrfOf(form.text) });
    expect(saved.status).toBe(303);
    expect(phaseDateProblems(await datesOf(cycle.id))).toEqual({});
  });
});
