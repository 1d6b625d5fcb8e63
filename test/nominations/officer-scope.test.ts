import { signIn, useTestApp } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { completeFields, postForm, PDF } from '../support/officer-forms';
import type { Nomination } from '../../src/nominations/nomination.entity';

const SCRIPT = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

describe("an officer never reaches another municipality's nominations, nominees or documents", () => {
  const t = useTestApp();
  let officer: Awaited<ReturnType<typeof signIn>>;
  let foreign: Nomination;
  let foreignDocId: number;
  let categoryId: number;
  let cycleId: number;

  beforeAll(async () => {
    officer = await signIn(t.app, 'officer@example.org');
    const { cycle, categories } = await createCycle(t.ds);
    cycleId = cycle.id;
    categoryId = categories[0].id;
    foreign = await createNomination(t.ds, {
      cycleId, categoryId, municipalityId: await municipalityId(t.ds, 'Щёлково'), authorId: await userId(t.ds, 'officer2@example.org'),
      status: 'submitted', withPdf: true, nominee: { lastName: 'Щёлковская' },
    });
    foreignDocId = (await t.ds.query(`SELECT id FROM attachment WHERE nomination_id = $1`, [foreign.id]))[0].id;
  });

  const unchanged = async () => expect((await t.ds.query(`SELECT status, version, achievements FROM nomination WHERE id = $1`, [foreign.id]))[0]).toMatchObject({ status: 'submitted', version: 1 });

  it('answers 404 for the page, the edit, the withdrawal and the document of a foreign nomination', async () => {
    expect((await officer.agent.get(`/officer/nominations/${foreign.id}`)).status).toBe(404);
    const edit = await postForm(officer.agent, `/officer/nominations/${foreign.id}`, officer.csrf, { ...completeFields(categoryId, { achievements: 'чужая правка' }), version: 1, action: 'submit' });
    expect(edit.status).toBe(404);
    const withdraw = await officer.agent.post(`/officer/nominations/${foreign.id}/withdraw`).type('form').send({ _csrf: officer.csrf, version: 1 });
    expect(withdraw.status).toBe(404);
    expect((await officer.agent.get(`/officer/nominations/${foreign.id}/documents/${foreignDocId}`)).status).toBe(404);
    await unchanged();
  });

  it('answers 404 for its own nomination paired with a foreign document id', async () => {
    const own = await createNomination(t.ds, { cycleId, categoryId, municipalityId: await municipalityId(t.ds, 'Красногорск'), authorId: await userId(t.ds, 'officer@example.org') });
    expect((await officer.agent.get(`/officer/nominations/${own.id}/documents/${foreignDocId}`)).status).toBe(404);
  });

  it('never finds a foreign nominee, and answers 404 when one is picked by id', async () => {
    const search = await officer.agent.get(`/officer/nominees?q=${encodeURIComponent('Щёлковская')}&cycleId=${cycleId}`);
    expect(search.status).toBe(200);
    expect(search.text).not.toContain('Щёлковская Мария');
    expect((await officer.agent.get(`/officer/cycles/${cycleId}/nominations/new?nomineeId=${foreign.nomineeId}`)).status).toBe(404);
    const before = (await t.ds.query(`SELECT count(*)::int AS n FROM nomination`))[0].n;
    const save = await postForm(officer.agent, `/officer/cycles/${cycleId}/nominations`, officer.csrf, { ...completeFields(categoryId), nomineeId: foreign.nomineeId, action: 'save' });
    expect(save.status).toBe(404);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM nomination`))[0].n).toBe(before);
    expect((await t.ds.query(`SELECT last_name FROM nominee WHERE id = $1`, [foreign.nomineeId]))[0].last_name).toBe('Щёлковская');
  });

  it('answers 404 for ids that are not ids', async () => {
    for (const url of ['/officer/nominations/abc', '/officer/nominations/0', '/officer/nominations/99999999999', '/officer/cycles/x/nominations/new', `/officer/nominations/${foreign.id}/documents/x`]) {
      expect({ url, status: (await officer.agent.get(url)).status }).toEqual({ url, status: 404 });
    }
  });
});

describe('a name like <script> is shown as text on every officer page', () => {
  const t = useTestApp();

  it('escapes the nominee, the reason and the search query everywhere', async () => {
    const { cycle, categories } = await createCycle(t.ds, { name: `Конкурс ${SCRIPT}`, categories: [{ name: `Номинация ${SCRIPT}`, description: SCRIPT }] });
    const n = await createNomination(t.ds, {
      cycleId: cycle.id, categoryId: categories[0].id, municipalityId: await municipalityId(t.ds, 'Красногорск'), authorId: await userId(t.ds, 'officer@example.org'),
      status: 'returned', nominee: { lastName: SCRIPT, position: SCRIPT, institution: SCRIPT },
    });
    await t.ds.query(`UPDATE nomination SET status_reason = $1, achievements = $1 WHERE id = $2`, [SCRIPT, n.id]);
    const { agent, csrf } = await signIn(t.app, 'officer@example.org');
    const submitted = await postForm(agent, `/officer/cycles/${cycle.id}/nominations`, csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': SCRIPT, 'nominee.firstName': 'Вторая' }), action: 'save' }, [{ name: 'a.pdf', data: PDF }]);
    const pages = {
      home: await agent.get('/officer'),
      nomination: await agent.get(`/officer/nominations/${n.id}`),
      search: await agent.get(`/officer/nominees?q=${encodeURIComponent(SCRIPT)}&cycleId=${cycle.id}`),
      searchAll: await agent.get(`/officer/nominees?cycleId=${cycle.id}`),
      prefilled: await agent.get(`/officer/cycles/${cycle.id}/nominations/new?nomineeId=${n.nomineeId}`),
      refused: await postForm(agent, `/officer/nominations/${n.id}`, csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': SCRIPT, motivation: SCRIPT }), version: 99, action: 'save' }),
      saved: await agent.get(submitted.headers.location),
    };
    for (const [name, page] of Object.entries(pages)) {
      expect({ name, status: page.status < 500 }).toEqual({ name, status: true });
      expect({ name, raw: page.text.includes(SCRIPT) }).toEqual({ name, raw: false });
      expect({ name, escaped: page.text.includes(ESCAPED) }).toEqual({ name, escaped: true });
    }
  });
});
