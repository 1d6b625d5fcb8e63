import { signIn, useTestApp, type Agent } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';

describe('the admin reads the audit log', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let adminId: number;
  let officerId: number;
  let officerName: string;
  let cycleA: number;
  let cycleB: number;
  let first: number;
  let second: number;

  const event = (e: { at: string; actorId: number | null; entity: string; entityId: number | string; action: string; cycleId?: number | null; from?: string; to?: string; reason?: string }) =>
    t.ds.query(`INSERT INTO audit_event (at, actor_id, entity, entity_id, action, cycle_id, from_state, to_state, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
      e.at, e.actorId, e.entity, String(e.entityId), e.action, e.cycleId ?? null, e.from ?? null, e.to ?? null, e.reason ?? null,
    ]);
  const rowsOf = (html: string) => html.split('<tbody>')[1]?.split('</tbody>')[0] ?? '';
  /** the address of the page's «earlier» (next) or «later» (prev) link, as a browser follows it */
  const hrefOf = (html: string, rel: 'next' | 'prev') => {
    const found = new RegExp(`<a href="([^"]+)" rel="${rel}">`).exec(html);
    if (!found) throw new Error(`no rel="${rel}" link on the page`);
    return found[1].replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
  };

  beforeAll(async () => {
    adminId = await userId(t.ds, 'admin@example.org');
    officerId = await userId(t.ds, 'officer@example.org');
    [{ full_name: officerName }] = await t.ds.query(`SELECT full_name FROM app_user WHERE id = $1`, [officerId]);
    cycleA = (await createCycle(t.ds, { name: 'Конкурс А' })).cycle.id;
    const b = await createCycle(t.ds, { name: 'Конкурс Б' });
    cycleB = b.cycle.id;
    const krasnogorsk = await municipalityId(t.ds, 'Красногорск');
    first = (await createNomination(t.ds, { cycleId: b.cycle.id, categoryId: b.categories[0].id, municipalityId: krasnogorsk, authorId: officerId })).id;
    second = (await createNomination(t.ds, { cycleId: b.cycle.id, categoryId: b.categories[0].id, municipalityId: krasnogorsk, authorId: officerId })).id;
    await t.ds.query(`DELETE FROM audit_event`);
    await event({ at: '2026-03-01T08:00:00Z', actorId: officerId, entity: 'nomination', entityId: first, action: 'nomination.submitted', cycleId: cycleA, from: 'draft', to: 'submitted' });
    // 21:30 UTC on 1 March is already 00:30 on 2 March in Moscow
    await event({ at: '2026-03-01T21:30:00Z', actorId: adminId, entity: 'nomination', entityId: first, action: 'nomination.return', cycleId: cycleA, from: 'submitted', to: 'returned', reason: 'Нет подписи <script>alert(1)</script>' });
    await event({ at: '2026-03-03T10:00:00Z', actorId: adminId, entity: 'nomination', entityId: second, action: 'nomination.accept', cycleId: cycleB, from: 'submitted', to: 'accepted' });
    await event({ at: '2026-03-04T10:00:00Z', actorId: adminId, entity: 'user', entityId: officerId, action: 'user.updated', from: 'officer', to: 'juror' });
    await event({ at: '2026-03-05T10:00:00Z', actorId: null, entity: 'cycle', entityId: cycleA, action: 'cycle.phase', cycleId: cycleA, from: 'nominations_open', to: 'screening' });
    admin = await signIn(t.app, 'admin@example.org');
  });

  it('shows the newest first: when in the region\'s zone, who, what and which, the change and the reason', async () => {
    const res = await admin.agent.get('/admin/audit').expect(200);
    const body = rowsOf(res.text);
    const order = ['сменён этап', 'изменён', 'допущена', 'возвращена на доработку', 'подана'].map((s) => body.indexOf(`<td>${s}</td>`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(body).toContain('2 марта 2026 г.'); // 21:30 UTC on 1 March, read in Moscow
    expect(body).toContain('00:30');
    const [{ full_name: adminName }] = await t.ds.query(`SELECT full_name FROM app_user WHERE id = $1`, [adminId]);
    expect(body).toContain(`<td>${adminName}</td>`);
    expect(body).toContain('<td>система</td>');
    expect(body).toContain(`заявка <a href="/admin/nominations/${first}">№&nbsp;${first}</a>`);
    expect(body).toContain(`пользователь <a href="/admin/users/${officerId}">`);
    expect(body).toContain('подана → возвращена на доработку');
    expect(body).toContain('муниципальный специалист → член жюри');
    expect(body).toContain('приём заявок → проверка заявок');
    expect(body).toContain('Нет подписи &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).not.toContain('<script>alert(1)</script>');
  });

  it('filters by cycle, kind of object and person, keeping the choices', async () => {
    const byCycle = rowsOf((await admin.agent.get(`/admin/audit?cycleId=${cycleB}`)).text);
    expect(byCycle).toContain(`№&nbsp;${second}`);
    expect(byCycle).not.toContain(`№&nbsp;${first}`);
    const byEntity = await admin.agent.get('/admin/audit?entity=user');
    expect(rowsOf(byEntity.text)).toContain('муниципальный специалист → член жюри');
    expect(rowsOf(byEntity.text)).not.toContain(`№&nbsp;${first}`);
    expect(byEntity.text).toContain('<option value="user" selected>пользователь</option>');
    const byPerson = await admin.agent.get(`/admin/audit?actorId=${officerId}`);
    expect(rowsOf(byPerson.text)).toContain('<td>подана</td>');
    expect(rowsOf(byPerson.text)).not.toContain('допущена');
    expect(byPerson.text).toContain(`name="person" type="search" value="${officerName}"`);
  });

  it('finds a person by the start of a surname, a given name or an address, without a list of everyone', async () => {
    const page = await admin.agent.get('/admin/audit');
    expect(page.text).not.toContain('<select id="actorId"');
    expect(page.text).not.toContain('name="actorId"');
    expect(page.text).not.toContain(`${officerName} (муниципальный специалист)`);
    for (const typed of [officerName.slice(0, 4).toLowerCase(), officerName.split(' ')[1], 'officer@exa']) {
      const res = await admin.agent.get(`/admin/audit?person=${encodeURIComponent(typed)}`);
      expect({ typed, status: res.status }).toEqual({ typed, status: 200 });
      expect(rowsOf(res.text)).toContain('<td>подана</td>');
      expect(rowsOf(res.text)).not.toContain('допущена');
      expect(res.text).toContain(`value="${typed}"`);
    }
  });

  it('offers the people a search found as links, each narrowing the log to one of them', async () => {
    // «О» starts the admin's surname (Орлова) and a juror's given name (Ольга)
    const res = await admin.agent.get(`/admin/audit?person=${encodeURIComponent('о')}&entity=nomination`);
    expect(res.status).toBe(200);
    expect(rowsOf(res.text)).toContain('допущена');
    expect(rowsOf(res.text)).not.toContain('<td>подана</td>');
    const matches = res.text.split('id="audit-matches"')[1].split('</p>')[0];
    expect(matches).toContain(`<a href="/admin/audit?entity&#x3D;nomination&amp;actorId&#x3D;${adminId}">Орлова Вера Станиславовна (оргкомитет)</a>`);
    expect(matches).toContain('Зайцева Ольга Дмитриевна');
    expect(matches).not.toContain('Гусева');
  });

  it('suggests names while the admin types (a datalist filled by a static script), by the same search', async () => {
    const page = await admin.agent.get('/admin/audit');
    expect(page.text).toContain('list="audit-people" data-people="/admin/audit/people.json"');
    expect(page.text).toContain('<script src="/assets/audit-people.js" defer></script>');
    const res = await admin.agent.get(`/admin/audit/people.json?q=${encodeURIComponent('гусе')}`).expect(200);
    expect(res.body).toEqual([{ id: officerId, fullName: officerName, label: `${officerName} (муниципальный специалист)` }]);
    expect((await admin.agent.get('/admin/audit/people.json?q=')).body).toEqual([]);
    const { agent } = await signIn(t.app, 'officer@example.org');
    expect((await agent.get('/admin/audit/people.json?q=a')).status).toBe(403);
  });

  it('says when a search finds nobody, and asks for more letters when it finds too many', async () => {
    const nobody = await admin.agent.get('/admin/audit?person=Щщщ');
    expect(nobody.status).toBe(200);
    expect(nobody.text).toContain('Никого не нашлось по «Щщщ».');
    expect(nobody.text).toContain('Записей не найдено.');
    await t.ds.query(`INSERT INTO app_user (email, full_name, role) SELECT 'many' || g || '@example.org', 'Многоименный ' || g, 'admin' FROM generate_series(1, 21) g`);
    const many = await admin.agent.get('/admin/audit?person=Многоим');
    expect(many.status).toBe(400);
    expect(many.text).toContain('По «Многоим» нашлось больше 20 человек — уточните фамилию, имя или почту.');
    expect(many.text).toContain('value="Многоим"');
    const twenty = await admin.agent.get(`/admin/audit?person=${encodeURIComponent('Многоименный 1')}`);
    expect(twenty.status).toBe(200);
    await t.ds.query(`DELETE FROM app_user WHERE email LIKE 'many%@example.org'`);
  });

  it('filters by dates of the region\'s calendar, both ends included', async () => {
    const second = rowsOf((await admin.agent.get('/admin/audit?from=2026-03-02&to=2026-03-02')).text);
    expect(second).toContain('возвращена на доработку');
    expect(second).not.toContain('<td>подана</td>');
    expect(second).not.toContain('допущена');
    const first = rowsOf((await admin.agent.get('/admin/audit?to=2026-03-01')).text);
    expect(first).toContain('<td>подана</td>');
    expect(first).not.toContain('возвращена на доработку');
    const later = await admin.agent.get('/admin/audit?from=2026-03-04');
    expect(rowsOf(later.text)).toContain('сменён этап');
    expect(rowsOf(later.text)).not.toContain('допущена');
    expect(later.text).toContain('name="from" type="date" value="2026-03-04"');
  });

  it('names a deleted draft without a link to its page, which is gone', async () => {
    await event({ at: '2026-02-09T10:00:00Z', actorId: officerId, entity: 'nomination', entityId: 987654, action: 'nomination.deleted', cycleId: cycleA, from: 'draft' });
    const body = rowsOf((await admin.agent.get('/admin/audit?to=2026-02-09')).text);
    expect(body).toContain('№&nbsp;987654');
    expect(body).not.toContain('/admin/nominations/987654');
    await t.ds.query(`DELETE FROM audit_event WHERE entity_id = '987654'`);
  });

  it('names the states of scorecards and certificates in words, in Russian and in English', async () => {
    await event({ at: '2026-02-10T10:00:00Z', actorId: null, entity: 'scorecard', entityId: 7001, action: 'scorecard.submitted', cycleId: cycleA, from: 'draft', to: 'submitted' });
    await event({ at: '2026-02-11T10:00:00Z', actorId: adminId, entity: 'certificate', entityId: 7002, action: 'certificate.revoked', cycleId: cycleA, from: 'valid', to: 'revoked', reason: 'Ошибка в фамилии' });
    await event({ at: '2026-02-12T10:00:00Z', actorId: adminId, entity: 'certificate', entityId: 7002, action: 'certificate.reissued', cycleId: cycleA, from: 'revoked', to: 'replaced' });
    const ru = rowsOf((await admin.agent.get('/admin/audit?to=2026-02-28')).text);
    expect(ru).toContain('черновик → отправлен');
    expect(ru).toContain('действителен → отозван');
    expect(ru).toContain('отозван → заменён новым');
    const english = await signIn(t.app, 'admin@example.org');
    await english.agent.get('/lang/en');
    const en = rowsOf((await english.agent.get('/admin/audit?to=2026-02-28')).text);
    expect(en).toContain('draft → submitted');
    expect(en).toContain('valid → revoked');
    expect(en).toContain('revoked → replaced by a new one');
    await t.ds.query(`DELETE FROM audit_event WHERE entity_id IN ('7001', '7002')`);
  });

  it('says no entries were found when nothing matches, instead of «entries 0–0 of 0»', async () => {
    const ru = await admin.agent.get('/admin/audit?from=2030-01-01');
    expect(ru.status).toBe(200);
    expect(ru.text).toContain('Записей не найдено.');
    expect(ru.text).not.toContain('Показаны записи');
    expect(ru.text).not.toContain('<table');
    const english = await signIn(t.app, 'admin@example.org');
    await english.agent.get('/lang/en');
    const en = await english.agent.get('/admin/audit?from=2030-01-01');
    expect(en.text).toContain('No entries found.');
    expect(en.text).not.toContain('Showing entries');
  });

  it('answers 400 with the message next to a bad date, keeping what was typed', async () => {
    const res = await admin.agent.get('/admin/audit?from=2026-02-30&to=вчера');
    expect(res.status).toBe(400);
    expect(res.text).toContain('<small class="field-error" id="from-error">Укажите дату в формате ГГГГ-ММ-ДД');
    expect(res.text).toContain('value="вчера"');
    const reversed = await admin.agent.get('/admin/audit?from=2026-03-05&to=2026-03-01');
    expect(reversed.status).toBe(400);
    expect(reversed.text).toContain('Дата окончания раньше даты начала.');
  });

  it('ignores filter values that are not choices instead of failing', async () => {
    for (const q of ['cycleId=abc', 'entity=<script>', 'actorId=-1', 'page=0', 'page=999999']) {
      expect({ q, status: (await admin.agent.get(`/admin/audit?${q}`)).status }).toEqual({ q, status: 200 });
    }
  });

  it('pages by 50 from a cursor in the link, earlier and later, keeping the filters', async () => {
    await t.ds.query(
      `INSERT INTO audit_event (at, actor_id, entity, entity_id, action) SELECT '2026-01-01T00:00:00Z'::timestamptz + g * interval '1 minute', $1::int, 'user', $2, 'password.changed' FROM generate_series(1, 120) g`,
      [officerId, String(officerId)],
    );
    const first = await admin.agent.get(`/admin/audit?actorId=${officerId}`);
    expect(rowsOf(first.text).match(/<tr>/g)).toHaveLength(50);
    expect(first.text).toContain('Показаны записи 1–50 из 121, сначала новые.');
    expect(rowsOf(first.text)).toContain('<td>подана</td>'); // the newest is on the first page
    expect(first.text).not.toContain('rel="prev"');
    const older = hrefOf(first.text, 'next');
    expect(older).toMatch(new RegExp(`^/admin/audit\\?actorId=${officerId}&before=\\d+-\\d+$`));
    const second = await admin.agent.get(older);
    expect(second.text).toContain('Показаны записи 51–100 из 121, сначала новые.');
    const last = await admin.agent.get(hrefOf(second.text, 'next'));
    expect(rowsOf(last.text).match(/<tr>/g)).toHaveLength(21);
    expect(last.text).toContain('Показаны записи 101–121 из 121, сначала новые.');
    expect(rowsOf(last.text)).not.toContain('<td>подана</td>');
    expect(rowsOf(last.text)).toContain('<td>сменён пароль</td>');
    expect(last.text).not.toContain('rel="next"');
    const back = await admin.agent.get(hrefOf(last.text, 'prev'));
    expect(rowsOf(back.text)).toEqual(rowsOf(second.text));
    const top = await admin.agent.get(hrefOf(back.text, 'prev'));
    expect(rowsOf(top.text)).toEqual(rowsOf(first.text));
    await t.ds.query(`DELETE FROM audit_event WHERE action = 'password.changed'`);
  });

  it('neither skips nor repeats events of one instant, nor of instants a microsecond apart, across pages', async () => {
    await t.ds.query(
      `INSERT INTO audit_event (at, actor_id, entity, entity_id, action) SELECT '2025-06-01T00:00:00Z'::timestamptz + (g / 3) * interval '1 microsecond', $1::int, 'user', g::text, 'password.changed' FROM generate_series(1, 160) g`,
      [adminId],
    );
    const seen: string[] = [];
    let href: string | null = '/admin/audit?to=2025-06-01&entity=user';
    while (href) {
      const page = await admin.agent.get(href);
      seen.push(...[...rowsOf(page.text).matchAll(/№&nbsp;(\d+)/g)].map((x) => x[1]));
      href = page.text.includes('rel="next"') ? hrefOf(page.text, 'next') : null;
    }
    const expected: string[] = (await t.ds.query(`SELECT entity_id FROM audit_event WHERE action = 'password.changed' AND at < '2025-06-02' ORDER BY at DESC, id DESC`)).map((r: { entity_id: string }) => r.entity_id);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(160);
    await t.ds.query(`DELETE FROM audit_event WHERE action = 'password.changed'`);
  });

  it('answers 400 with a message for a damaged page link, and a way back to the newest entries', async () => {
    for (const q of ['before=abc', 'after=12-', 'before=1-2&after=3-4', 'before=1-2&before=3-4', `before=${'9'.repeat(17)}-1`]) {
      const res = await admin.agent.get(`/admin/audit?entity=user&${q}`);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
      expect(res.text).toContain('Ссылка на страницу журнала повреждена');
      expect(res.text).toContain('<a href="/admin/audit?entity&#x3D;user">Открыть самые новые записи</a>');
    }
    const english = await signIn(t.app, 'admin@example.org');
    await english.agent.get('/lang/en');
    expect((await english.agent.get('/admin/audit?after=x')).text).toContain('The link to this page of the log is damaged');
  });

  it('shows a page past the newest or oldest event as empty, with the way back', async () => {
    const past = await admin.agent.get('/admin/audit?before=1000-1');
    expect(past.status).toBe(200);
    expect(past.text).toContain('Записей не найдено.');
    expect(past.text).toContain('rel="prev"');
    const future = await admin.agent.get(`/admin/audit?after=${Date.UTC(2100, 0, 1) * 1000}-1`);
    expect(future.status).toBe(200);
    expect(rowsOf(future.text)).toContain('сменён этап'); // a later page short of a full one is the newest page
  });

  it('counts matching events up to 10 000 and says «more than» beyond, without counting them all', async () => {
    await t.ds.query(
      `INSERT INTO audit_event (at, actor_id, entity, entity_id, action) SELECT '2024-01-01T00:00:00Z'::timestamptz + g * interval '1 second', NULL, 'category', '1', 'category.moved' FROM generate_series(1, 10050) g`,
    );
    const first = await admin.agent.get('/admin/audit?entity=category');
    expect(first.text).toContain('Показаны записи 1–50 из более чем 10\u00a0000, сначала новые.'); // a no-break space, as Russian writes thousands
    const [deep] = await t.ds.query(`SELECT (extract(epoch FROM at) * 1000000)::bigint::text AS micros, id FROM audit_event WHERE entity = 'category' ORDER BY at DESC, id DESC OFFSET 10020 LIMIT 1`);
    const far = await admin.agent.get(`/admin/audit?entity=category&before=${deep.micros}-${deep.id}`);
    expect(rowsOf(far.text).match(/<tr>/g)).toHaveLength(29);
    expect(far.text).toContain('Показаны 29 записей; всего записей более 10\u00a0000, сначала новые.');
    await t.ds.query(`DELETE FROM audit_event WHERE action = 'category.moved'`);
  });

  it('gives admins a «Журнал» link in the header, and no one else', async () => {
    expect((await admin.agent.get('/admin')).text).toContain('<a href="/admin/audit">Журнал</a>');
    const officer = await signIn(t.app, 'officer@example.org');
    expect((await officer.agent.get('/officer')).text).not.toContain('/admin/audit');
  });

  it.each(['officer@example.org', 'juror@example.org'])('refuses %s with 403', async (email) => {
    const { agent } = await signIn(t.app, email);
    expect((await agent.get('/admin/audit')).status).toBe(403);
  });
});
