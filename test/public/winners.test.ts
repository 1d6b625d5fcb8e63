import request from 'supertest';
import { signIn, useTestApp, type Agent, versionOf } from '../support/harness';
import { createResultsScene } from '../results/scene';
import { createCycle } from '../support/fixtures';
import { Nominee } from '../../src/nominations/nominee.entity';

const FORMULA = '=HYPERLINK("x")';
const SCRIPT = '<script>alert(1)</script>';
describe('the public winners list', () => {
  const t = useTestApp();
  let admin: Agent;
  let csrf: string;
  let scene: Awaited<ReturnType<typeof createResultsScene>>;
  let slug: string;
  const urls = () => [`/cycles/${slug}/winners`, `/cycles/${slug}/winners.csv`, `/cycles/${slug}/winners.json`, `/cycles/${slug}/scores.json`];
  const move = async (action: string, reason?: string) => {
    const confirm = await admin.get(`/admin/cycles/${scene.cycle.id}/results/${action}`);
    return admin.post(`/admin/cycles/${scene.cycle.id}/results/${action}`).type('form').send({ _csrf: csrf, version: versionOf(confirm.text), ...(reason === undefined ? {} : { reason }) });
  };

  beforeAll(async () => {
    ({ agent: admin, csrf } = await signIn(t.app, 'admin@example.org'));
    scene = await createResultsScene(t.ds, {
      municipalities: ['Красногорск', 'Щёлково', 'Балашиха'],
      lastNames: [FORMULA, SCRIPT, 'Третьякова'],
      maxWinners: 2,
      cards: [[0, 0, [9, 9, 9]], [0, 1, [8, 8, 8]], [0, 2, [3, 3, 3]], [1, 0, [9, 8, 9]], [1, 1, [7, 7, 7]], [1, 2, [2, 2, 2]]],
    });
    await t.ds.getRepository(Nominee).update(scene.nominations[0].nomineeId, { position: 'заведующая отделением', institution: 'Красногорская детская больница' });
    slug = scene.cycle.slug;
    await t.ds.query(`UPDATE cycle SET public_scores = true WHERE id = $1`, [scene.cycle.id]);
  });

  it('does not exist while the results are not published: 404 on every public address, and /winners has none', async () => {
    expect((await move('approve')).status).toBe(303);
    for (const url of urls()) expect({ url, status: (await request(t.app).get(url)).status }).toEqual({ url, status: 404 });
    const none = await request(t.app).get('/winners');
    expect(none.status).toBe(404);
    expect(none.text).toContain('Итоги ещё не опубликованы.');
    expect((await request(t.app).get('/cycles/no-such-cycle/winners')).status).toBe(404);
  });

  it('is public once published, with the winners in place order and their diplomas', async () => {
    expect((await move('publish')).status).toBe(303);
    const certificates = await t.ds.query(`SELECT nomination_id, number, code FROM certificate WHERE cycle_id = $1 AND kind = 'winner' ORDER BY place`, [scene.cycle.id]);
    expect(certificates.map((c: { nomination_id: number }) => c.nomination_id)).toEqual([scene.ids[0], scene.ids[1]]);

    const redirect = await request(t.app).get('/winners');
    expect(redirect.status).toBe(303);
    expect(redirect.headers.location).toBe(`/cycles/${slug}/winners`);

    const [{ n: sessionsBefore }] = await t.ds.query(`SELECT count(*)::int AS n FROM session`);
    const page = await request(t.app).get(`/cycles/${slug}/winners`);
    expect(page.status).toBe(200);
    for (const suffix of ['.csv', '.json']) expect((await request(t.app).get(`/cycles/${slug}/winners${suffix}`)).headers['set-cookie']).toBeUndefined();
    const [{ n: sessionsAfter }] = await t.ds.query(`SELECT count(*)::int AS n FROM session`);
    expect(sessionsAfter).toBe(sessionsBefore);
    expect(page.headers['cache-control']).toBe('public, max-age=60');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.text).toContain(scene.cycle.name);
    expect(page.text).toContain(scene.category.name);
    expect(page.text).toContain('1 место');
    expect(page.text).toContain('заведующая отделением');
    expect(page.text).toContain('Красногорская детская больница');
    expect(page.text).toContain('Щёлково');
    expect(page.text).toContain(`/certificates/${certificates[0].code}.pdf`);
    expect(page.text).toContain(`${t.config.baseUrl}/verify/${certificates[0].code}`);
    expect(page.text).toContain(certificates[0].number);
    // a name is text, never markup; and whoever was not placed is not listed
    expect(page.text).not.toContain(SCRIPT);
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain('Третьякова');
    expect(page.text.indexOf('HYPERLINK')).toBeLessThan(page.text.indexOf('&lt;script&gt;'));
  });

  it('answers repeated anonymous visits from the finished page, with an ETag that revalidates', async () => {
    const first = await request(t.app).get(`/cycles/${slug}/winners`);
    const again = await request(t.app).get(`/cycles/${slug}/winners`);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(again.headers['content-security-policy']).toContain("script-src 'self'");
    expect(again.headers.etag).toBeTruthy();
    const revalidated = await request(t.app).get(`/cycles/${slug}/winners`).set('If-None-Match', again.headers.etag);
    expect(revalidated.status).toBe(304);
    // a visitor with a session cookie (perhaps signed in) always gets the page rendered for them
    const withCookie = await request(t.app).get(`/cycles/${slug}/winners`).set('Cookie', 'laureate.sid=s%3Anothing.x');
    expect(withCookie.status).toBe(200);
    expect(withCookie.text).toContain(scene.category.name);
    // English is its own page
    const english = await request(t.app).get(`/cycles/${slug}/winners`).set('Cookie', 'lang=en');
    expect(english.text).toContain('Place 1');
  });

  it('comes as CSV: UTF-8 with a byte-order mark, formulas neutralised, one row per winner', async () => {
    const res = await request(t.app).get(`/cycles/${slug}/winners.csv`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('Номинация;Место;ФИО;Должность;Учреждение;Муниципалитет;Номер диплома;Проверка диплома');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`;1;"'=HYPERLINK(""x"") Мария Петровна";`);
    expect(lines[2]).toContain(`;2;${SCRIPT} Мария Петровна;`);
    expect(lines.join('\n')).not.toMatch(/(^|;)[=+\-@]/m);
  });

  it('comes as JSON: the cycle, its categories and the winners with place, names, institution, municipality and diploma', async () => {
    const res = await request(t.app).get(`/cycles/${slug}/winners.json`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const [cert] = await t.ds.query(`SELECT number, code FROM certificate WHERE nomination_id = $1`, [scene.ids[0]]);
    expect(res.body.cycle).toEqual({ slug, name: scene.cycle.name, year: 2026, publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(res.body.categories).toHaveLength(1);
    expect(res.body.categories[0].name).toBe(scene.category.name);
    expect(res.body.categories[0].winners[0]).toEqual({
      nomination: scene.ids[0], place: 1, fullName: `${FORMULA} Мария Петровна`, lastName: FORMULA, firstName: 'Мария', patronymic: 'Петровна',
      position: 'заведующая отделением', institution: 'Красногорская детская больница', municipality: 'Красногорск', withheld: false,
      certificate: { number: cert.number, verificationUrl: `${t.config.baseUrl}/verify/${cert.code}`, pdfUrl: `${t.config.baseUrl}/certificates/${cert.code}.pdf` },
    });
    expect(res.body.categories[0].winners.map((w: { place: number }) => w.place)).toEqual([1, 2]);
  });

  it('leads the front page, with the open cycles and their deadlines', async () => {
    await createCycle(t.ds, { name: 'Лучший детский врач Подмосковья — 2027', nominationsEnd: new Date('2031-03-01T20:59:00Z') });
    const home = await request(t.app).get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain(`/cycles/${slug}/winners`);
    expect(home.text).toContain('Мария Петровна');
    expect(home.text).toContain('Идёт приём заявок');
    expect(home.text).toContain('Лучший детский врач Подмосковья — 2027');
    expect(home.text).toContain('2031');
  });

  it('announces a cycle whose nominations start later instead of listing it as open', async () => {
    await createCycle(t.ds, { name: 'Наставник года — 2032', nominationsStart: new Date('2032-02-01T06:00:00Z'), nominationsEnd: new Date('2032-03-01T20:59:00Z') });
    const home = (await request(t.app).get('/')).text;
    const [open, upcoming] = [home.indexOf('Идёт приём заявок'), home.indexOf('Скоро приём заявок')];
    expect(upcoming).toBeGreaterThan(open);
    expect(home.slice(upcoming)).toContain('<strong>Наставник года — 2032</strong> — приём заявок начнётся 1 февраля 2032 г. в 09:00');
    expect(home.slice(open, upcoming)).not.toContain('Наставник года — 2032');
  });

  it('is hidden again by unpublishing, which needs a reason: 404 everywhere, diplomas kept', async () => {
    const bare = await move('unpublish', '');
    expect(bare.status).toBe(400);
    expect(bare.text).toContain('Укажите причину.');
    expect((await request(t.app).get(`/cycles/${slug}/winners`)).status).toBe(200);

    expect((await move('unpublish', 'Опечатка в названии учреждения победителя.')).status).toBe(303);
    for (const url of urls()) expect({ url, status: (await request(t.app).get(url)).status }).toEqual({ url, status: 404 });
    expect((await request(t.app).get('/winners')).status).toBe(404);
    expect((await request(t.app).get('/')).text).not.toContain(`/cycles/${slug}/winners`);
    const [event] = await t.ds.query(`SELECT reason FROM audit_event WHERE action = 'results.unpublished' AND cycle_id = $1`, [scene.cycle.id]);
    expect(event.reason).toBe('Опечатка в названии учреждения победителя.');
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM certificate WHERE cycle_id = $1 AND revoked_at IS NULL`, [scene.cycle.id]);
    expect(n).toBe(2);
  });

  it('serves no page of a cycle that was never published, in any phase', async () => {
    const other = await createResultsScene(t.ds, { municipalities: ['Химки'], cards: [[0, 0, [5, 5, 5]]] });
    await t.ds.query(`UPDATE cycle SET public_scores = true WHERE id = $1`, [other.cycle.id]);
    for (const status of ['judging', 'deliberation', 'approved']) {
      await t.ds.query(`UPDATE cycle SET status = $2 WHERE id = $1`, [other.cycle.id, status]);
      for (const suffix of ['winners', 'winners.csv', 'winners.json', 'scores.json']) {
        const url = `/cycles/${other.cycle.slug}/${suffix}`;
        expect({ url, status, code: (await request(t.app).get(url)).status }).toEqual({ url, status, code: 404 });
      }
    }
  });

  it('gives a signed-in visitor the page without letting shared caches keep it', async () => {
    expect((await move('publish')).status).toBe(303);
    const res = await admin.get(`/cycles/${slug}/winners`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.text).toContain('Выйти');
    // and the anonymous page, cached, never carries the admin's name
    const anonymous = await request(t.app).get(`/cycles/${slug}/winners`);
    expect(anonymous.text).not.toContain('Выйти');
  });
});
