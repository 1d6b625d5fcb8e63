import request from 'supertest';
import { signIn, useTestApp, type Agent } from '../support/harness';
import { createCycle } from '../support/fixtures';
import { createPublishedScene } from '../certificates/scene';
import { PDF, postForm, completeFields } from '../support/officer-forms';
import { forgetPublicWinners } from '../../src/public/winners-cache';

const langOf = (html: string) => /<html lang="(\w+)"/.exec(html)?.[1];
const varies = (res: request.Response) => String(res.headers.vary ?? '').split(',').map((v) => v.trim().toLowerCase()).includes('cookie');

describe('who may keep a page: the language is part of the cache key, a signed-in person\'s pages are never stored', () => {
  const t = useTestApp();
  let slug: string;
  let publicUrls: string[];

  beforeAll(async () => {
    const scene = await createPublishedScene(t.ds, { winners: 2, others: 0 });
    await t.ds.query(`UPDATE cycle SET public_scores = true WHERE id = $1`, [scene.cycle.id]);
    slug = scene.cycle.slug;
    publicUrls = ['/', `/cycles/${slug}/winners`, `/cycles/${slug}/winners.csv`, `/cycles/${slug}/winners.json`, `/cycles/${slug}/scores.json`, '/winners'];
  });

  it('lets any cache keep a public page sent to a visitor without cookies, keyed by the cookies it came with', async () => {
    for (const url of publicUrls) {
      const res = await request(t.app).get(url);
      expect({ url, status: res.status < 400, cache: res.headers['cache-control'], varies: varies(res) }).toEqual({ url, status: true, cache: 'public, max-age=60', varies: true });
    }
  });

  it('keeps the page of a visitor who chose a language in that visitor\'s browser only', async () => {
    for (const url of publicUrls) {
      for (const cookie of ['lang=en', 'lang=ru', 'other=1; lang=en']) {
        const res = await request(t.app).get(url).set('Cookie', cookie);
        expect({ url, cookie, cache: res.headers['cache-control'], varies: varies(res) }).toEqual({ url, cookie, cache: 'private, max-age=60', varies: true });
      }
    }
    // a cookie of somebody else's (an analytics tool's) does not change the page: still public, and still keyed by it
    const other = await request(t.app).get('/').set('Cookie', 'other=1');
    expect(other.headers['cache-control']).toBe('public, max-age=60');
  });

  it('shows English at once after «English» on the front page: the Russian copy a browser holds varies with the cookie the switch changed', async () => {
    const agent = request.agent(t.app);
    const russian = await agent.get('/');
    expect(langOf(russian.text)).toBe('ru');
    expect(varies(russian)).toBe(true); // so a browser does not answer the next GET / with this copy
    const english = await agent.get('/lang/en?next=/').redirects(1);
    expect(english.redirects.map((u) => new URL(u).pathname)).toEqual(['/']);
    expect(langOf(english.text)).toBe('en');
    expect(english.headers['cache-control']).toBe('private, max-age=60');
    const back = await agent.get('/lang/ru?next=/').redirects(1);
    expect(langOf(back.text)).toBe('ru');
  });

  it('answers each language its own winners page from the in-process fast path, each kept only as the language allows', async () => {
    forgetPublicWinners();
    const url = `/cycles/${slug}/winners`;
    // the route renders each language once; later requests come from the fast path (the same bytes)
    const first = { ru: await request(t.app).get(url), en: await request(t.app).get(url).set('Cookie', 'lang=en') };
    const again = { ru: await request(t.app).get(url), en: await request(t.app).get(url).set('Cookie', 'lang=en') };
    expect(langOf(again.ru.text)).toBe('ru');
    expect(langOf(again.en.text)).toBe('en');
    expect(again.en.headers.etag).not.toBe(again.ru.headers.etag);
    expect(again.ru.headers.etag).toMatch(/^"/); // strong: the fast path's own, not Express's weak one
    expect(again.ru.text).toBe(first.ru.text);
    expect(again.en.text).toBe(first.en.text);
    expect(again.ru.headers['cache-control']).toBe('public, max-age=60');
    expect(again.en.headers['cache-control']).toBe('private, max-age=60');
    expect(varies(again.ru) && varies(again.en)).toBe(true);
    // a browser revalidating its Russian copy with the English cookie gets the English page, not 304
    const revalidated = await request(t.app).get(url).set('Cookie', 'lang=en').set('If-None-Match', again.ru.headers.etag);
    expect(revalidated.status).toBe(200);
    expect(langOf(revalidated.text)).toBe('en');
  });

  it('marks every page and download of a signed-in person private, no-store — the public pages too', async () => {
    const admin = await signIn(t.app, 'admin@example.org');
    const officer = await signIn(t.app, 'officer@example.org');
    const juror = await signIn(t.app, 'juror@example.org');
    const { cycle, categories } = await createCycle(t.ds);
    const created = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id), action: 'save' }, [{ name: 'cv.pdf', data: PDF }]);
    const page = created.headers.location as string;
    const [doc] = await t.ds.query(`SELECT a.id FROM attachment a JOIN nomination n ON n.id = a.nomination_id WHERE n.id = $1`, [Number(/(\d+)$/.exec(page)![1])]);
    const visits: Array<[Agent, string]> = [
      [admin.agent, '/admin'], [admin.agent, '/admin/users'], [admin.agent, `/admin/cycles/${cycle.id}/nominations.csv`], [admin.agent, `/admin/cycles/${cycle.id}/nominations.xlsx`],
      [officer.agent, '/officer'], [officer.agent, page], [officer.agent, `${page}/documents/${doc.id}`],
      [juror.agent, '/jury'], [juror.agent, '/account/password'],
      ...publicUrls.map((u) => [admin.agent, u] as [Agent, string]),
    ];
    for (const [agent, url] of visits) {
      const res = await agent.get(url);
      expect({ url, status: res.status < 400, cache: res.headers['cache-control'] }).toEqual({ url, status: true, cache: 'private, no-store' });
    }
    // errors and redirects a signed-in person gets, too
    expect((await officer.agent.get('/admin')).headers['cache-control']).toBe('private, no-store');
    expect((await officer.agent.get('/no/such/page')).headers['cache-control']).toBe('private, no-store');
  });

  it('keeps nothing that a route did not mark cacheable, or that sets a cookie: the sign-in form, errors, the language switch', async () => {
    for (const url of ['/login', '/no/such/page', '/lang/en?next=/', '/cycles/no-such-cycle/winners']) {
      const res = await request(t.app).get(url);
      expect({ url, cache: res.headers['cache-control'] }).toEqual({ url, cache: 'private, no-store' });
    }
    // the verification page says itself how it may be kept: every time revalidated
    expect((await request(t.app).get('/verify/nonexistent')).headers['cache-control']).toBe('no-cache');
  });

  it('leaves static assets their own long max-age, without varying on cookies', async () => {
    const css = await request(t.app).get('/assets/app.css');
    expect(css.status).toBe(200);
    expect(css.headers['cache-control']).toBe('public, max-age=3600');
    expect(varies(css)).toBe(false);
  });

  it('keeps a diploma\'s public PDF public for a visitor without cookies, private for one with a language chosen', async () => {
    const admin = await signIn(t.app, 'admin@example.org');
    const cycleId = (await t.ds.query(`SELECT id FROM cycle WHERE slug = $1`, [slug]))[0].id;
    await admin.agent.post(`/admin/cycles/${cycleId}/certificates/issue`).type('form').send({ _csrf: admin.csrf, kind: 'winner' }).expect(303);
    const [{ code }] = await t.ds.query(`SELECT code FROM certificate LIMIT 1`);
    const anonymous = await request(t.app).get(`/certificates/${code}.pdf`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers['cache-control']).toBe('public, max-age=300');
    expect((await request(t.app).get(`/certificates/${code}.pdf`).set('Cookie', 'lang=en')).headers['cache-control']).toBe('private, max-age=300');
    expect((await admin.agent.get(`/certificates/${code}.pdf`)).headers['cache-control']).toBe('private, no-store');
  });
});

