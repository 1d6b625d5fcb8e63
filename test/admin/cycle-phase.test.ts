import { csrfOf, signIn, useTestApp, type Agent } from '../support/harness';
import { auditOf, cycleRow, insertCategory, insertCycle, insertNomination, makeJuryReady } from '../support/cycle-fixtures';

describe('the admin moves a cycle to its next phase', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
  });

  /** Opens the confirmation page and, if it offers a button, confirms it. */
  const confirm = async (id: number, to: string) => {
    const page = await admin.agent.get(`/admin/cycles/${id}/phase?to=${to}`);
    const version = /name="version" value="(\d+)"/.exec(page.text)?.[1];
    const res = await admin.agent.post(`/admin/cycles/${id}/phase`).type('form').send({ _csrf: csrfOf(page.text), to, version: version ?? '1' });
    return { page, res };
  };
  const statusOf = async (id: number) => (await cycleRow(t.ds, id)).status;

  it('does not open nominations without a category and dates, and says which is missing', async () => {
    const id = await insertCycle(t.ds, { nominationsStart: null, nominationsEnd: null });
    const { page, res } = await confirm(id, 'nominations_open');
    expect(page.status).toBe(200);
    expect(page.text).toContain('В конкурсе нет ни одной номинации — добавьте хотя бы одну.');
    expect(page.text).toContain('Не заданы начало и окончание приёма заявок.');
    expect(page.text).not.toContain(`action="/admin/cycles/${id}/phase"`);
    expect(res.status).toBe(409);
    expect(res.text).toContain('В конкурсе нет ни одной номинации');
    expect(await statusOf(id)).toBe('draft');
    expect(await auditOf(t.ds, 'cycle', id)).toEqual([]);
  });

  it('opens nominations after saying what will change, in one audited step', async () => {
    const id = await insertCycle(t.ds);
    await insertCategory(t.ds, id, 'Участковый педиатр');
    const cyclePage = await admin.agent.get(`/admin/cycles/${id}`);
    expect(cyclePage.text).toContain(`href="/admin/cycles/${id}/phase?to=nominations_open"`);
    const { page, res } = await confirm(id, 'nominations_open');
    expect(page.text).toContain('Муниципальные специалисты смогут создавать и подавать заявки');
    expect(page.text).toContain('Открыть приём заявок');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/admin/cycles/${id}`);
    expect(await cycleRow(t.ds, id)).toMatchObject({ status: 'nominations_open', version: 2 });
    const [adminId] = await t.ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`);
    // opened ahead of the planned 1 February 2030: the log keeps the planned start and the one the button set
    const [entry] = await auditOf(t.ds, 'cycle', id);
    expect(entry).toMatchObject({ actor_id: adminId.id, action: 'cycle.phase', from_state: 'draft', to_state: 'nominations_open' });
    expect(entry.data.nominationsStart[0]).toBe('2030-02-01T06:00:00.000Z');
    expect(Date.parse(entry.data.nominationsStart[1])).toBeLessThanOrEqual(Date.now());
  });

  it('closes nominations without submitting anyone’s drafts', async () => {
    const id = await insertCycle(t.ds, { status: 'nominations_open' });
    const category = await insertCategory(t.ds, id, 'Неонатолог');
    const draft = await insertNomination(t.ds, id, category, 'draft');
    const { res } = await confirm(id, 'screening');
    expect(res.status).toBe(303);
    expect(await statusOf(id)).toBe('screening');
    expect((await t.ds.query(`SELECT status FROM nomination WHERE id = $1`, [draft]))[0].status).toBe('draft');
  });

  it('starts judging only when every submitted nomination is decided and one is accepted', async () => {
    const id = await insertCycle(t.ds, { status: 'screening' });
    const category = await insertCategory(t.ds, id, 'Детский хирург');
    const waiting = await insertNomination(t.ds, id, category, 'submitted');
    await insertNomination(t.ds, id, category, 'rejected');

    const blocked = await confirm(id, 'judging');
    expect(blocked.page.text).toContain('1 поданная заявка ещё ждёт решения о допуске.');
    expect(blocked.page.text).toContain('Нет ни одной допущенной заявки.');
    expect(blocked.res.status).toBe(409);
    expect(await statusOf(id)).toBe('screening');

    await t.ds.query(`UPDATE nomination SET status = 'accepted' WHERE id = $1`, [waiting]);
    const notReady = await confirm(id, 'judging');
    expect(notReady.page.text).toContain('«Детский хирург»');
    expect(notReady.res.status).toBe(409);
    await makeJuryReady(t.ds, category);
    const { res } = await confirm(id, 'judging');
    expect(res.status).toBe(303);
    expect(await statusOf(id)).toBe('judging');
  });

  it('closes judging, and archives a published cycle', async () => {
    const judging = await insertCycle(t.ds, { status: 'judging' });
    expect((await confirm(judging, 'deliberation')).res.status).toBe(303);
    expect(await statusOf(judging)).toBe('deliberation');
    const published = await insertCycle(t.ds, { status: 'published' });
    expect((await confirm(published, 'archived')).res.status).toBe(303);
    expect(await statusOf(published)).toBe('archived');
  });

  it('never offers approval or publication here, nor any skip or step back', async () => {
    const id = await insertCycle(t.ds, { status: 'deliberation' });
    const page = await admin.agent.get(`/admin/cycles/${id}`);
    expect(page.text).not.toContain('/phase?to=');
    for (const to of ['approved', 'published', 'draft', 'whatever']) {
      const { page: confirmation, res } = await confirm(id, to);
      expect({ to, get: confirmation.status, post: res.status }).toEqual({ to, get: 400, post: 409 });
      expect(confirmation.text).toContain('нельзя вручную перевести');
    }
    expect(await cycleRow(t.ds, id)).toMatchObject({ status: 'deliberation', version: 1 });
  });

  it('refuses a move confirmed on a page that is out of date', async () => {
    const id = await insertCycle(t.ds, { status: 'judging' });
    const page = await admin.agent.get(`/admin/cycles/${id}/phase?to=deliberation`);
    await t.ds.query(`UPDATE cycle SET version = version + 1 WHERE id = $1`, [id]);
    const res = await admin.agent.post(`/admin/cycles/${id}/phase`).type('form').send({ _csrf: csrfOf(page.text), to: 'deliberation', version: '1' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Конкурс уже изменился');
    expect(await statusOf(id)).toBe('judging');
  });

  it('answers 404 for a cycle that does not exist or a malformed id', async () => {
    expect((await admin.agent.get('/admin/cycles/99999/phase?to=screening')).status).toBe(404);
    expect((await admin.agent.get('/admin/cycles/x/phase?to=screening')).status).toBe(404);
    expect((await admin.agent.post('/admin/cycles/99999/phase').type('form').send({ _csrf: admin.csrf, to: 'screening', version: '1' })).status).toBe(404);
  });
});
