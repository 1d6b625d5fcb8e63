import request from 'supertest';
import { signIn, useTestApp, versionOf, type Agent } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { completeFields, postForm, textOf } from '../support/officer-forms';
import { createResultsScene } from '../results/scene';
import { buildCategoryInput } from '../../src/results/engine-input';
import { forgetPublicWinners } from '../../src/public/winners-cache';

const nomineeOf = async (t: { ds: { query: (sql: string, p: unknown[]) => Promise<Array<Record<string, unknown>>> } }, nominationId: number) =>
  (await t.ds.query(`SELECT p.id, p.last_name, p.institution FROM nomination n JOIN nominee p ON p.id = n.nominee_id WHERE n.id = $1`, [nominationId]))[0];
const idFrom = (location: string) => Number(/(\d+)$/.exec(location)![1]);

/**
 * Hole 1 of issue 10: nominee records are shared between nominations (a person picked from the search
 * is the same row). A nomination's nominee data is frozen once submitted: only a draft or a returned
 * nomination of the officer's own changes its nominee, and never another nomination's.
 */
describe("a nominee picked from the search for a new draft, saved with other details", () => {
  const t = useTestApp();
  let officer: { agent: Agent; csrf: string };
  let admin: { agent: Agent; csrf: string };

  const resultsMove = async (cycleId: number, action: string) => {
    const confirm = await admin.agent.get(`/admin/cycles/${cycleId}/results/${action}`);
    return admin.agent.post(`/admin/cycles/${cycleId}/results/${action}`).type('form').send({ _csrf: admin.csrf, version: versionOf(confirm.text) });
  };
  /** The officer opens a new draft with `?nomineeId=` and saves it with changed details. */
  const pickAndChange = async (nomineeId: number, over: Record<string, string>) => {
    const { categories } = await createCycle(t.ds);
    const form = await officer.agent.get(`/officer/cycles/${categories[0].cycleId}/nominations/new?nomineeId=${nomineeId}`);
    expect(form.status).toBe(200);
    const saved = await postForm(officer.agent, `/officer/cycles/${categories[0].cycleId}/nominations`, officer.csrf, { ...completeFields(categories[0].id, over), nomineeId, action: 'save' });
    expect(saved.status).toBe(303);
    return idFrom(saved.headers.location);
  };

  beforeAll(async () => {
    officer = await signIn(t.app, 'officer@example.org');
    admin = await signIn(t.app, 'admin@example.org');
  });

  it('leaves a published winner as published: winners.json, the diploma and the nominee keep their data', async () => {
    const scene = await createResultsScene(t.ds, { municipalities: ['Красногорск', 'Щёлково'], cards: [[0, 0, [9, 9, 9]], [1, 0, [9, 9, 9]], [0, 1, [3, 3, 3]], [1, 1, [3, 3, 3]]] });
    expect((await resultsMove(scene.cycle.id, 'approve')).status).toBe(303);
    expect((await resultsMove(scene.cycle.id, 'publish')).status).toBe(303);
    const winnersJson = async () => {
      forgetPublicWinners(); // read the database, not this process's cache of the list
      return (await request(t.app).get(`/cycles/${scene.cycle.slug}/winners.json`)).body.categories[0].winners[0];
    };
    const before = await winnersJson();
    expect(before.nomination).toBe(scene.ids[0]);

    const draft = await pickAndChange(scene.nominations[0].nomineeId, { 'nominee.lastName': 'Подменная', 'nominee.institution': 'Другая больница' });

    const after = await winnersJson();
    expect(after).toEqual(before);
    const [diploma] = await t.ds.query(`SELECT holder_name FROM certificate WHERE nomination_id = $1 AND kind = 'winner' AND revoked_at IS NULL`, [scene.ids[0]]);
    expect(diploma.holder_name).toBe(after.fullName);
    expect(await nomineeOf(t, scene.ids[0])).toMatchObject({ id: scene.nominations[0].nomineeId, institution: 'Больница Красногорск' });
    // the draft has a nominee of its own with what the officer typed
    const own = await nomineeOf(t, draft);
    expect(own).toMatchObject({ last_name: 'Подменная', institution: 'Другая больница' });
    expect(own.id).not.toBe(scene.nominations[0].nomineeId);
  });

  it("keeps an accepted nomination under judging as it is judged: a juror's scorecards are not turned into a conflict", async () => {
    const scene = await createResultsScene(t.ds, { municipalities: ['Красногорск', 'Щёлково'], status: 'judging', cards: [[0, 0, [8, 8, 8]], [1, 0, [6, 6, 6]], [0, 1, [5, 5, 5]], [1, 1, [7, 7, 7]]] });
    const before = (await buildCategoryInput(t.ds.manager, scene.category.id))!;
    expect(before.input.scorecards).toHaveLength(4);

    // the institution of juror@example.org: the same nominee there would be an automatic conflict of that juror
    await pickAndChange(scene.nominations[0].nomineeId, { 'nominee.institution': 'Подольская детская городская больница' });

    expect(await nomineeOf(t, scene.ids[0])).toMatchObject({ id: scene.nominations[0].nomineeId, institution: 'Больница Красногорск' });
    const after = (await buildCategoryInput(t.ds.manager, scene.category.id))!;
    expect(after.input.scorecards).toEqual(before.input.scorecards);
    expect(after.input.recusals ?? []).toEqual(before.input.recusals ?? []);
  });

  it('changes its own nominee in place while it is a draft (no copies pile up), and the nominee search still lists the person once', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const created = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': 'Черновикова' }), action: 'save' });
    const id = idFrom(created.headers.location);
    const first = await nomineeOf(t, id);
    const again = await postForm(officer.agent, `/officer/nominations/${id}`, officer.csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': 'Черновикова', 'nominee.position': 'заведующая' }), nomineeId: Number(first.id), version: 1, action: 'save' });
    expect(again.status).toBe(303);
    expect(await nomineeOf(t, id)).toMatchObject({ id: first.id, last_name: 'Черновикова' });
    const hits = textOf((await officer.agent.get(`/officer/nominees?q=${encodeURIComponent('Черновикова')}`)).text);
    expect(hits.match(/Черновикова Мария Петровна/g)).toHaveLength(1);
  });

  it('still refuses a recent winner picked from the search, and the same person twice in a category', async () => {
    const krasnogorsk = await municipalityId(t.ds, 'Красногорск');
    const officerId = await userId(t.ds, 'officer@example.org');
    const past = await createCycle(t.ds, { year: 2025, status: 'published', categories: [{ name: 'Наставник' }] });
    const winner = await createNomination(t.ds, { cycleId: past.cycle.id, categoryId: past.categories[0].id, municipalityId: krasnogorsk, authorId: officerId, status: 'accepted', nominee: { lastName: 'Победова' } });
    await t.ds.query(`UPDATE nomination SET status = 'winner', place = 1 WHERE id = $1`, [winner.id]);
    const { cycle, categories } = await createCycle(t.ds, { year: 2026, categories: [{ name: 'Наставник', pastWinnersExcludedYears: 3 }, { name: 'Другая' }] });
    // changed details (a new position) make a copy of the person: still the same person by name
    const refused = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': 'Победова', 'nominee.position': 'главный врач' }), nomineeId: winner.nomineeId, action: 'submit' });
    expect(refused.status).toBe(422);
    expect(textOf(refused.text)).toContain('Номинант уже побеждал в этой номинации в 2025 году');

    const first = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[1].id, { 'nominee.lastName': 'Победова' }), nomineeId: winner.nomineeId, action: 'submit' });
    expect(first.status).toBe(303);
    const second = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[1].id, { 'nominee.lastName': 'Победова', 'nominee.phone': '+7 900 111-11-11' }), nomineeId: winner.nomineeId, action: 'submit' });
    expect(second.status).toBe(422);
    expect(textOf(second.text)).toContain('Этот номинант уже выдвинут в этой номинации.');
  });
});
