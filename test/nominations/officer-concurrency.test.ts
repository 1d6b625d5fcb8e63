import { signIn, useTestApp } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { completeFields, fieldError, inputValue, postForm, textOf } from '../support/officer-forms';

/** Fails with a plain message instead of Jest's timeout when parallel requests stall (a database that serialises badly). */
async function finishing<T>(work: Promise<T>, seconds = 15): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`parallel requests did not all finish within ${seconds} s`)), seconds * 1000);
  });
  try {
    return await Promise.race([work, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

describe('officers working at the same moment', () => {
  const t = useTestApp();

  it('holds the quota when several submissions arrive over HTTP at once', async () => {
    const { cycle, categories } = await createCycle(t.ds, { categories: [{ name: 'Молодой специалист', quotaPerMunicipality: 2 }] });
    const krasnogorsk = await municipalityId(t.ds, 'Красногорск');
    const author = await userId(t.ds, 'officer@example.org');
    const names = ['Петрова', 'Сидорова', 'Кузнецова', 'Попова', 'Волкова'];
    const drafts = [];
    for (const lastName of names) drafts.push(await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: krasnogorsk, authorId: author, nominee: { lastName } }));
    const sessions = await Promise.all(names.map(() => signIn(t.app, 'officer@example.org')));
    const responses = await finishing(
      Promise.all(
        drafts.map((d, i) =>
          postForm(sessions[i].agent, `/officer/nominations/${d.id}`, sessions[i].csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': names[i] }), version: 1, action: 'submit' }),
        ),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([303, 303, 422, 422, 422]);
    for (const refused of responses.filter((r) => r.status === 422)) {
      expect(fieldError(refused.text, 'categoryId')).toBe('Муниципалитет уже подал в эту номинацию максимум заявок (2).');
      // the refused ones stay drafts with what was typed
      expect(textOf(refused.text)).toContain('Черновик сохранён, но заявка не подана');
    }
    const counts = await t.ds.query(`SELECT status, count(*)::int AS n FROM nomination WHERE category_id = $1 GROUP BY status ORDER BY status`, [categories[0].id]);
    expect(counts).toEqual([{ status: 'draft', n: 3 }, { status: 'submitted', n: 2 }]);
  });

  it('refuses the later of two saves made on the same version, keeps the first and shows the second its own text to copy', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const krasnogorsk = await municipalityId(t.ds, 'Красногорск');
    const n = await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: krasnogorsk, authorId: await userId(t.ds, 'officer@example.org') });
    const first = await signIn(t.app, 'officer@example.org');
    const second = await signIn(t.app, 'officer@example.org');
    const pageA = await first.agent.get(`/officer/nominations/${n.id}`);
    const pageB = await second.agent.get(`/officer/nominations/${n.id}`);
    expect(inputValue(pageA.text, 'version')).toBe('1');
    expect(inputValue(pageB.text, 'version')).toBe('1');

    const saveA = await postForm(first.agent, `/officer/nominations/${n.id}`, first.csrf, { ...completeFields(categories[0].id, { achievements: 'Текст первого: '.padEnd(80, 'а') }), version: 1, action: 'save' });
    expect(saveA.status).toBe(303);
    const saveB = await postForm(second.agent, `/officer/nominations/${n.id}`, second.csrf, { ...completeFields(categories[0].id, { achievements: 'Текст второго: '.padEnd(80, 'б') }), version: 1, action: 'submit' });
    expect(saveB.status).toBe(409);
    expect(textOf(saveB.text)).toContain('Пока вы редактировали, заявку сохранил кто-то другой');
    expect(saveB.text).toContain(`href="/officer/nominations/${n.id}">откройте свежую версию заявки</a>`);
    expect(saveB.text).toContain('Текст второго: ');
    // the stale version stays in the form: sending it again cannot overwrite the other person's save
    expect(inputValue(saveB.text, 'version')).toBe('1');
    const stored = (await t.ds.query(`SELECT achievements, status, version FROM nomination WHERE id = $1`, [n.id]))[0];
    expect(stored).toEqual({ achievements: 'Текст первого: '.padEnd(80, 'а'), status: 'draft', version: 2 });
  });
});
