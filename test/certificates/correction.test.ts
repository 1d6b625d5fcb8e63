import request from 'supertest';
import { signIn, useTestApp, type Agent, versionOf } from '../support/harness';
import { createResultsScene } from '../results/scene';
import { RESULTS_CORRECTED } from '../../src/certificates/issue';

/**
 * Correcting published results: unpublish, reopen, change the winners, approve, publish again. The
 * diplomas must follow the corrected results, and nothing of the cycle is public in between.
 */
describe('diplomas after the results are corrected', () => {
  const t = useTestApp();
  let admin: Agent;
  let csrf: string;
  beforeAll(async () => {
    ({ agent: admin, csrf } = await signIn(t.app, 'admin@example.org'));
  });

  // two jurors rank the four nominations 0, 1, 3, 2: the computed winners are 0 (I) and 1 (II)
  const scene = () =>
    createResultsScene(t.ds, {
      municipalities: ['Красногорск', 'Щёлково', 'Балашиха', 'Мытищи'],
      lastNames: ['Андреева', 'Борисова', 'Волкова', 'Громова'],
      maxWinners: 2,
      cards: [
        [0, 0, [9, 9, 9]], [0, 1, [8, 8, 8]], [0, 2, [6, 6, 6]], [0, 3, [7, 7, 7]],
        [1, 0, [8, 8, 8]], [1, 1, [7, 7, 7]], [1, 2, [5, 5, 5]], [1, 3, [6, 6, 6]],
      ],
    });

  const move = async (cycleId: number, action: 'approve' | 'publish' | 'unpublish' | 'reopen', reason = '') => {
    const confirm = await admin.get(`/admin/cycles/${cycleId}/results/${action}`);
    expect({ action, status: confirm.status }).toEqual({ action, status: 200 });
    const res = await admin.post(`/admin/cycles/${cycleId}/results/${action}`).type('form').send({ _csrf: csrf, version: versionOf(confirm.text), reason });
    expect({ action, status: res.status }).toEqual({ action, status: 303 });
  };
  const diplomas = (cycleId: number) =>
    t.ds.query(
      `SELECT id, number, code, nomination_id AS "nominationId", place, revoked_at IS NOT NULL AS revoked, revoked_reason AS "revokedReason", replaced_by_id AS "replacedById"
         FROM certificate WHERE cycle_id = $1 AND kind = 'winner' ORDER BY seq`,
      [cycleId],
    ) as Promise<Array<{ id: number; number: string; code: string; nominationId: number; place: number; revoked: boolean; revokedReason: string | null; replacedById: number | null }>>;

  it('revokes the diplomas the corrected results no longer bear out, issues the right ones, and links each old one to its replacement', async () => {
    const s = await scene();
    const [first, second, , fourth] = s.ids;
    await move(s.cycle.id, 'approve');
    await move(s.cycle.id, 'publish');
    const issued = await diplomas(s.cycle.id);
    expect(issued.map((d) => [d.nominationId, d.place, d.revoked])).toEqual([[first, 1, false], [second, 2, false]]);

    await move(s.cycle.id, 'unpublish', 'Найдена ошибка в оценках.');
    await move(s.cycle.id, 'reopen', 'Найдена ошибка в оценках.');
    const override = await admin.post(`/admin/categories/${s.category.id}/results/override`).type('form')
      .send({ _csrf: csrf, place1: second, place2: fourth, reason: 'Оценки первой заявки признаны недействительными.' });
    expect(override.status).toBe(303);
    await move(s.cycle.id, 'approve');
    await move(s.cycle.id, 'publish');

    const after = await diplomas(s.cycle.id);
    const [oldFirst, oldSecond, ...fresh] = after;
    // the first place went to another nomination: revoked, nothing replaces it
    expect(oldFirst).toMatchObject({ id: issued[0].id, revoked: true, revokedReason: RESULTS_CORRECTED, replacedById: null });
    // the second place's nomination moved up: its diploma is revoked and points to the new one, with place I
    const moved = fresh.find((d) => d.nominationId === second)!;
    expect(moved).toMatchObject({ place: 1, revoked: false });
    expect(oldSecond).toMatchObject({ id: issued[1].id, revoked: true, revokedReason: RESULTS_CORRECTED, replacedById: moved.id });
    // one valid diploma a place, each the corrected result's
    expect(after.filter((d) => !d.revoked).map((d) => [d.place, d.nominationId]).sort()).toEqual([[1, second], [2, fourth]]);

    const audit = await t.ds.query(`SELECT entity_id, action, reason, data FROM audit_event WHERE entity = 'certificate' AND cycle_id = $1 ORDER BY id`, [s.cycle.id]);
    expect(audit).toEqual([
      { entity_id: String(oldFirst.id), action: 'certificate.revoked', reason: RESULTS_CORRECTED, data: { number: oldFirst.number, place: 1, nowPlace: null } },
      { entity_id: String(oldSecond.id), action: 'certificate.revoked', reason: RESULTS_CORRECTED, data: { number: oldSecond.number, place: 2, nowPlace: 1 } },
      { entity_id: String(oldSecond.id), action: 'certificate.replaced', reason: null, data: { number: oldSecond.number, replacement: moved.number } },
    ]);

    const revoked = await request(t.app).get(`/verify/${oldFirst.code}`);
    expect(revoked.text).toContain('Документ отозван');
    expect(revoked.text).toContain(RESULTS_CORRECTED);
    const replaced = await request(t.app).get(`/verify/${oldSecond.code}`);
    expect(replaced.text).toContain(`href="/verify/${moved.code}"`);
    expect((await request(t.app).get(`/certificates/${oldSecond.code}.pdf`)).headers.location).toBe(`/certificates/${moved.code}.pdf`);
  });

  it('publishes again with the same winners without touching their diplomas', async () => {
    const s = await scene();
    await move(s.cycle.id, 'approve');
    await move(s.cycle.id, 'publish');
    const before = await diplomas(s.cycle.id);
    await move(s.cycle.id, 'unpublish', 'Опечатка в названии номинации.');
    await move(s.cycle.id, 'publish');
    expect(await diplomas(s.cycle.id)).toEqual(before);
  });

  it('shows nothing of a certificate while its cycle is unpublished: the verify page does not confirm it, the PDF is not found', async () => {
    const s = await scene();
    await move(s.cycle.id, 'approve');
    await move(s.cycle.id, 'publish');
    const [diploma] = await diplomas(s.cycle.id);
    expect((await request(t.app).get(`/verify/${diploma.code}`)).text).toContain('Документ действителен');

    await move(s.cycle.id, 'unpublish', 'Найдена ошибка в оценках.');
    const page = await request(t.app).get(`/verify/${diploma.code}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Документ сейчас не подтверждён');
    expect(page.text).toContain('исправляются');
    for (const secret of ['Документ действителен', 'Андреева', s.cycle.name, s.category.name, diploma.number, `/certificates/${diploma.code}.pdf`]) expect({ secret, shown: page.text.includes(secret) }).toEqual({ secret, shown: false });
    const en = await request(t.app).get(`/verify/${diploma.code}`).set('Cookie', 'lang=en');
    expect(en.text).toContain('This document is not confirmed for now');
    expect((await request(t.app).get(`/certificates/${diploma.code}.pdf`)).status).toBe(404);

    await move(s.cycle.id, 'publish');
    expect((await request(t.app).get(`/verify/${diploma.code}`)).text).toContain('Документ действителен');
    expect((await request(t.app).get(`/certificates/${diploma.code}.pdf`)).status).toBe(200);
  });
});
