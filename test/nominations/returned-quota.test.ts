import { signIn, useTestApp } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { completeFields, inputValue, postForm, textOf } from '../support/officer-forms';

/** Issue 10: a returned nomination already holds its quota place; its own page must not call the quota used up. */
describe("a returned nomination's page and its category's quota", () => {
  const t = useTestApp();

  it('offers its own category as open (the place it holds is its own) and resubmits there, while a category filled by others stays used up', async () => {
    const { cycle, categories } = await createCycle(t.ds, { categories: [{ name: 'Наставник', quotaPerMunicipality: 1 }, { name: 'Молодой врач', quotaPerMunicipality: 1 }] });
    const krasnogorsk = await municipalityId(t.ds, 'Красногорск');
    const officerId = await userId(t.ds, 'officer@example.org');
    const returned = await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: krasnogorsk, authorId: officerId, status: 'returned', withPdf: true });
    await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[1].id, municipalityId: krasnogorsk, authorId: officerId, status: 'submitted', nominee: { lastName: 'Другая' } });
    const { agent, csrf } = await signIn(t.app, 'officer@example.org');

    const page = await agent.get(`/officer/nominations/${returned.id}`);
    const own = new RegExp(`<option value="${categories[0].id}"[^>]*>([^<]*)</option>`).exec(page.text)![1];
    const other = new RegExp(`<option value="${categories[1].id}"[^>]*>([^<]*)</option>`).exec(page.text)![1];
    expect(own).toContain('Наставник — Можно подать ещё 1 заявку.');
    expect(other).toContain('Молодой врач — Квота муниципалитета исчерпана.');

    const resubmitted = await postForm(agent, `/officer/nominations/${returned.id}`, csrf, { ...completeFields(categories[0].id), nomineeId: inputValue(page.text, 'nomineeId'), version: inputValue(page.text, 'version'), action: 'submit' });
    expect(resubmitted.status).toBe(303);
    expect((await t.ds.query(`SELECT status FROM nomination WHERE id = $1`, [returned.id]))[0].status).toBe('submitted');
    // the start page still counts the place as held: no new nomination fits there
    expect(textOf((await agent.get('/officer')).text)).toContain('Квота муниципалитета исчерпана.');
  });
});
