import request from 'supertest';
import { csrfOf, signIn, useTestApp, type Agent } from '../support/harness';
import { createCycle } from '../support/fixtures';
import { completeFields, postForm, textOf } from '../support/officer-forms';
import { createPublishedScene } from '../certificates/scene';

const RU = 'Текст содержит недопустимые символы';
const RU_ADDRESS = 'Адрес страницы содержит недопустимые символы';
const EN_ADDRESS = 'The page address contains characters that are not allowed';

/** Every table's row count, so "nothing was saved" is checked as a whole. */
async function rowCounts(t: ReturnType<typeof useTestApp>): Promise<Record<string, number>> {
  const tables: Array<{ tablename: string }> = await t.ds.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('session', 'login_throttle')`);
  const out: Record<string, number> = {};
  for (const { tablename } of tables) out[tablename] = Number((await t.ds.query(`SELECT count(*)::int AS n FROM "${tablename}"`))[0].n);
  return out;
}

describe('text that cannot be stored (NUL, control characters, lone surrogates, broken encoding) is refused at the boundary with 400', () => {
  const t = useTestApp();
  let slug: string;
  let admin: { agent: Agent; csrf: string };
  let officer: { agent: Agent; csrf: string };

  beforeAll(async () => {
    slug = (await createPublishedScene(t.ds, { winners: 1, others: 0 })).cycle.slug;
    admin = await signIn(t.app, 'admin@example.org');
    officer = await signIn(t.app, 'officer@example.org');
  });

  it('answers a NUL in a public address with 400 and a message, never 500', async () => {
    for (const url of ['/cycles/a%00b/winners', '/cycles/a%00b/winners.csv', '/cycles/a%00b/winners.json', '/cycles/a%00b/scores.json', '/verify/a%00b', '/certificates/a%00b.pdf']) {
      const res = await request(t.app).get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
    }
    const page = await request(t.app).get('/cycles/a%00b/winners');
    expect(textOf(page.text)).toContain(RU_ADDRESS);
    const english = await request(t.app).get('/cycles/a%00b/winners').set('Cookie', 'lang=en');
    expect(textOf(english.text)).toContain(EN_ADDRESS);
    const data = await request(t.app).get('/cycles/a%00b/winners.json').set('Cookie', 'lang=en');
    expect(data.body).toEqual({ status: 400, error: expect.stringContaining(EN_ADDRESS) });
    // the real list is still there
    expect((await request(t.app).get(`/cycles/${slug}/winners`)).status).toBe(200);
  });

  it('answers a lone surrogate, a control character or broken percent-encoding in the path or the query with 400', async () => {
    for (const url of [
      `/cycles/${slug}%ED%A0%80/winners`, // a lone surrogate as the UTF-8 bytes it would be
      `/cycles/${slug}%C3/winners`, // a cut UTF-8 sequence
      '/cycles/%ZZ/winners', // not percent-encoding at all
      `/cycles/${slug}%01/winners.json`,
      `/verify?code=a%00`,
      `/verify?code=%E0%A4%A`,
      `/verify?code=a%1Fb`,
      `/verify?co%00de=1`,
      `/cycles/${slug}/winners?x=%ED%B0%80`,
    ]) {
      const res = await request(t.app).get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
    }
  });

  it('answers a NUL in the sign-in email with 400 and the message, and counts no failed attempt', async () => {
    const agent = request.agent(t.app);
    const csrf = csrfOf((await agent.get('/login')).text);
    const res = await agent.post('/login').type('form').send({ _csrf: csrf, email: 'admin@example.org\u0000', password: 'x' });
    expect(res.status).toBe(400);
    expect(textOf(res.text)).toContain(RU);
    const json = await agent.post('/login').send({ _csrf: csrf, email: 'a\u0000@example.org', password: 'x' });
    expect(json.status).toBe(400);
    expect((await t.ds.query(`SELECT failed_logins FROM app_user WHERE email = 'admin@example.org'`))[0].failed_logins).toBe(0);
  });

  it('answers a NUL in the search of the officer and of the admin with 400', async () => {
    expect((await officer.agent.get('/officer/nominees?q=a%00')).status).toBe(400);
    const page = await admin.agent.get('/admin/users?q=%00');
    expect(page.status).toBe(400);
    expect(textOf(page.text)).toContain(RU_ADDRESS);
    // the page of a refusal still knows who is signed in
    expect(textOf(page.text)).toContain('Орлова Вера Станиславовна');
  });

  it('refuses a name with a NUL or a lone surrogate in a form, urlencoded, JSON or multipart, and saves nothing', async () => {
    const before = await rowCounts(t);
    const invite = { _csrf: admin.csrf, email: 'new@example.org', role: 'juror', institution: 'Больница' };
    for (const fullName of ['Иванов\u0000Иван', 'Иванов\ud800', 'Иванов\u0007']) {
      expect((await admin.agent.post('/admin/users').type('form').send({ ...invite, fullName })).status).toBe(400);
      expect((await admin.agent.post('/admin/users').send({ ...invite, fullName })).status).toBe(400);
    }
    const { cycle, categories } = await createCycle(t.ds);
    const before2 = await rowCounts(t);
    const res = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id), 'nominee.lastName': 'Ива\u0000нова', action: 'save' });
    expect(res.status).toBe(400);
    expect(textOf(res.text)).toContain(RU);
    const multiline = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id), achievements: 'Первое\u000bвторое', action: 'save' });
    expect(multiline.status).toBe(400);
    expect(await rowCounts(t)).toEqual(before2);
    expect(before2.app_user).toBe(before.app_user);
  });

  it('keeps tabs and line breaks in multi-line fields, and any ordinary text, as it was', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const achievements = 'Первое достижение;\r\n\tвторое — «важное» 😀, третье: ёлка.\nИ ещё одно достаточно длинное предложение.';
    const res = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id), achievements, action: 'save' });
    expect(res.status).toBe(303);
    const id = Number(/(\d+)$/.exec(res.headers.location)![1]);
    expect((await t.ds.query(`SELECT achievements FROM nomination WHERE id = $1`, [id]))[0].achievements).toBe(achievements.replace(/\r\n/g, '\n'));
    expect((await officer.agent.get('/officer/nominees?q=%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2%D0%B0')).status).toBe(200);
  });
});
