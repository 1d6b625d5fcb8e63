import request from 'supertest';
import { useTestApp } from '../support/harness';
import { registeredRoutes, specOf } from '../support/routes';
import { createJudgingScene } from '../support/jury-fixtures';
import { createPublishedScene } from '../certificates/scene';
import { runAssignment } from '../../src/jury/assignments';
import { allows } from '../../src/auth/policies';
import { binary, label, PERSONAS, urlsOf, visitorAs, worldOf, type World } from './support';

/** The only response allowed to be framed, by the app's own template editor: the sample PDF. */
const FRAMED_BY_EDITOR = /\/certificates\/templates\/[a-z]+\/preview\.pdf/;

interface Seen {
  url: string;
  status: number;
  type: string;
  csp?: string;
  nosniff?: string;
  poweredBy?: string;
  cache?: string;
  vary?: string;
  /** the visitor was signed in */
  signedIn?: boolean;
}

/** What every answer of the app must carry, whatever it is: page, data, file, redirect or error. */
function problemsOf(s: Seen): string[] {
  const problems: string[] = [];
  if (s.poweredBy !== undefined) problems.push('X-Powered-By');
  if (s.nosniff !== 'nosniff') problems.push('no nosniff');
  if (!s.csp) return [...problems, 'no CSP'];
  if (/unsafe-inline|unsafe-eval/.test(s.csp)) problems.push(`unsafe CSP: ${s.csp}`);
  const framing = FRAMED_BY_EDITOR.test(s.url) ? "frame-ancestors 'self'" : "frame-ancestors 'none'";
  if (!s.csp.split(';').map((d) => d.trim()).includes(framing)) problems.push(`framing: ${s.csp}`);
  if (s.type.startsWith('text/html') && !/default-src 'self'.*script-src 'self'.*object-src 'none'/.test(s.csp)) problems.push(`page CSP: ${s.csp}`);
  return problems;
}

describe('security headers on every kind of response', () => {
  const t = useTestApp();
  let world: World;
  const seen: Seen[] = [];
  const record = (url: string, res: request.Response, signedIn = false) =>
    seen.push({
      url, status: res.status, type: String(res.headers['content-type'] ?? ''), csp: res.headers['content-security-policy'], nosniff: res.headers['x-content-type-options'], poweredBy: res.headers['x-powered-by'],
      cache: res.headers['cache-control'], vary: res.headers.vary, signedIn,
    });

  beforeAll(async () => {
    const published = await createPublishedScene(t.ds, { winners: 2, others: 1 });
    const judging = await createJudgingScene(t.ds, { municipalities: ['Красногорск', 'Балашиха'] });
    await t.ds.transaction((m) => runAssignment(m, published.admin, judging.category.id));
    const admin = await visitorAs(t, 'admin');
    for (const kind of ['winner', 'nominee', 'juror']) await admin.agent.post(`/admin/cycles/${published.cycle.id}/certificates/issue`).type('form').send({ _csrf: admin.csrf, kind }).expect(303);
    const juror = await visitorAs(t, 'juror');
    for (const n of judging.nominations) await juror.agent.post(`/jury/nominations/${n.id}/confirm`).type('form').send({ _csrf: juror.csrf }).expect(303);
    world = await worldOf(t.ds);

    // every GET route as each visitor allowed to see it, with real ids (the first and the last object of each)
    for (const persona of PERSONAS) {
      const v = persona === 'juror' ? juror : persona === 'admin' ? admin : await visitorAs(t, persona);
      for (const r of registeredRoutes(t.app).filter((x) => x.method === 'get' && allows(specOf(x)!.policy, v.user))) {
        const urls = urlsOf(r.path, world);
        for (const url of new Set([urls[0], urls[urls.length - 1]])) record(url, await v.agent.get(url).buffer(true).parse(binary), persona !== 'anonymous');
      }
    }
    // a host coordinator (no demo account): their own pages, as they see them
    await t.ds.query(
      `INSERT INTO app_user (email, full_name, role, institution, password_hash) SELECT 'coordinator@example.org', 'Рябова Татьяна Борисовна', 'coordinator', 'Принимающая клиника', password_hash FROM app_user WHERE email = 'admin@example.org'`,
    );
    const coordinator = await visitorAs(t, 'admin', 'coordinator@example.org');
    for (const r of registeredRoutes(t.app).filter((x) => x.method === 'get' && x.path.startsWith('/coordinator') && allows(specOf(x)!.policy, coordinator.user))) {
      const urls = urlsOf(r.path, world);
      for (const url of new Set([urls[0], urls[urls.length - 1]])) record(url, await coordinator.agent.get(url).buffer(true).parse(binary), true);
    }
    // and the answers nobody asks for: errors, refusals and redirects
    const officer = await visitorAs(t, 'officer');
    for (const [url, res] of [
      ['/no/such/page', await request(t.app).get('/no/such/page')],
      ['/no/such.json', await request(t.app).get('/no/such.json')],
      ['/admin (officer)', await officer.agent.get('/admin')],
      ['/no/such/page (officer)', await officer.agent.get('/no/such/page')],
      ['/cycles/a%00b/winners (officer)', await officer.agent.get('/cycles/a%00b/winners')],
      ['/cycles/a%00b/winners.json', await request(t.app).get('/cycles/a%00b/winners.json')],
      ['/admin/cycles/1/nominations.csv (anonymous)', await request(t.app).get('/admin/cycles/1/nominations.csv')],
      ['/admin (anonymous)', await request(t.app).get('/admin')],
      ['POST /logout without token', await officer.agent.post('/logout').type('form').send({})],
      ['POST /login malformed', await request(t.app).post('/login').set('Content-Type', 'application/json').send('{"broken": ')],
    ] as const) record(url, res, url.includes('(officer)'));
  }, 120_000);

  it('sends nosniff, a CSP without inline script that forbids framing, and no X-Powered-By, on every response', () => {
    const wrong = seen.map((s) => ({ url: s.url, status: s.status, problems: problemsOf(s) })).filter((s) => s.problems.length);
    expect(wrong).toEqual([]);
  });

  it('lets no cache keep anything a signed-in person gets, pages and downloads alike: private, no-store', () => {
    const kept = seen.filter((s) => s.signedIn && s.cache !== 'private, no-store').map((s) => `${s.url} ${s.status}: ${s.cache}`);
    expect(kept).toEqual([]);
    expect(seen.filter((s) => s.signedIn).length).toBeGreaterThan(100);
  });

  it('varies every answer with the cookies (the language comes from one), and lets a shared cache keep only what a route marked public', () => {
    expect(seen.filter((s) => !/\bcookie\b/i.test(s.vary ?? '')).map((s) => s.url)).toEqual([]);
    // the walk's anonymous visitor holds a session (the sign-in form's CSRF token): so nothing it got is public
    const shared = seen.filter((s) => /\bpublic\b/.test(s.cache ?? '')).map((s) => `${s.url}: ${s.cache}`);
    expect(shared).toEqual([]);
  });

  it('walked every kind of response: pages, JSON, CSV, XLSX, PDF (one and many), ZIP, documents, redirects and errors', () => {
    const types = new Set(seen.map((s) => s.type.split(';')[0]));
    for (const type of ['text/html', 'application/json', 'text/csv', 'application/pdf', 'application/zip', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']) expect(types).toContain(type);
    const statuses = new Set(seen.map((s) => s.status));
    for (const status of [200, 303, 400, 401, 403, 404]) expect(statuses).toContain(status);
    expect(seen.filter((s) => s.status === 200).length).toBeGreaterThan(60);
    expect(seen.some((s) => FRAMED_BY_EDITOR.test(s.url) && s.status === 200)).toBe(true);
    expect(seen.some((s) => /^\/jury\/nominations\/\d+\/documents\/\d+$/.test(s.url) && s.status === 200)).toBe(true);
  });

  it('lets only the template editor frame its sample PDF, and only from this site', () => {
    const preview = seen.find((s) => FRAMED_BY_EDITOR.test(s.url) && s.status === 200)!;
    expect(preview.csp).toBe("frame-ancestors 'self'");
    const certificate = seen.find((s) => /^\/certificates\/.+\.pdf$/.test(s.url) && s.status === 200)!;
    expect(certificate.csp).toBe("frame-ancestors 'none'");
  });

  it('serves a juror\'s document as a sandbox that no other site may frame', () => {
    const doc = seen.find((s) => /^\/jury\/nominations\/\d+\/documents\/\d+$/.test(s.url) && s.status === 200)!;
    expect(doc.csp).toBe("sandbox; frame-ancestors 'none'");
    expect(doc.type).toBe('application/pdf');
  });

  it('reached every GET route at least once in the walk', () => {
    const walked = new Set(seen.map((s) => s.url));
    const gets = registeredRoutes(t.app).filter((r) => r.method === 'get');
    const missed = gets.filter((r) => !urlsOf(r.path, world).some((u) => walked.has(u))).map(label);
    expect(missed).toEqual([]);
  });
});
