import { signIn, useTestApp, type Agent } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import type { NominationStatus } from '../../src/nominations/nomination.entity';

describe('the admin screens a cycle\'s nominations in a list', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let krasnogorsk: number;
  let shchyolkovo: number;
  let officerId: number;
  let cycleId: number;
  let categoryA: number;
  let categoryB: number;
  const ids: Record<string, number> = {};

  const nominate = async (key: string, o: { cycleId?: number; categoryId?: number; municipalityId?: number; status: NominationStatus; lastName: string }) => {
    const n = await createNomination(t.ds, {
      cycleId: o.cycleId ?? cycleId, categoryId: o.categoryId ?? categoryA, municipalityId: o.municipalityId ?? krasnogorsk, authorId: officerId,
      status: o.status, nominee: { lastName: o.lastName },
    });
    ids[key] = n.id;
  };
  const statusOf = async (id: number) => (await t.ds.query(`SELECT status FROM nomination WHERE id = $1`, [id]))[0].status;

  beforeAll(async () => {
    krasnogorsk = await municipalityId(t.ds, 'Красногорск');
    shchyolkovo = await municipalityId(t.ds, 'Щёлково');
    officerId = await userId(t.ds, 'officer@example.org');
    const { cycle, categories } = await createCycle(t.ds, { categories: [{ name: 'Лучший участковый педиатр' }, { name: 'Молодой специалист' }] });
    [cycleId, categoryA, categoryB] = [cycle.id, categories[0].id, categories[1].id];
    await nominate('submittedA', { status: 'submitted', lastName: 'Агеева' });
    await nominate('submittedShch', { status: 'submitted', lastName: 'Борисова', municipalityId: shchyolkovo });
    await nominate('submittedB', { status: 'submitted', lastName: 'Васильева', categoryId: categoryB });
    await nominate('accepted', { status: 'accepted', lastName: 'Григорьева' });
    await nominate('returned', { status: 'returned', lastName: 'Дмитриева', municipalityId: shchyolkovo });
    await nominate('rejected', { status: 'rejected', lastName: 'Егорова', categoryId: categoryB });
    await nominate('draft', { status: 'draft', lastName: 'Черновикова' });
    await nominate('script', { status: 'submitted', lastName: '<script>alert(1)</script>', categoryId: categoryB, municipalityId: shchyolkovo });
    const other = await createCycle(t.ds, { name: 'Другой конкурс' });
    await nominate('otherCycle', { status: 'submitted', lastName: 'Чужакова', cycleId: other.cycle.id, categoryId: other.categories[0].id });
    admin = await signIn(t.app, 'admin@example.org');
  });

  it('lists the cycle\'s nominations without drafts or other cycles\', with the nominee, municipality, category, status and time', async () => {
    const res = await admin.agent.get(`/admin/cycles/${cycleId}/nominations`).expect(200);
    for (const name of ['Агеева', 'Борисова', 'Васильева', 'Григорьева', 'Дмитриева', 'Егорова']) expect(res.text).toContain(`${name} Мария Петровна`);
    expect(res.text).not.toContain('Черновикова');
    expect(res.text).not.toContain('Чужакова');
    expect(res.text).toContain('Щёлково');
    expect(res.text).toContain('Молодой специалист');
    expect(res.text).toContain('возвращена на доработку');
    expect(res.text).toContain(`href="/admin/nominations/${ids.submittedA}"`);
    expect(res.text).toMatch(/\d{1,2} [а-я]+ \d{4} г\.,? (в )?\d{2}:\d{2}/); // submitted at, in the region's words
  });

  it('shows counts per status and per category above the list', async () => {
    const res = await admin.agent.get(`/admin/cycles/${cycleId}/nominations`);
    expect(res.text).toContain('все: 7');
    expect(res.text).toContain('подана: 4');
    expect(res.text).toContain('допущена: 1');
    expect(res.text).toContain('отклонена: 1');
    expect(res.text).toContain('Лучший участковый педиатр: 4');
    expect(res.text).toContain('Молодой специалист: 3');
    // counts follow the other filters: Щёлково has two submitted nominations and one returned
    const shch = await admin.agent.get(`/admin/cycles/${cycleId}/nominations?municipalityId=${shchyolkovo}`);
    expect(shch.text).toContain('все: 3');
    expect(shch.text).toContain('подана: 2');
    expect(shch.text).toContain('Лучший участковый педиатр: 2');
  });

  it('filters by category, municipality and status, keeping the chosen values in the selects', async () => {
    const res = await admin.agent.get(`/admin/cycles/${cycleId}/nominations?categoryId=${categoryA}&municipalityId=${krasnogorsk}&status=submitted`).expect(200);
    expect(res.text).toContain('Агеева');
    for (const name of ['Борисова', 'Васильева', 'Григорьева', 'Дмитриева', 'Егорова']) expect(res.text).not.toContain(name);
    expect(res.text).toContain(`<option value="${categoryA}" selected>`);
    expect(res.text).toContain(`<option value="${krasnogorsk}" selected>`);
    expect(res.text).toContain(`<option value="submitted" selected>`);
    const returned = await admin.agent.get(`/admin/cycles/${cycleId}/nominations?status=returned`);
    expect(returned.text).toContain('Дмитриева');
    expect(returned.text).not.toContain('Агеева');
  });

  it('ignores filter values that are not choices of this cycle instead of failing', async () => {
    for (const q of ['status=draft', 'status=<script>', 'categoryId=999999', 'municipalityId=abc', 'page=-1', 'page=99999']) {
      const res = await admin.agent.get(`/admin/cycles/${cycleId}/nominations?${q}`);
      expect({ q, status: res.status }).toEqual({ q, status: 200 });
      expect(res.text).toContain('Агеева');
    }
  });

  it('shows a nominee named <script> as inert text', async () => {
    const res = await admin.agent.get(`/admin/cycles/${cycleId}/nominations`);
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).not.toContain('<script>alert(1)</script>');
  });

  it('offers a labelled checkbox only on submitted rows', async () => {
    const res = await admin.agent.get(`/admin/cycles/${cycleId}/nominations`);
    expect(res.text).toContain(`<label class="pick"><input type="checkbox" name="ids" value="${ids.submittedA}"> ${ids.submittedA}</label>`);
    expect(res.text).not.toContain(`name="ids" value="${ids.accepted}"`);
    expect(res.text).toContain('Допустить выбранные');
  });

  it('pages by 50 with links to the pages, keeping the filters', async () => {
    const { cycle, categories } = await createCycle(t.ds, { name: 'Большой конкурс' });
    for (let i = 0; i < 120; i++) {
      await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: krasnogorsk, authorId: officerId, status: 'submitted', nominee: { lastName: `Номинантова${String(i).padStart(3, '0')}` } });
    }
    const first = await admin.agent.get(`/admin/cycles/${cycle.id}/nominations?status=submitted`);
    expect(first.text.match(/name="ids"/g)).toHaveLength(50);
    expect(first.text).toContain('Показаны 1–50 из 120.');
    expect(first.text).toContain(`href="/admin/cycles/${cycle.id}/nominations?status&#x3D;submitted&amp;page&#x3D;3"`);
    const third = await admin.agent.get(`/admin/cycles/${cycle.id}/nominations?status=submitted&page=3`);
    expect(third.text.match(/name="ids"/g)).toHaveLength(20);
    expect(third.text).toContain('Показаны 101–120 из 120.');
    expect(third.text).toContain('<strong aria-current="page">3</strong>');
  });

  it('accepts the ticked submitted nominations at once and reports what it skipped', async () => {
    const res = await admin.agent.post(`/admin/cycles/${cycleId}/nominations/accept`).type('form')
      .send(`_csrf=${encodeURIComponent(admin.csrf)}&ids=${ids.submittedA}&ids=${ids.submittedB}&ids=${ids.accepted}&ids=${ids.returned}&ids=${ids.otherCycle}&ids=999999&ids=abc&status=submitted&page=1`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/admin/cycles/${cycleId}/nominations?status=submitted`);
    expect(await statusOf(ids.submittedA)).toBe('accepted');
    expect(await statusOf(ids.submittedB)).toBe('accepted');
    expect(await statusOf(ids.returned)).toBe('returned');
    expect(await statusOf(ids.otherCycle)).toBe('submitted'); // another cycle's nomination is not reachable from this list
    const page = await admin.agent.get(res.headers.location);
    expect(page.text).toContain('Допущено заявок: 2. Пропущено: 5');
    const adminId = await userId(t.ds, 'admin@example.org');
    const events = await t.ds.query(`SELECT entity_id, actor_id, action, from_state, to_state FROM audit_event WHERE entity = 'nomination' AND action = 'nomination.accept' ORDER BY entity_id::int`);
    expect(events).toEqual([ids.submittedA, ids.submittedB].sort((a, b) => a - b).map((id) => ({ entity_id: String(id), actor_id: adminId, action: 'nomination.accept', from_state: 'submitted', to_state: 'accepted' })));
  });

  it('shows the same list again with a message when nothing was ticked (422), keeping the filters, and accepts nothing', async () => {
    const before = await t.ds.query(`SELECT count(*)::int AS n FROM nomination WHERE status = 'accepted'`);
    const res = await admin.agent.post(`/admin/cycles/${cycleId}/nominations/accept`).type('form').send({ _csrf: admin.csrf, status: 'submitted', categoryId: String(categoryA), page: '1' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('<p class="flash flash-error" role="alert">Ничего не отмечено. Отметьте в первом столбце хотя бы одну поданную заявку');
    expect(res.text).toContain('<option value="submitted" selected>');
    expect(res.text).toContain(`<input type="hidden" name="categoryId" value="${categoryA}">`);
    expect(res.text).toContain(`name="ids" value="${ids.submittedShch}"`);
    expect(res.text).not.toContain('Васильева'); // another category: the filter holds
    const garbage = await admin.agent.post(`/admin/cycles/${cycleId}/nominations/accept`).type('form').send({ _csrf: admin.csrf, ids: 'abc' });
    expect(garbage.status).toBe(422);
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM nomination WHERE status = 'accepted'`)).toEqual(before);
  });

  it('says «nothing is ticked» in English too', async () => {
    const english = await signIn(t.app, 'admin@example.org');
    await english.agent.get('/lang/en');
    const res = await english.agent.post(`/admin/cycles/${cycleId}/nominations/accept`).type('form').send({ _csrf: english.csrf });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Nothing is ticked. Tick at least one submitted nomination');
  });

  it('accepts nothing once the cycle has left the screening phases, and says why', async () => {
    const { cycle, categories } = await createCycle(t.ds, { status: 'judging' });
    const n = await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: krasnogorsk, authorId: officerId, status: 'submitted' });
    const list = await admin.agent.get(`/admin/cycles/${cycle.id}/nominations`);
    expect(list.text).not.toContain('name="ids"');
    expect(list.text).toContain('решения о допуске не принимаются');
    const res = await admin.agent.post(`/admin/cycles/${cycle.id}/nominations/accept`).type('form').send({ _csrf: admin.csrf, ids: String(n.id) });
    expect((await admin.agent.get(res.headers.location)).text).toContain('решения о допуске не принимаются');
    expect(await statusOf(n.id)).toBe('submitted');
  });

  it('answers 404 for a cycle that does not exist or a malformed id', async () => {
    expect((await admin.agent.get('/admin/cycles/999999/nominations')).status).toBe(404);
    expect((await admin.agent.get('/admin/cycles/abc/nominations')).status).toBe(404);
    expect((await admin.agent.post('/admin/cycles/999999/nominations/accept').type('form').send({ _csrf: admin.csrf, ids: '1' })).status).toBe(404);
  });

  it.each(['officer@example.org', 'juror@example.org'])('refuses %s the screening pages and exports with 403', async (email) => {
    const { agent, csrf } = await signIn(t.app, email);
    for (const url of [`/admin/cycles/${cycleId}/nominations`, `/admin/nominations/${ids.submittedShch}`, `/admin/cycles/${cycleId}/nominations.csv`, `/admin/cycles/${cycleId}/nominations.xlsx`, '/admin/audit']) {
      expect({ url, status: (await agent.get(url)).status }).toEqual({ url, status: 403 });
    }
    const post = await agent.post(`/admin/cycles/${cycleId}/nominations/accept`).type('form').send({ _csrf: csrf, ids: String(ids.submittedShch) });
    expect(post.status).toBe(403);
    const decide = await agent.post(`/admin/nominations/${ids.submittedShch}/decision`).type('form').send({ _csrf: csrf, decision: 'accept', reason: '', version: '1' });
    expect(decide.status).toBe(403);
    expect(await statusOf(ids.submittedShch)).toBe('submitted');
  });
});
