import request from 'supertest';
import type { DataSource } from 'typeorm';
import { csrfOf, signIn, type Agent, type TestApp } from '../support/harness';
import type { RegisteredRoute } from '../support/routes';
import { allows, type PolicyName } from '../../src/auth/policies';
import { loadSessionUser } from '../../src/auth/users-query';
import type { SessionUser } from '../../src/auth/session-user';

/** Who visits: nobody signed in, or one of the three roles (the demo accounts). */
export const PERSONAS = ['anonymous', 'admin', 'officer', 'juror'] as const;
export type Persona = (typeof PERSONAS)[number];
export const EMAIL = { admin: 'admin@example.org', officer: 'officer@example.org', juror: 'juror@example.org' } as const;

export interface Visitor {
  persona: Persona;
  agent: Agent;
  /** a valid CSRF token of the visitor's session (an anonymous visitor gets one from the sign-in form) */
  csrf: string;
  user?: SessionUser;
}

export async function sessionUserOf(ds: DataSource, email: string): Promise<SessionUser> {
  const [{ id }] = await ds.query(`SELECT id FROM app_user WHERE email = $1`, [email]);
  const user = await loadSessionUser(ds.manager, id);
  if (!user) throw new Error(`${email} is not an active user`);
  return user;
}

/** A visitor signed in through the real form, or an anonymous one holding the session and token of /login. */
export async function visitorAs(t: TestApp, persona: Persona, email?: string): Promise<Visitor> {
  if (persona === 'anonymous') {
    const agent = request.agent(t.app);
    return { persona, agent, csrf: csrfOf((await agent.get('/login')).text) };
  }
  const address = email ?? EMAIL[persona];
  const { agent, csrf } = await signIn(t.app, address);
  return { persona, agent, csrf, user: await sessionUserOf(t.ds, address) };
}

export const label = (r: Pick<RegisteredRoute, 'method' | 'path'>) => `${r.method.toUpperCase()} ${r.path}`;

/** Downloads (.csv, .pdf, .json, …) are data: an anonymous request gets 401, not the sign-in page. */
export const isDataUrl = (url: string) => /\.[a-z0-9]{2,5}$/i.test(url.split('?')[0]);

export type Expected = 'allowed' | 'toLogin' | 'unauthorized' | 'forbidden';

/** What a route must answer a visitor, derived from its declared policy only. */
export function expectedFor(policy: PolicyName, user: SessionUser | undefined, url: string): Expected {
  if (allows(policy, user)) return 'allowed';
  if (user) return 'forbidden';
  return isDataUrl(url) ? 'unauthorized' : 'toLogin';
}

export function answers(expected: Expected, res: { status: number; headers: Record<string, string> }): boolean {
  switch (expected) {
    case 'allowed':
      return res.status !== 401 && res.status !== 403 && res.status < 500;
    case 'toLogin':
      return res.status === 303 && /^\/login/.test(res.headers.location ?? '');
    case 'unauthorized':
      return res.status === 401;
    case 'forbidden':
      return res.status === 403;
  }
}

/** Signing out ends the session the rest of a walk needs: it goes last. */
export const logoutLast = (routes: RegisteredRoute[]) => [...routes.filter((r) => r.path !== '/logout'), ...routes.filter((r) => r.path === '/logout')];

/** Reads a response's bytes whatever its type (supertest only buffers text). */
export function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/**
 * A fingerprint of every table's rows (count and an md5 of the contents), so "nothing changed" is checked
 * generically — an UPDATE shows as well as an INSERT. Sessions and login throttling are bookkeeping of the
 * requests themselves and are left out.
 */
export async function tableFingerprints(ds: DataSource): Promise<Record<string, string>> {
  const tables: Array<{ tablename: string }> = await ds.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('typeorm_migrations', 'session', 'login_throttle') ORDER BY tablename`,
  );
  const out: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [row] = await ds.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${tablename}" t`);
    out[tablename] = `${row.n}:${row.h}`;
  }
  return out;
}

/** Real values for every route parameter, read from whatever the database holds now. */
export interface World {
  cycles: number[];
  slugs: string[];
  categories: number[];
  criteria: Array<[number, number]>;
  nominations: number[];
  documents: Array<[number, number]>;
  scorecards: number[];
  users: number[];
  certificates: number[];
  codes: string[];
  events: number[];
  eventSlugs: string[];
  tracks: number[];
}

export async function worldOf(ds: DataSource): Promise<World> {
  const ids = async (sql: string) => (await ds.query(sql)).map((r: { v: number | string }) => r.v);
  const pairs = async (sql: string) => (await ds.query(sql)).map((r: { a: number; b: number }) => [r.a, r.b] as [number, number]);
  return {
    cycles: await ids(`SELECT id AS v FROM cycle ORDER BY id`),
    slugs: await ids(`SELECT slug AS v FROM cycle ORDER BY id`),
    categories: await ids(`SELECT id AS v FROM category ORDER BY id`),
    criteria: await pairs(`SELECT category_id AS a, id AS b FROM criterion ORDER BY id`),
    nominations: await ids(`SELECT id AS v FROM nomination ORDER BY id`),
    documents: await pairs(`SELECT nomination_id AS a, id AS b FROM attachment ORDER BY id`),
    scorecards: await ids(`SELECT id AS v FROM scorecard ORDER BY id`),
    users: await ids(`SELECT id AS v FROM app_user ORDER BY id`),
    certificates: await ids(`SELECT id AS v FROM certificate ORDER BY id`),
    codes: await ids(`SELECT code AS v FROM certificate ORDER BY id`),
    events: await ids(`SELECT id AS v FROM event ORDER BY id`),
    eventSlugs: await ids(`SELECT slug AS v FROM event ORDER BY id`),
    tracks: await ids(`SELECT id AS v FROM track ORDER BY id`),
  };
}

/**
 * Concrete URLs of a route pattern with real ids (every matching object, or pair of objects for nested ids),
 * so a walk reaches the pages as they are really shown. Parameters without stored values get a sample.
 */
export function urlsOf(path: string, w: World): string[] {
  const fill = (values: Record<string, unknown>) => path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(String(values[name] ?? 'sample')));
  const each = (name: string, list: unknown[]) => (list.length ? list.map((v) => fill({ [name]: v })) : [fill({})]);
  if (path.includes(':eventId')) return each('eventId', w.events);
  if (path.startsWith('/admin/events/:id')) return each('id', w.events);
  if (path.includes(':criterionId')) return w.criteria.length ? w.criteria.map(([id, criterionId]) => fill({ id, criterionId })) : [fill({})];
  if (path.includes(':docId')) return w.documents.length ? w.documents.map(([id, docId]) => fill({ id, docId })) : [fill({})];
  if (path.includes(':kind')) return w.cycles.flatMap((id) => ['winner', 'nominee', 'juror'].map((kind) => fill({ id, kind })));
  if (path.startsWith('/admin/cycles/:id') || path.includes(':cycleId')) return each(path.includes(':cycleId') ? 'cycleId' : 'id', w.cycles);
  if (path.startsWith('/admin/categories/')) return each('id', w.categories);
  if (path.startsWith('/admin/scorecards/')) return each('id', w.scorecards);
  if (path.startsWith('/admin/users/:id')) return each('id', w.users);
  if (path.startsWith('/admin/certificates/')) return each('id', w.certificates);
  if (path.startsWith('/admin/tracks/:id') || path.startsWith('/coordinator/tracks/:id')) return each('id', w.tracks);
  if (path.startsWith('/events/:slug')) return each('slug', w.eventSlugs);
  if (path.includes(':slug')) return each('slug', w.slugs);
  if (path.includes(':code')) return each('code', w.codes);
  if (path.includes(':file')) return each('file', w.codes.map((c) => `${c}.pdf`));
  if (path.includes(':locale')) return each('locale', ['ru', 'en']);
  if (path.includes('nominations/:id')) return each('id', w.nominations);
  return [fill({})];
}

/** The text a reader sees: tags removed, then Handlebars' entities turned back into characters. */
export function readable(html: string): string {
  const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'", '&#x3D;': '=', '&#x60;': '`', '&amp;': '&' };
  return html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').replace(/&(lt|gt|quot|amp|#x27|#39|#x3D|#x60);/g, (e) => entities[e]);
}
