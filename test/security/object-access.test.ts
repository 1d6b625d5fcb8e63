import request from 'supertest';
import { signIn, useTestApp, type Agent } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { createJudgingScene } from '../support/jury-fixtures';
import { completeFields, postForm } from '../support/officer-forms';
import { createResultsScene, LENIENCY_CARDS } from '../results/scene';
import { createPublishedScene, pdfText } from '../certificates/scene';
import { runAssignment } from '../../src/jury/assignments';
import { binary, tableFingerprints } from './support';

type Who = 'admin' | 'officer' | 'officer2' | 'juror' | 'juror2' | 'juror3' | 'anonymous';
type Case = [what: string, who: Who, method: 'get' | 'post', url: string, status: number];

const SCORE_NOTE = 'ЗАМЕТКА-ЖЮРИ-7731';

/**
 * Object-level access for every kind of object. The role is right, the object is not theirs (another
 * municipality, a nomination not assigned, recused or in conflict, another nomination's document): the
 * answer is 404, as if it did not exist, and nothing changes. Pages of another role are 403 by policy.
 */
describe('object-level access: the right role, the wrong object', () => {
  const t = useTestApp();
  const as = {} as Record<Who, { agent: Agent; csrf: string }>;
  const cases: Case[] = [];
  /** the same kinds of object reached by the person they belong to: the 404s above are about ownership */
  const controls: Array<[Who, string]> = [];
  const doc = async (nominationId: number) => (await t.ds.query(`SELECT id FROM attachment WHERE nomination_id = $1`, [nominationId]))[0].id as number;

  beforeAll(async () => {
    // nominations: one of Красногорск (officer@), one of Щёлково (officer2@), both with a document
    const { cycle, categories } = await createCycle(t.ds);
    const mine = await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: await municipalityId(t.ds, 'Красногорск'), authorId: await userId(t.ds, 'officer@example.org'), withPdf: true });
    const theirs = await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: await municipalityId(t.ds, 'Щёлково'), authorId: await userId(t.ds, 'officer2@example.org'), withPdf: true });
    // judging: juror2@ is from Химки (a conflict with n[2]); a second category whose nominations nobody was assigned
    const judging = await createJudgingScene(t.ds, { municipalities: ['Красногорск', 'Балашиха', 'Химки', 'Мытищи'] });
    const unassigned = await createJudgingScene(t.ds, { municipalities: ['Люберцы'] });
    const adminId = await userId(t.ds, 'admin@example.org');
    await t.ds.transaction((m) => runAssignment(m, adminId, judging.category.id));
    // a conflict the automatic rules know, even where an assignment was written by hand
    await t.ds.query(`INSERT INTO assignment (juror_id, nomination_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [judging.jurors[1], judging.nominations[2].id]);
    const results = await createResultsScene(t.ds, { municipalities: ['Одинцово', 'Коломна', 'Подольск', 'Химки'], cards: LENIENCY_CARDS });
    const published = await createPublishedScene(t.ds, { code: 'OBJ' });

    for (const [who, email] of [['admin', 'admin'], ['officer', 'officer'], ['officer2', 'officer2'], ['juror', 'juror'], ['juror2', 'juror2'], ['juror3', 'juror3']] as const) as[who] = await signIn(t.app, `${email}@example.org`);
    as.anonymous = { agent: request.agent(t.app), csrf: '' };
    const n = judging.nominations.map((x) => x.id);
    // juror@ confirms and scores n[0] with a note; juror3@ steps away from n[1]
    await as.juror.agent.post(`/jury/nominations/${n[0]}/confirm`).type('form').send({ _csrf: as.juror.csrf }).expect(303);
    await as.juror.agent.post(`/jury/nominations/${n[0]}/scorecard`).type('form').send({ _csrf: as.juror.csrf, action: 'submit', comment: SCORE_NOTE, ...Object.fromEntries(judging.criteria.map((c) => [`score_${c.id}`, '9'])) }).expect(303);
    await as.juror3.agent.post(`/jury/nominations/${n[1]}/recuse`).type('form').send({ _csrf: as.juror3.csrf, reason: 'работали в одном отделении' }).expect(303);
    const [card] = await t.ds.query(`SELECT id FROM scorecard WHERE nomination_id = $1 AND juror_id = $2`, [n[0], judging.jurors[0]]);
    await as.admin.agent.post(`/admin/cycles/${published.cycle.id}/certificates/templates/winner`).field('_csrf', as.admin.csrf).field('title', 'Только для OBJ').field('body', '{nominee.fullName}').field('accentColor', '#1d4f91').expect(303);
    const juror2Id = await userId(t.ds, 'juror2@example.org');
    const other = unassigned.nominations[0].id;

    controls.push(
      ['officer', `/officer/nominations/${mine.id}`], ['officer', `/officer/nominations/${mine.id}/documents/${await doc(mine.id)}`],
      ['officer2', `/officer/nominations/${theirs.id}`], ['officer2', `/officer/cycles/${cycle.id}/nominations/new?nomineeId=${theirs.nomineeId}`],
      ['juror', `/jury/nominations/${n[0]}`], ['juror', `/jury/nominations/${n[0]}/documents/${await doc(n[0])}`], ['juror2', `/jury/nominations/${n[0]}`],
      ['juror', `/jury/nominations/${n[1]}`], ['admin', `/admin/nominations/${n[1]}/documents/${await doc(n[1])}`], ['admin', `/admin/scorecards/${card.id}/history`],
      ['admin', `/admin/categories/${results.category.id}/results`], ['anonymous', `/cycles/${published.cycle.slug}/winners`],
      ['admin', `/admin/cycles/${published.cycle.id}/certificates/templates/winner`], ['admin', `/admin/users/${juror2Id}`],
    );
    cases.push(
      ['a nomination of another municipality', 'officer2', 'get', `/officer/nominations/${mine.id}`, 404],
      ['saving it', 'officer2', 'post', `/officer/nominations/${mine.id}`, 404],
      ['withdrawing it', 'officer2', 'post', `/officer/nominations/${mine.id}/withdraw`, 404],
      ['its nominee picked for a new nomination', 'officer2', 'get', `/officer/cycles/${cycle.id}/nominations/new?nomineeId=${mine.nomineeId}`, 404],
      ['its document', 'officer2', 'get', `/officer/nominations/${mine.id}/documents/${await doc(mine.id)}`, 404],
      ['an own nomination with a foreign document id', 'officer', 'get', `/officer/nominations/${mine.id}/documents/${await doc(theirs.id)}`, 404],
      ['a nomination not assigned to the juror', 'juror', 'get', `/jury/nominations/${other}`, 404],
      ['confirming it', 'juror', 'post', `/jury/nominations/${other}/confirm`, 404],
      ['scoring it', 'juror', 'post', `/jury/nominations/${other}/scorecard`, 404],
      ['recusing from it', 'juror', 'post', `/jury/nominations/${other}/recuse`, 404],
      ['its document', 'juror', 'get', `/jury/nominations/${other}/documents/${await doc(other)}`, 404],
      ['a nomination the juror recused from', 'juror3', 'get', `/jury/nominations/${n[1]}`, 404],
      ['scoring it after all', 'juror3', 'post', `/jury/nominations/${n[1]}/scorecard`, 404],
      ['confirming it after all', 'juror3', 'post', `/jury/nominations/${n[1]}/confirm`, 404],
      ['a nomination in conflict (same municipality), though assigned', 'juror2', 'get', `/jury/nominations/${n[2]}`, 404],
      ['confirming it', 'juror2', 'post', `/jury/nominations/${n[2]}/confirm`, 404],
      ['its document', 'juror2', 'get', `/jury/nominations/${n[2]}/documents/${await doc(n[2])}`, 404],
      ['a document before the juror confirmed no conflict', 'juror2', 'get', `/jury/nominations/${n[0]}/documents/${await doc(n[0])}`, 404],
      ['an assigned nomination with another nomination\'s document', 'juror', 'get', `/jury/nominations/${n[0]}/documents/${await doc(n[3])}`, 404],
      ['an admin nomination with another nomination\'s document', 'admin', 'get', `/admin/nominations/${n[0]}/documents/${await doc(n[1])}`, 404],
      ['a nomination that does not exist', 'admin', 'get', '/admin/nominations/999999', 404],
      ['a scorecard\'s history, to its own juror', 'juror', 'get', `/admin/scorecards/${card.id}/history`, 403],
      ['a scorecard\'s history, to an officer', 'officer', 'get', `/admin/scorecards/${card.id}/history`, 403],
      ['a scorecard that does not exist', 'admin', 'get', '/admin/scorecards/999999/history', 404],
      ['a cycle\'s results, to a juror', 'juror', 'get', `/admin/cycles/${results.cycle.id}/results`, 403],
      ['a category\'s results, to an officer', 'officer', 'get', `/admin/categories/${results.category.id}/results`, 403],
      ['a category\'s scores, to a juror', 'juror2', 'get', `/admin/categories/${results.category.id}/scores.json`, 403],
      ['overriding the winners, as a juror', 'juror', 'post', `/admin/categories/${results.category.id}/results/override`, 403],
      ['the winners of a cycle not yet published', 'anonymous', 'get', `/cycles/${results.cycle.slug}/winners`, 404],
      ['their CSV', 'anonymous', 'get', `/cycles/${results.cycle.slug}/winners.csv`, 404],
      ['the scores of a published cycle that keeps them closed', 'anonymous', 'get', `/cycles/${published.cycle.slug}/scores.json`, 404],
      ['a certificate template, to an officer', 'officer', 'get', `/admin/cycles/${published.cycle.id}/certificates/templates/winner`, 403],
      ['saving one, as a juror', 'juror', 'post', `/admin/cycles/${published.cycle.id}/certificates/templates/winner`, 403],
      ['a template of a kind that does not exist', 'admin', 'get', `/admin/cycles/${published.cycle.id}/certificates/templates/diploma`, 404],
      ['a kind in another spelling', 'admin', 'get', `/admin/cycles/${published.cycle.id}/certificates/templates/WINNER`, 404],
      ['its preview', 'admin', 'get', `/admin/cycles/${published.cycle.id}/certificates/templates/laureate/preview.pdf`, 404],
      ['a template of a cycle that does not exist', 'admin', 'get', '/admin/cycles/999999/certificates/templates/winner', 404],
      ['saving one', 'admin', 'post', '/admin/cycles/999999/certificates/templates/winner', 404],
      ['a certificate that does not exist', 'admin', 'get', '/admin/certificates/999999', 404],
      ['a user\'s page, to an officer', 'officer', 'get', `/admin/users/${juror2Id}`, 403],
      ['a user\'s page, to a juror', 'juror', 'get', `/admin/users/${juror2Id}`, 403],
      ['deactivating a user, as a juror', 'juror', 'post', `/admin/users/${juror2Id}/deactivate`, 403],
      ['a user who does not exist', 'admin', 'get', '/admin/users/999999', 404],
      ['editing them', 'admin', 'post', '/admin/users/999999', 404],
      ['deactivating them', 'admin', 'post', '/admin/users/999999/deactivate', 404],
      ['inviting them again', 'admin', 'post', '/admin/users/999999/invitation', 404],
    );
  }, 60_000);

  it('answers each with 404 (or 403 for another role\'s page) and changes nothing', async () => {
    const before = await tableFingerprints(t.ds);
    const wrong: string[] = [];
    for (const [what, who, method, url, status] of cases) {
      const { agent, csrf } = as[who];
      const body = { _csrf: csrf, action: 'save', reason: 'чужое', version: '1', fullName: 'Чужой', role: 'juror', ...completeFields(1) };
      const res = method === 'get' ? await agent.get(url) : await agent.post(url).type('form').send(body);
      if (res.status !== status) wrong.push(`${what} (${who} ${method.toUpperCase()} ${url}): ${res.status}, not ${status}`);
    }
    expect(wrong).toEqual([]);
    expect(await tableFingerprints(t.ds)).toEqual(before);
    expect(cases.length).toBeGreaterThan(40);
  }, 60_000);

  it('lets the person each object belongs to reach it', async () => {
    for (const [who, url] of controls) expect({ who, url, status: (await as[who].agent.get(url)).status }).toEqual({ who, url, status: 200 });
  });

  it('refuses a multipart save of a foreign nomination with 404 as well', async () => {
    const [mine] = await t.ds.query(`SELECT id FROM nomination WHERE municipality_id = $1 AND status = 'draft' LIMIT 1`, [await municipalityId(t.ds, 'Красногорск')]);
    const res = await postForm(as.officer2.agent, `/officer/nominations/${mine.id}`, as.officer2.csrf, { ...completeFields(1), version: 1, action: 'submit' });
    expect(res.status).toBe(404);
  });

  it('never shows a juror another juror\'s scores or notes, on any of their pages', async () => {
    const pages = [(await as.juror2.agent.get('/jury')).text];
    const assigned = await t.ds.query(`SELECT nomination_id AS id FROM assignment WHERE juror_id = $1`, [await userId(t.ds, 'juror2@example.org')]);
    for (const { id } of assigned) {
      await as.juror2.agent.post(`/jury/nominations/${id}/confirm`).type('form').send({ _csrf: as.juror2.csrf });
      const page = await as.juror2.agent.get(`/jury/nominations/${id}`);
      if (page.status === 200) pages.push(page.text);
    }
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) {
      expect(page).not.toContain(SCORE_NOTE);
      expect(page).not.toMatch(/type="radio"[^>]* checked/);
    }
    // the admin does see it, on the scorecard's history
    const [card] = await t.ds.query(`SELECT id FROM scorecard WHERE comment = $1`, [SCORE_NOTE]);
    expect((await as.admin.agent.get(`/admin/scorecards/${card.id}/history`)).text).toContain(SCORE_NOTE);
  });

  it('keeps one cycle\'s certificate template out of another cycle\'s editor and sample', async () => {
    const [own, foreign] = await t.ds.query(`SELECT id FROM cycle WHERE code = 'OBJ' UNION ALL (SELECT id FROM cycle WHERE code <> 'OBJ' LIMIT 1)`);
    expect((await as.admin.agent.get(`/admin/cycles/${own.id}/certificates/templates/winner`)).text).toContain('Только для OBJ');
    const page = await as.admin.agent.get(`/admin/cycles/${foreign.id}/certificates/templates/winner`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Только для OBJ');
    const sample = await as.admin.agent.get(`/admin/cycles/${foreign.id}/certificates/templates/winner/preview.pdf`).buffer(true).parse(binary);
    expect(sample.status).toBe(200);
    expect(pdfText(sample.body)).not.toContain('Только для OBJ');
  });
});
