import { signIn, useTestApp } from '../support/harness';

describe('the admin manages users', () => {
  const t = useTestApp();
  const idOf = async (email: string) => (await t.ds.query(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id as number;

  it('lists users with filters by role and by name', async () => {
    const { agent } = await signIn(t.app, 'admin@example.org');
    const jurors = await agent.get('/admin/users?role=juror');
    expect(jurors.text).toContain('Соколова Марина Андреевна');
    expect(jurors.text).not.toContain('Гусева Алина Петровна');
    const search = await agent.get('/admin/users?q=гусева');
    expect(search.text).toContain('Гусева Алина Петровна');
    expect(search.text).not.toContain('Соколова Марина Андреевна');
    // a literal «%» is searched for as itself, not as «anything» (a bare «%» in an address is refused at the boundary)
    const percent = await agent.get('/admin/users?role=<script>&q=%25');
    expect(percent.status).toBe(200);
    expect(percent.text).toContain('Никого не найдено.');
  });

  it('finds people by a part of the municipality or the address, and by municipality chosen from the list', async () => {
    const { agent } = await signIn(t.app, 'admin@example.org');
    const byPlace = await agent.get(`/admin/users?q=${encodeURIComponent('колом')}`);
    expect(byPlace.text).toContain('Зайцева Ольга Дмитриевна');
    expect(byPlace.text).not.toContain('Гусева Алина Петровна');
    const byAddress = await agent.get('/admin/users?q=officer2@');
    expect(byAddress.text).toContain('Лебедев Игорь Валентинович');
    expect(byAddress.text).not.toContain('Гусева Алина Петровна');
    const [{ id: podolsk }] = await t.ds.query(`SELECT id FROM municipality WHERE name = 'Подольск'`);
    const chosen = await agent.get(`/admin/users?municipalityId=${podolsk}`);
    expect(chosen.text).toContain('Соколова Марина Андреевна');
    expect(chosen.text).not.toContain('Зайцева Ольга Дмитриевна');
    expect(chosen.text).toContain(`<option value="${podolsk}" selected>Подольск</option>`);
    expect((await agent.get('/admin/users?municipalityId=abc&page=-1')).status).toBe(200);
  });

  it('shows 3,000 people 50 a page, under 300 KB, keeping the filters in the page links', async () => {
    const { agent } = await signIn(t.app, 'admin@example.org');
    await t.ds.query(
      `INSERT INTO app_user (email, full_name, role, municipality_id, institution)
       SELECT 'person' || g || '@region.example', 'Участник ' || lpad(g::text, 4, '0'), 'juror', (SELECT min(id) FROM municipality), 'Больница ' || g FROM generate_series(1, 3000) g`,
    );
    const first = await agent.get('/admin/users');
    expect(first.status).toBe(200);
    expect(Buffer.byteLength(first.text)).toBeLessThan(300 * 1024);
    expect(first.text.split('<tbody>')[1].match(/<tr>/g)).toHaveLength(50);
    expect(first.text).toContain('Показаны 1–50 из 3006.');
    const jurors = await agent.get(`/admin/users?role=juror&q=${encodeURIComponent('участник')}&page=2`);
    expect(jurors.text).toContain('Показаны 51–100 из 3000.');
    expect(jurors.text).toContain('Участник 0051');
    expect(jurors.text).not.toContain('Участник 0050<');
    expect(jurors.text).toContain('href="/admin/users?q&#x3D;%D1%83%D1%87%D0%B0%D1%81%D1%82%D0%BD%D0%B8%D0%BA&amp;role&#x3D;juror&amp;page&#x3D;3"');
    const past = await agent.get('/admin/users?role=juror&q=participant&page=999');
    expect(past.status).toBe(200);
    const end = await agent.get(`/admin/users?q=${encodeURIComponent('участник')}&page=999`);
    expect(end.text).toContain('Показаны 2951–3000 из 3000.');
    await t.ds.query(`DELETE FROM app_user WHERE email LIKE 'person%@region.example'`);
  });

  it('refuses an invitation with a clear message per field and keeps what was typed', async () => {
    const { agent, csrf } = await signIn(t.app, 'admin@example.org');
    const res = await agent.post('/admin/users').type('form').send({ _csrf: csrf, email: 'not-an-email', fullName: '', role: 'juror', municipalityId: '', institution: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Укажите адрес электронной почты');
    expect(res.text).toContain('Заполните это поле.');
    expect(res.text).toContain('value="not-an-email"');
    const taken = await agent.post('/admin/users').type('form').send({ _csrf: csrf, email: 'JUROR@example.org', fullName: 'Кто-то', role: 'juror', municipalityId: '1', institution: '' });
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('Пользователь с такой почтой уже есть.');
    expect(taken.text).toContain('Укажите учреждение: место работы члена жюри или принимающую организацию координатора.');
    const count = await t.ds.query(`SELECT count(*)::int AS n FROM app_user`);
    expect(count[0].n).toBe(6);
  });

  it('changes a role and bindings, and the person sees the new start page at once', async () => {
    const officer = await signIn(t.app, 'officer2@example.org');
    const { agent, csrf } = await signIn(t.app, 'admin@example.org');
    const id = await idOf('officer2@example.org');
    const res = await agent.post(`/admin/users/${id}`).type('form').send({ _csrf: csrf, fullName: 'Лебедев Игорь Валентинович', role: 'juror', municipalityId: '5', institution: 'ГБУЗ МО «Королёвская больница»' });
    expect(res.status).toBe(303);
    const row = (await t.ds.query(`SELECT role, municipality_id, institution FROM app_user WHERE id = $1`, [id]))[0];
    expect(row).toEqual({ role: 'juror', municipality_id: 5, institution: 'ГБУЗ МО «Королёвская больница»' });
    // a changed role ends the person's sessions, so menus and policies follow at once
    expect((await officer.agent.get('/officer')).status).toBe(303);
  });

  it('deactivates a person and ends their sessions at once', async () => {
    const juror = await signIn(t.app, 'juror2@example.org');
    expect((await juror.agent.get('/jury')).status).toBe(200);
    const { agent, csrf } = await signIn(t.app, 'admin@example.org');
    const id = await idOf('juror2@example.org');
    await agent.post(`/admin/users/${id}/deactivate`).type('form').send({ _csrf: csrf }).expect(303);
    const after = await juror.agent.get('/jury');
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/login/);
    await expect(signIn(t.app, 'juror2@example.org')).rejects.toThrow(/failed with 401/);
    const events = await t.ds.query(`SELECT action FROM audit_event WHERE entity = 'user' AND entity_id = $1`, [String(id)]);
    expect(events.map((e: { action: string }) => e.action)).toContain('user.deactivated');
  });

  it('does not let the admin deactivate themselves', async () => {
    const { agent, csrf } = await signIn(t.app, 'admin@example.org');
    const id = await idOf('admin@example.org');
    await agent.post(`/admin/users/${id}/deactivate`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await t.ds.query(`SELECT active FROM app_user WHERE id = $1`, [id]))[0].active).toBe(true);
  });

  it('answers 404 for a user that does not exist or a malformed id', async () => {
    const { agent } = await signIn(t.app, 'admin@example.org');
    expect((await agent.get('/admin/users/99999')).status).toBe(404);
    expect((await agent.get('/admin/users/abc')).status).toBe(404);
    expect((await agent.get('/admin/users/99999999999999999999')).status).toBe(404);
  });

  it('lets everyone change their own password, checking the current one', async () => {
    const { agent, csrf } = await signIn(t.app, 'juror3@example.org');
    const wrong = await agent.post('/account/password').type('form').send({ _csrf: csrf, currentPassword: 'nope', password: 'new-password-123', passwordConfirm: 'new-password-123' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Текущий пароль указан неверно.');
    await agent.post('/account/password').type('form').send({ _csrf: csrf, currentPassword: 'laureate-demo', password: 'new-password-123', passwordConfirm: 'new-password-123' }).expect(303);
    await signIn(t.app, 'juror3@example.org', 'new-password-123');
  });
});
