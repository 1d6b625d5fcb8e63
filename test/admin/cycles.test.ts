import { csrfOf, signIn, useTestApp } from '../support/harness';
import { auditOf, cycleRow, insertCycle } from '../support/cycle-fixtures';

const form = (over: Record<string, string> = {}) => ({
  name: 'Лучший детский врач Подмосковья — 2026',
  slug: 'best-pediatrician-2026',
  code: 'PED',
  year: '2026',
  description: 'Ежегодный конкурс.',
  nominationsStart: '2026-02-01T09:00',
  nominationsEnd: '2026-03-01T23:59',
  screeningStart: '2026-03-02T09:00',
  screeningEnd: '2026-03-15T18:00',
  judgingStart: '2026-03-16T09:00',
  judgingEnd: '2026-04-15T18:00',
  deliberationStart: '',
  deliberationEnd: '',
  ...over,
});

describe('the admin sets up award cycles', () => {
  const t = useTestApp();

  it('creates a draft cycle with dates typed on Moscow clocks, stored in UTC and shown back the same way', async () => {
    const { agent, csrf } = await signIn(t.app, 'admin@example.org');
    const res = await agent.post('/admin/cycles').type('form').send({ _csrf: csrf, ...form() });
    expect(res.status).toBe(303);
    const id = Number(/\/admin\/cycles\/(\d+)$/.exec(res.headers.location)![1]);
    const row = await cycleRow(t.ds, id);
    expect(row).toMatchObject({ status: 'draft', code: 'PED', year: 2026, slug: 'best-pediatrician-2026', version: 1, deliberation_start: null });
    expect(row.nominations_start.toISOString()).toBe('2026-02-01T06:00:00.000Z');
    expect(row.nominations_end.toISOString()).toBe('2026-03-01T20:59:00.000Z');

    const page = await agent.get(`/admin/cycles/${id}`);
    expect(page.text).toContain('Лучший детский врач Подмосковья — 2026');
    expect(page.text).toContain('1 февраля 2026 г. в 09:00');
    expect(page.text).toContain('черновик');
    expect(page.text).toContain('московское время');
    expect(page.text).not.toContain('Europe/Moscow');
    const edit = await agent.get(`/admin/cycles/${id}/edit`);
    expect(edit.text).toContain('value="2026-02-01T09:00"');
    expect(edit.text).toContain('value="2026-03-01T23:59"');
    expect((await auditOf(t.ds, 'cycle', id)).map((e: { action: string }) => e.action)).toEqual(['cycle.created']);
  });

  it('refuses phases out of order with a message next to each wrong date, keeping everything typed', async () => {
    const { agent, csrf } = await signIn(t.app, 'admin@example.org');
    const before = (await t.ds.query(`SELECT count(*)::int AS n FROM cycle`))[0].n;
    const res = await agent.post('/admin/cycles').type('form').send({
      _csrf: csrf,
      ...form({ slug: 'out-of-order', nominationsEnd: '2026-01-20T10:00', screeningStart: '2026-02-20T09:00', judgingStart: '2026-03-10T09:00' }),
    });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="nominationsEnd-error">Окончание должно быть позже начала\./);
    expect(res.text).toMatch(/id="judgingStart-error">Этапы не должны пересекаться: укажите не раньше, чем «Окончание проверки заявок»\./);
    expect(res.text).toContain('value="2026-01-20T10:00"');
    expect(res.text).toContain('value="out-of-order"');
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM cycle`))[0].n).toBe(before);
  });

  it('names a wrong address and dates out of order in one answer, not one round after another', async () => {
    const { agent, csrf } = await signIn(t.app, 'admin@example.org');
    const res = await agent.post('/admin/cycles').type('form').send({ _csrf: csrf, ...form({ slug: 'Плохой адрес', nominationsEnd: '2026-01-20T10:00' }) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Только строчные латинские буквы, цифры и дефис.');
    expect(res.text).toMatch(/id="nominationsEnd-error">Окончание должно быть позже начала\./);
  });

  it('explains a wrong address, code, year and date in the person’s language', async () => {
    const { agent, csrf } = await signIn(t.app, 'admin@example.org');
    const bad = { _csrf: csrf, ...form({ slug: 'Лучший врач', code: 'ped1', year: '20x6', nominationsStart: '2026-02-30T09:00' }) };
    const ru = await agent.post('/admin/cycles').type('form').send(bad);
    expect(ru.status).toBe(400);
    expect(ru.text).toContain('Только строчные латинские буквы, цифры и дефис.');
    expect(ru.text).toContain('От 2 до 10 заглавных латинских букв, например PED.');
    expect(ru.text).toContain('Введите целое число.');
    expect(ru.text).toContain('Укажите дату и время');
    expect(ru.text).toContain('value="Лучший врач"');
    await agent.get('/lang/en').expect(303);
    const en = await agent.post('/admin/cycles').type('form').send({ ...bad, year: '1999' });
    expect(en.status).toBe(400);
    expect(en.text).toContain('2 to 10 capital Latin letters, e.g. PED.');
    expect(en.text).toContain('At least 2000.');
    await agent.get('/lang/ru').expect(303);
  });

  it('keeps addresses unique', async () => {
    await insertCycle(t.ds, { slug: 'taken' });
    const { agent, csrf } = await signIn(t.app, 'admin@example.org');
    const res = await agent.post('/admin/cycles').type('form').send({ _csrf: csrf, ...form({ slug: 'taken', code: 'TAKEN' }) });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="slug-error">Этот адрес уже занят другим конкурсом\./);
  });

  it('refuses a code and year another cycle has (they make the certificate numbers), next to the code, keeping the input, in both languages', async () => {
    const other = await insertCycle(t.ds, { slug: 'numbers-taken' });
    const { code } = await cycleRow(t.ds, other);
    const { agent, csrf } = await signIn(t.app, 'admin@example.org');
    const before = (await t.ds.query(`SELECT count(*)::int AS n FROM cycle`))[0].n;
    const typed = form({ slug: 'same-numbers', code, name: 'Второй конкурс с тем же кодом' });
    const ru = await agent.post('/admin/cycles').type('form').send({ _csrf: csrf, ...typed });
    expect(ru.status).toBe(400);
    expect(ru.text).toContain(`id="code-error">Код ${code} с годом 2026 уже есть у другого конкурса`);
    expect(ru.text).toContain(`value="${code}"`);
    expect(ru.text).toContain('value="Второй конкурс с тем же кодом"');
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM cycle`))[0].n).toBe(before);
    await agent.get('/lang/en').expect(303);
    const en = await agent.post('/admin/cycles').type('form').send({ _csrf: csrf, ...typed });
    expect(en.status).toBe(400);
    expect(en.text).toContain(`id="code-error">Another cycle already has code ${code} with year 2026`);
    await agent.get('/lang/ru').expect(303);

    // another year, or another code, is another series of numbers
    expect((await agent.post('/admin/cycles').type('form').send({ _csrf: csrf, ...typed, year: '2027' })).status).toBe(303);
    const mine = await insertCycle(t.ds, { slug: 'renamed-later' });
    const edit = await agent.post(`/admin/cycles/${mine}`).type('form').send({ _csrf: csrf, version: '1', ...form({ slug: 'renamed-later', code }) });
    expect(edit.status).toBe(400);
    expect(edit.text).toContain(`id="code-error">Код ${code} с годом 2026 уже есть у другого конкурса`);
    expect((await cycleRow(t.ds, mine)).code).not.toBe(code);
  });

  it('has the database refuse two cycles with one code and year, whatever the form checked', async () => {
    const other = await insertCycle(t.ds, { slug: 'first-of-two' });
    const { code } = await cycleRow(t.ds, other);
    await expect(t.ds.query(`INSERT INTO cycle (region_id, name, slug, code, year) VALUES ((SELECT min(id) FROM region), 'Дубль', 'second-of-two', $1, 2026)`, [code]))
      .rejects.toMatchObject({ driverError: { code: '23505', constraint: 'cycle_code_year_unique' } });
  });

  it('saves an edit, and refuses a second edit made on the old version with a link to reload, overwriting nothing', async () => {
    const id = await insertCycle(t.ds, { slug: 'edit-me' });
    const first = await signIn(t.app, 'admin@example.org');
    const second = await signIn(t.app, 'admin@example.org');
    const formA = await first.agent.get(`/admin/cycles/${id}/edit`);
    const formB = await second.agent.get(`/admin/cycles/${id}/edit`);
    const version = /name="version" value="(\d+)"/.exec(formB.text)![1];
    expect(version).toBe('1');

    await first.agent.post(`/admin/cycles/${id}`).type('form').send({ _csrf: csrfOf(formA.text), version: '1', ...form({ slug: 'edit-me', code: 'EDIT', name: 'Имя от первого' }) }).expect(303);
    const stale = await second.agent.post(`/admin/cycles/${id}`).type('form').send({ _csrf: csrfOf(formB.text), version, ...form({ slug: 'edit-me', code: 'EDIT', name: 'Имя от второго' }) });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Ваши изменения не сохранены');
    expect(stale.text).toContain(`href="/admin/cycles/${id}/edit"`);
    expect(stale.text).toContain('value="Имя от второго"');
    const row = await cycleRow(t.ds, id);
    expect(row).toMatchObject({ name: 'Имя от первого', version: 2 });
  });

  it('keeps the nomination dates required once nominations have opened', async () => {
    const id = await insertCycle(t.ds, { slug: 'open-one', status: 'nominations_open' });
    const { agent, csrf } = await signIn(t.app, 'admin@example.org');
    const res = await agent.post(`/admin/cycles/${id}`).type('form').send({ _csrf: csrf, version: '1', ...form({ slug: 'open-one', code: 'OPEN', nominationsEnd: '' }) });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="nominationsEnd-error">Приём заявок уже открывался/);
    expect((await cycleRow(t.ds, id)).nominations_end).not.toBeNull();
  });

  it('lists the cycles and links them from the dashboard and, for admins only, from the header', async () => {
    await insertCycle(t.ds, { slug: 'listed' });
    const { agent } = await signIn(t.app, 'admin@example.org');
    const list = await agent.get('/admin/cycles');
    expect(list.status).toBe(200);
    expect(list.text).toMatch(/<a href="\/admin\/cycles\/\d+">Конкурс \d+<\/a>/);
    const dashboard = await agent.get('/admin');
    expect(dashboard.text).toContain('href="/admin/cycles"');
    expect(dashboard.text).toContain('href="/admin/cycles/new"');
    expect(dashboard.text).toMatch(/<li><a href="\/admin\/cycles">Конкурсы<\/a><\/li>/);
    const officer = await signIn(t.app, 'officer@example.org');
    expect((await officer.agent.get('/officer')).text).not.toContain('href="/admin/cycles"');
    expect((await officer.agent.get('/admin/cycles')).status).toBe(403);
  });

  it('answers 404 for a cycle that does not exist or a malformed id', async () => {
    const { agent, csrf } = await signIn(t.app, 'admin@example.org');
    for (const url of ['/admin/cycles/99999', '/admin/cycles/abc', '/admin/cycles/99999/edit', '/admin/cycles/1e3/edit', '/admin/cycles/99999999999999999999']) {
      expect({ url, status: (await agent.get(url)).status }).toEqual({ url, status: 404 });
    }
    expect((await agent.post('/admin/cycles/99999').type('form').send({ _csrf: csrf, version: '1', ...form() })).status).toBe(404);
  });
});
