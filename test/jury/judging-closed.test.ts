import { signIn, useTestApp, type Agent } from '../support/harness';
import { createJudgingScene } from '../support/jury-fixtures';
import { runAssignment } from '../../src/jury/assignments';
import { confirmNoConflict } from '../../src/jury/recusal';
import { windowState } from '../../src/jury/juror-view';

const at = (iso: string) => new Date(iso);

describe('what a juror is told about the judging window', () => {
  const w = { cycleStatus: 'judging' as const, judgingStart: at('2027-01-01T06:00:00Z'), judgingEnd: at('2027-01-03T06:00:00Z') };

  it('says the deadline passed only once it has, with its date', () => {
    expect(windowState(w, at('2027-01-03T06:00:00Z'))).toEqual({ open: false, messageKey: 'jury.window.closedOn', date: w.judgingEnd });
    expect(windowState({ ...w, cycleStatus: 'deliberation' }, at('2027-01-05T00:00:00Z'))).toEqual({ open: false, messageKey: 'jury.window.closedOn', date: w.judgingEnd });
  });

  it('says the committee closed it when judging ended before its date, or had no date', () => {
    expect(windowState({ ...w, cycleStatus: 'deliberation' }, at('2027-01-02T00:00:00Z'))).toEqual({ open: false, messageKey: 'jury.window.closedByCommittee', date: null });
    expect(windowState({ ...w, cycleStatus: 'published', judgingEnd: null }, at('2027-01-02T00:00:00Z'))).toEqual({ open: false, messageKey: 'jury.window.closedByCommittee', date: null });
  });

  it('says when it opens before it does, and until when it is open', () => {
    expect(windowState(w, at('2026-12-31T00:00:00Z'))).toEqual({ open: false, messageKey: 'jury.window.opensOn', date: w.judgingStart });
    expect(windowState(w, at('2027-01-02T00:00:00Z'))).toEqual({ open: true, messageKey: 'jury.window.openUntil', date: w.judgingEnd });
  });
});

describe('a juror after the admin closes judging early', () => {
  const t = useTestApp();
  let scene: Awaited<ReturnType<typeof createJudgingScene>>;
  let juror: { agent: Agent; csrf: string };
  beforeAll(async () => {
    scene = await createJudgingScene(t.ds);
    const admin = (await t.ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`))[0].id;
    await t.ds.transaction((m) => runAssignment(m, admin, scene.category.id));
    await t.ds.transaction((m) => confirmNoConflict(m, scene.jurors[0], scene.nominations[0].id));
    // The committee moved the cycle on while the judging end date is still ten days ahead.
    await t.ds.query(`UPDATE cycle SET status = 'deliberation' WHERE id = $1`, [scene.cycle.id]);
    juror = await signIn(t.app, 'juror@example.org');
  });
  const n = (i: number) => scene.nominations[i].id;
  const scores = () => Object.fromEntries(scene.criteria.map((c) => [`score_${c.id}`, '5']));

  it('reads on the scoring page that the committee closed it, not that a deadline still ahead has passed', async () => {
    const page = await juror.agent.get(`/jury/nominations/${n(0)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Оценка закрыта оргкомитетом.');
    expect(page.text).not.toContain('срок истёк');
    expect(page.text).not.toContain('name="action"');
  });

  it('gets a 409 saying the same when sending a scorecard, with what was typed kept', async () => {
    const res = await juror.agent.post(`/jury/nominations/${n(0)}/scorecard`).type('form').send({ _csrf: juror.csrf, action: 'submit', comment: 'успела?', ...scores() });
    expect(res.status).toBe(409);
    expect(res.text).toMatch(/role="alert">Оценка закрыта оргкомитетом\.</);
    expect(res.text).not.toContain('срок истёк');
    expect(res.text).toContain('успела?</textarea>');
  });

  it('says so on the confirmation page and its 409 too, and in English', async () => {
    const confirm = await juror.agent.post(`/jury/nominations/${n(2)}/confirm`).type('form').send({ _csrf: juror.csrf });
    expect(confirm.status).toBe(409);
    expect(confirm.text).toContain('Оценка закрыта оргкомитетом.');
    await juror.agent.get('/lang/en').expect(303);
    const page = await juror.agent.get(`/jury/nominations/${n(0)}`);
    expect(page.text).toContain('Scoring was closed by the organizing committee.');
    const res = await juror.agent.post(`/jury/nominations/${n(0)}/scorecard`).type('form').send({ _csrf: juror.csrf, action: 'save', ...scores() });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Scoring was closed by the organizing committee.');
    expect(res.text).not.toContain('deadline passed');
  });
});
