import { useTestApp } from '../support/harness';
import { registeredRoutes, specOf } from '../support/routes';
import { readZip } from '../support/zip-reader';
import { flat, pdfInfo, pdfText } from '../certificates/scene';
import { allows } from '../../src/auth/policies';
import { binary, isDataUrl, label, logoutLast, urlsOf, visitorAs, worldOf, type Visitor } from './support';
import { createHostileScene, HOSTILE, MARKUP, type HostileScene } from './hostile-scene';

/** Markup that would act if it reached a page raw: a script, an element with a handler, an attribute broken out of. */
const RAW = ['<script>alert(1)', '<img src=x', `"'><`];
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';
const QUERY_KEYS = ['q', 'next', 'to', 'code', 'kind', 'page', 'role', 'status', 'state', 'entity', 'from', 'categoryId', 'cycleId', 'nomineeId', 'nominationId', 'jurorId', 'municipalityId', 'compare', 'v'];

interface Fetched {
  who: string;
  route: string;
  url: string;
  status: number;
  type: string;
  body: Buffer;
}

/** CSV cells (`;`, quotes doubled), enough to read what a spreadsheet would see in each cell. */
function csvCells(text: string): string[] {
  const cells: string[] = [];
  for (const m of text.replace(/^\uFEFF/, '').matchAll(/(?:^|;|\r\n)("((?:[^"]|"")*)"|[^;\r\n]*)/g)) cells.push(m[2] !== undefined ? m[2].replace(/""/g, '"') : m[1]);
  return cells;
}
const xmlText = (xml: string) => [...xml.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1].replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));

/**
 * Stored XSS and formula injection: after HOSTILE went into every free-text field through the forms, every
 * page that can show it (every GET route, with real ids, as every kind of visitor, and again with HOSTILE in
 * every query parameter) shows it only escaped; every CSV and XLSX cell holding it starts with `'=`; every
 * PDF prints it as plain text; every form that echoes what was typed echoes it escaped.
 */
describe('a hostile value in every free-text field is inert on every page, export and PDF', () => {
  const t = useTestApp();
  let scene: HostileScene;
  const fetched: Fetched[] = [];
  const of = (type: string) => fetched.filter((f) => f.status === 200 && f.type.startsWith(type));

  beforeAll(async () => {
    scene = await createHostileScene(t);
    const world = await worldOf(t.ds);
    const visitors: Array<[string, Visitor]> = [['anonymous', await visitorAs(t, 'anonymous')], ['admin', scene.admin], ['officer', scene.officer], ['juror', scene.juror], ['juror2', scene.juror2]];
    const hostileQuery = `?${QUERY_KEYS.map((k) => `${k}=${encodeURIComponent(HOSTILE)}`).join('&')}`;
    for (const [who, v] of visitors) {
      for (const r of registeredRoutes(t.app).filter((x) => x.method === 'get' && x.path !== '/lang/:locale' && allows(specOf(x)!.policy, v.user))) {
        for (const url of urlsOf(r.path, world).flatMap((u) => (isDataUrl(u) ? [u] : [u, `${u}${hostileQuery}`]))) {
          const res = await v.agent.get(url).buffer(true).parse(binary);
          fetched.push({ who, route: label(r), url, status: res.status, type: String(res.headers['content-type'] ?? ''), body: res.body as Buffer });
        }
      }
    }
  }, 300_000);

  it('stored the hostile value in every free-text column people fill', async () => {
    const columns: Array<{ table_name: string; column_name: string }> = await t.ds.query(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb') ORDER BY 1, 2`,
    );
    const holding: string[] = [];
    for (const { table_name, column_name } of columns) {
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text LIKE $1`, [`%${'<script>alert(1)'}%`]);
      if (n) holding.push(`${table_name}.${column_name}`);
    }
    expect(holding).toEqual(expect.arrayContaining([
      'app_user.full_name', 'app_user.institution', 'cycle.name', 'cycle.description', 'category.name', 'category.description',
      'nominee.last_name', 'nominee.first_name', 'nominee.position', 'nominee.institution', 'nominee.specialty', 'nomination.achievements', 'nomination.motivation',
      'nomination.status_reason', 'criterion.name', 'criterion.description', 'criterion.rubric', 'conflict.reason', 'scorecard.comment',
      'deliberation.overrides', 'audit_event.reason', 'certificate_template.title', 'certificate_template.body', 'certificate_template.signatories', 'certificate.holder_name',
    ]));
  });

  it('shows it on no page unescaped, and escaped on every kind of page that shows these fields', () => {
    expect(fetched.filter((f) => f.status >= 500).map((f) => `${f.who} ${f.url} (${f.status})`)).toEqual([]);
    const pages = fetched.filter((f) => f.type.startsWith('text/html'));
    const raw = pages.filter((p) => RAW.some((r) => p.body.toString('utf8').includes(r))).map((p) => `${p.who} ${p.url} (${p.status})`);
    expect(raw).toEqual([]);
    const showing = new Set(pages.filter((p) => p.body.toString('utf8').includes(ESCAPED)).map((p) => p.route));
    expect([...showing]).toEqual(expect.arrayContaining([
      'GET /', 'GET /admin', 'GET /admin/audit', 'GET /admin/users', 'GET /admin/users/:id', 'GET /admin/cycles', 'GET /admin/cycles/:id', 'GET /admin/cycles/:id/edit',
      'GET /admin/categories/:id/edit', 'GET /admin/cycles/:id/nominations', 'GET /admin/nominations/:id', 'GET /admin/categories/:id/criteria',
      'GET /admin/categories/:id/criteria/:criterionId/edit', 'GET /admin/categories/:id/panel', 'GET /admin/categories/:id/matrix', 'GET /admin/categories/:id/conflicts',
      'GET /admin/scorecards/:id/history', 'GET /admin/cycles/:id/jury', 'GET /admin/cycles/:id/results', 'GET /admin/categories/:id/results',
      'GET /admin/cycles/:id/certificates', 'GET /admin/certificates/:id', 'GET /admin/cycles/:id/certificates/templates/:kind',
      'GET /officer', 'GET /officer/nominations/:id', 'GET /officer/nominees', 'GET /jury', 'GET /jury/nominations/:id',
      'GET /cycles/:slug/winners', 'GET /verify/:code', 'GET /verify', 'GET /admin/cycles/:id/phase',
    ]));
  });

  it('neutralises the formula in every CSV cell: a cell holding it starts with \'=', () => {
    const files = of('text/csv');
    expect(new Set(files.map((f) => f.route))).toEqual(new Set(['GET /admin/cycles/:id/nominations.csv', 'GET /admin/categories/:id/matrix.csv', 'GET /cycles/:slug/winners.csv', 'GET /admin/programmes/delegation-template.csv']));
    const routesHolding = new Set<string>();
    for (const f of files) {
      const cells = csvCells(f.body.toString('utf8'));
      const holding = cells.filter((c) => c.includes('HYPERLINK'));
      if (holding.length) routesHolding.add(f.route);
      expect({ url: f.url, bad: holding.filter((c) => !c.startsWith(`'=`)) }).toEqual({ url: f.url, bad: [] });
      expect({ url: f.url, formulas: cells.filter((c) => /^[=+@\t\r]/.test(c)) }).toEqual({ url: f.url, formulas: [] });
    }
    // the delegation template is a header row only: it holds nothing typed
    expect(routesHolding.size).toBe(3);
  });

  it('neutralises the formula in every XLSX cell and writes no formula element', () => {
    const files = of('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const sheet = readZip(f.body).get('xl/worksheets/sheet1.xml')!.toString('utf8');
      expect(sheet).not.toContain('<f>');
      expect(sheet).not.toContain('<script');
      const holding = xmlText(sheet).filter((c) => c.includes('HYPERLINK'));
      expect(holding.length).toBeGreaterThan(0);
      expect(holding.filter((c) => !c.startsWith(`'=`))).toEqual([]);
    }
  });

  it('prints it as plain text in every PDF, placeholders in data left as typed, and every PDF opens', () => {
    // uploaded documents come back byte for byte; what the app itself renders are the certificates
    const rendered = of('application/pdf').filter((f) => !f.route.includes('/documents/'));
    const pdfs = [...rendered.map((f) => ({ url: f.url, body: f.body })), ...of('application/zip').flatMap((f) => [...readZip(f.body)].map(([name, body]) => ({ url: `${f.url}#${name}`, body })))];
    expect(new Set(rendered.map((f) => f.route)).size).toBe(4);
    let literalPlaceholder = 0;
    for (const pdf of pdfs) {
      expect(Number(pdfInfo(pdf.body).Pages)).toBeGreaterThan(0);
      const text = flat(pdfText(pdf.body));
      expect({ url: pdf.url, markup: text.includes('<script>alert(1)</script>') }).toEqual({ url: pdf.url, markup: true });
      if (text.includes('{cycle.name}')) literalPlaceholder += 1;
    }
    expect(literalPlaceholder).toBeGreaterThan(0);
    for (const f of of('application/zip')) for (const name of readZip(f.body).keys()) expect(name).toMatch(/^[^/\\<>:"|?*]+\.pdf$/);
  });

  it('keeps it as data in JSON', () => {
    const files = of('application/json');
    expect(files.some((f) => f.route === 'GET /cycles/:slug/winners.json')).toBe(true);
    for (const f of files) expect(() => JSON.parse(f.body.toString('utf8'))).not.toThrow();
    const winners = fetched.find((f) => f.route === 'GET /cycles/:slug/winners.json' && f.status === 200)!;
    expect(JSON.stringify(JSON.parse(winners.body.toString('utf8')))).toContain(MARKUP.replace(/"/g, '\\"'));
  });

  it('echoes it escaped on every form sent back with what was typed', async () => {
    const fields = ['name', 'description', 'fullName', 'institution', 'email', 'reason', 'resetReason', 'comment', 'rubric', 'title', 'body', 'signatory1Name', 'signatory1Title', 'q', 'code', 'to',
      'nominee.lastName', 'nominee.firstName', 'nominee.position', 'nominee.institution', 'nominee.specialty', 'nominee.phone', 'achievements', 'motivation', 'slug', 'password', 'weight', 'scaleMin', 'next'];
    const world = await worldOf(t.ds);
    const visitors: Array<[string, Visitor]> = [['anonymous', await visitorAs(t, 'anonymous')], ['officer', scene.officer], ['juror', scene.juror], ['admin', scene.admin]];
    const raw: string[] = [];
    let echoed = 0;
    for (const [who, v] of visitors) {
      for (const r of logoutLast(registeredRoutes(t.app)).filter((x) => x.method === 'post' && x.path !== '/logout' && allows(specOf(x)!.policy, v.user))) {
        const res = await v.agent.post(urlsOf(r.path, world)[0]).type('form').send({ _csrf: v.csrf, ...Object.fromEntries(fields.map((f) => [f, HOSTILE])) });
        if (RAW.some((s) => res.text?.includes(s))) raw.push(`${who} ${label(r)} (${res.status})`);
        if (res.text?.includes(ESCAPED)) echoed += 1;
      }
    }
    expect(raw).toEqual([]);
    expect(echoed).toBeGreaterThan(15);
  });
});
