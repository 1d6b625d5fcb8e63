import { signIn, useTestApp, versionOf, type Agent } from '../support/harness';
import { textOf } from '../support/officer-forms';
import { createCycle } from '../support/fixtures';
import { createAllocationScene } from './allocation-scene';

/** The line of the applicants' table of one application, as the reader sees it. */
const lineOf = (html: string, nominationId: number) => textOf(new RegExp(`<tr id="applicant-${nominationId}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '');

describe('the allocation page: who got which track and why, places fixed by hand, approval', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let scene: Awaited<ReturnType<typeof createAllocationScene>>;
  let url: string;
  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
    scene = await createAllocationScene(t.ds);
    url = `/admin/cycles/${scene.cycleId}/allocation`;
  });
  const post = (action: string, fields: Record<string, string | number>) => admin.agent.post(`${url}/${scene.categoryId}/${action}`).type('form').send({ _csrf: admin.csrf, ...fields });
  const version = async () => versionOf((await admin.agent.get(url)).text);

  it('shows who got which track in turn order, and why the preferences above it were not given', async () => {
    const page = await admin.agent.get(url);
    expect(page.status).toBe(200);
    const [abramova, borisova, vlasova, gromova, danilova] = scene.ids.map((id) => lineOf(page.text, id));
    expect(abramova).toContain('Неонатология');
    expect(abramova).toContain('Получен 1-й выбор.');
    expect(borisova).toContain('1-й выбор «Неонатология» — квота муниципалитета исчерпана. Получен 2-й выбор.');
    expect(borisova).toContain('Педиатрия');
    // the tie of Власова and Громова: one gets the last place of Неонатология, the other is left with Хирургия
    const [first, second] = page.text.indexOf(`id="applicant-${scene.ids[2]}"`) < page.text.indexOf(`id="applicant-${scene.ids[3]}"`) ? [vlasova, gromova] : [gromova, vlasova];
    expect(first).toContain('Получен 1-й выбор.');
    expect(second).toContain('1-й выбор «Неонатология» — все места уже заняты. Получен 2-й выбор.');
    expect(danilova).toContain('1-й выбор «Хирургия» — все места уже заняты; 2-й выбор «Неонатология» — все места уже заняты. Места нет');
    expect(page.text).toContain('Жребий');
    expect(page.text).toMatch(/Место в рейтинге 3:[\s\S]*билет <code title="[0-9a-f]{64}">[0-9a-f]{12}…<\/code>/);
    // Данилова waits on the reserve of both her tracks
    expect(textOf(/<tr id="allocation-track-\d+">[\s\S]*?<\/tr>/.exec(page.text.slice(page.text.indexOf(`allocation-track-${scene.tracks.surgery}`) - 30))![0])).toContain('Данилова');
    // reading stores nothing: the allocation is written only by a change
    expect(await t.ds.query(`SELECT id FROM programme_allocation`)).toEqual([]);
  });

  it('is linked from the programme page and exported as CSV and XLSX', async () => {
    expect((await admin.agent.get(`/admin/cycles/${scene.cycleId}`)).text).toContain(`href="${url}"`);
    const csv = await admin.agent.get(`${url}.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain('Рейтинг;Место в рейтинге;Очередь;ФИО;Муниципалитет;Выбор направлений;Получено направление;Номер выбора;Почему');
    expect(csv.text).toMatch(/Стажировки 2027;2;2;Борисова [^;]*;Красногорск;1\. Неонатология, 2\. Педиатрия;Педиатрия;2;/);
    const xlsx = await admin.agent.get(`${url}.xlsx`).buffer(true);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('refuses a fixed place without a reason, and one over the municipality quota, saying why and keeping the input', async () => {
    const v = await version();
    const noReason = await post('fix', { version: v, nominationId: scene.ids[4], trackId: scene.tracks.neonatology, reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(textOf(noReason.text)).toContain('Заполните это поле.');
    expect(noReason.text).toMatch(new RegExp(`<option value="${scene.ids[4]}" selected>`));
    // two of Красногорск fixed on Неонатология, whose quota is one
    expect((await post('fix', { version: v, nominationId: scene.ids[1], trackId: scene.tracks.neonatology, reason: 'Единственный неонатолог района' })).status).toBe(303);
    const overQuota = await post('fix', { version: await version(), nominationId: scene.ids[0], trackId: scene.tracks.neonatology, reason: 'Просьба главного врача' });
    expect(overQuota.status).toBe(400);
    expect(textOf(overQuota.text)).toContain('Квота муниципалитета на этом направлении — 1: закреплённых мест одного муниципалитета не может быть больше.');
    expect(overQuota.text).toContain('Просьба главного врача');
    // a stale page: the version it names was changed by the fix above
    const stale = await post('fix', { version: v, nominationId: scene.ids[4], trackId: scene.tracks.surgery, reason: 'Другое' });
    expect(stale.status).toBe(409);
    expect(textOf(stale.text)).toContain('Распределение уже изменили, пока страница была открыта.');
  });

  it('re-runs the rest after a fixed place, shows the reason, and audits it; removing it needs a reason too', async () => {
    // Борисова's fixed place on Неонатология (above): Абрамова of the same municipality now goes to Хирургия
    let page = await admin.agent.get(url);
    expect(lineOf(page.text, scene.ids[1])).toContain('Место закреплено вручную: Единственный неонатолог района');
    expect(lineOf(page.text, scene.ids[0])).toContain('1-й выбор «Неонатология» — квота муниципалитета исчерпана. Получен 2-й выбор.');
    const [row] = await t.ds.query(`SELECT id, forced, version, state IS NOT NULL AS computed FROM programme_allocation WHERE category_id = $1`, [scene.categoryId]);
    expect(row).toMatchObject({ version: 2, computed: true, forced: [{ applicant: String(scene.ids[1]), track: String(scene.tracks.neonatology), reason: 'Единственный неонатолог района' }] });
    const [audit] = await t.ds.query(`SELECT action, reason, data, cycle_id FROM audit_event WHERE entity = 'programme_allocation' AND entity_id = $1`, [String(row.id)]);
    expect(audit).toEqual({
      action: 'allocation.placeFixed', reason: 'Единственный неонатолог района', cycle_id: scene.cycleId,
      data: { categoryId: scene.categoryId, nominationId: scene.ids[1], trackId: scene.tracks.neonatology },
    });

    const v = versionOf(page.text);
    const noReason = await post('unfix', { version: v, nominationId: scene.ids[1], reason: '' });
    expect(noReason.status).toBe(400);
    expect(await t.ds.query(`SELECT version FROM programme_allocation WHERE id = $1`, [row.id])).toEqual([{ version: 2 }]);
    expect((await post('unfix', { version: v, nominationId: scene.ids[1], reason: 'Ошибка: неонатолог есть' })).status).toBe(303);
    page = await admin.agent.get(url);
    expect(lineOf(page.text, scene.ids[1])).toContain('Получен 2-й выбор.');
    expect(lineOf(page.text, scene.ids[0])).toContain('Получен 1-й выбор.');
    expect((await t.ds.query(`SELECT action, reason FROM audit_event WHERE entity = 'programme_allocation' ORDER BY id`)).map((a: { action: string }) => a.action)).toEqual(['allocation.placeFixed', 'allocation.placeUnfixed']);
  });

  it('applies one of two changes sent from the same page at once, and refuses the other as stale', async () => {
    const v = await version();
    const [a, b] = await Promise.all([
      post('fix', { version: v, nominationId: scene.ids[4], trackId: scene.tracks.surgery, reason: 'Первый' }),
      post('fix', { version: v, nominationId: scene.ids[3], trackId: scene.tracks.paediatrics, reason: 'Второй' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([303, 409]);
    const [row] = await t.ds.query(`SELECT forced FROM programme_allocation WHERE category_id = $1`, [scene.categoryId]);
    expect(row.forced).toHaveLength(1);
    expect((await post('unfix', { version: await version(), nominationId: row.forced[0].applicant, reason: 'Проверка' })).status).toBe(303);
  });

  it('keeps the programme in allocation until every ranking is approved', async () => {
    const confirm = await admin.agent.get(`/admin/cycles/${scene.cycleId}/phase?to=confirmation`);
    expect(textOf(confirm.text)).toContain('Не утверждено распределение мест по рейтингам: «Стажировки 2027».');
  });

  it('approves with a confirmation deadline in the future: freezes the allocation and offers every place', async () => {
    const pastDeadline = await post('approve', { version: await version(), expiresAt: '2020-01-01T12:00' });
    expect(pastDeadline.status).toBe(400);
    expect(textOf(pastDeadline.text)).toContain('Срок подтверждения должен быть в будущем.');
    expect(await t.ds.query(`SELECT id FROM participant`)).toEqual([]);

    const approved = await post('approve', { version: await version(), expiresAt: '2099-01-15T18:00' });
    expect(approved.status).toBe(303);
    const [row] = await t.ds.query(`SELECT approved_at, approved_by_id FROM programme_allocation WHERE category_id = $1`, [scene.categoryId]);
    expect(row.approved_at).not.toBeNull();
    const offered: Array<{ track_id: number; nomination_id: number; status: string; offer_expires_at: Date }> = await t.ds.query(
      `SELECT track_id, nomination_id, status, offer_expires_at FROM participant ORDER BY nomination_id`,
    );
    // Абрамова, Борисова, the tie's two, on Неонатология ×2, Педиатрия, Хирургия; Данилова waits
    expect(offered.map((p) => p.nomination_id)).toEqual(scene.ids.slice(0, 4));
    expect(offered.every((p) => p.status === 'offered')).toBe(true);
    expect(offered[0].offer_expires_at.toISOString()).toBe('2099-01-15T15:00:00.000Z');
    expect((await t.ds.query(`SELECT action, data FROM audit_event WHERE action = 'allocation.approved'`))[0].data).toMatchObject({ offered: 4 });

    const page = await admin.agent.get(url);
    expect(textOf(page.text)).toContain('Распределение утверждено');
    expect(textOf(page.text)).toContain('подтвердили 0, ожидают ответа 2, свободно 0');
    expect(page.text).not.toContain('/fix"');
    const later = await post('fix', { version: 4, nominationId: scene.ids[4], trackId: scene.tracks.surgery, reason: 'Поздно' });
    expect(later.status).toBe(409);
    expect(textOf(later.text)).toContain('Распределение по этому рейтингу уже утверждено');

    const move = await admin.agent.get(`/admin/cycles/${scene.cycleId}/phase?to=confirmation`);
    expect(textOf(move.text)).not.toContain('Не утверждено распределение мест');
  });

  it('refuses changes outside the phase «распределение мест» with 409, and has no page before it', async () => {
    await t.ds.query(`UPDATE cycle SET status = 'confirmation' WHERE id = $1`, [scene.cycleId]);
    expect((await admin.agent.get(url)).status).toBe(200);
    const closed = await post('approve', { version: 1, expiresAt: '2099-01-15T18:00' });
    expect(closed.status).toBe(409);
    expect(textOf(closed.text)).toContain('Менять распределение можно только на этапе «распределение мест» (сейчас: подтверждение участия).');
    await t.ds.query(`UPDATE cycle SET status = 'judging' WHERE id = $1`, [scene.cycleId]);
    const early = await admin.agent.get(url);
    expect(early.status).toBe(409);
    expect(textOf(early.text)).toContain('Распределение мест откроется на этапе «распределение мест» (сейчас: отбор).');
    expect((await post('fix', { version: 1, nominationId: scene.ids[4], trackId: scene.tracks.surgery, reason: 'Рано' })).status).toBe(409);
  });

  it('answers 404 for an award, and to anyone but the admin refuses', async () => {
    const { cycle } = await createCycle(t.ds, { status: 'judging' });
    expect((await admin.agent.get(`/admin/cycles/${cycle.id}/allocation`)).status).toBe(404);
    expect((await admin.agent.get(`/admin/cycles/${cycle.id}/allocation.csv`)).status).toBe(404);
    expect((await admin.agent.get(`/admin/cycles/999999/allocation`)).status).toBe(404);
    const officer = await signIn(t.app, 'officer@example.org');
    expect((await officer.agent.get(url)).status).toBe(403);
  });
});
