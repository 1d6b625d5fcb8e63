import request from 'supertest';
import { useTestApp } from '../support/harness';
import { registeredRoutes, sampleUrl, specOf, type RegisteredRoute } from '../support/routes';
import { allows, POLICY_NAMES, type PolicyName } from '../../src/auth/policies';
import type { SessionUser } from '../../src/auth/session-user';
import { answers, expectedFor, isDataUrl, label, logoutLast, PERSONAS, visitorAs, type Expected, type Persona } from './support';

const roleUser = (role: SessionUser['role']): SessionUser => ({
  id: 1, email: 'x@example.org', fullName: 'X', role, municipalityId: role === 'officer' ? 1 : null, municipalityName: null, institution: null,
});

/**
 * What a visitor without an account may reach, typed here on purpose and not read from the router: a
 * route wrongly declared `public` in the code would pass a check computed with the router's own rules.
 * A new public route is added here, knowingly.
 */
const PUBLIC_ROUTES = [
  'GET /', 'GET /healthz', 'GET /lang/:locale', 'GET /login', 'POST /login', 'GET /invite/:token', 'POST /invite/:token',
  'GET /winners', 'GET /cycles/:slug/winners', 'GET /cycles/:slug/winners.csv', 'GET /cycles/:slug/winners.json', 'GET /cycles/:slug/scores.json',
  'GET /verify', 'GET /verify/:code', 'GET /certificates/:file',
  'GET /programmes/:slug',
  'GET /events/:slug', 'POST /events/:slug/register', 'GET /events/:slug/r/:token',
  'POST /events/:slug/r/:token/confirm', 'POST /events/:slug/r/:token/accept', 'POST /events/:slug/r/:token/cancel',
  'GET /events/:slug/r/:token/badge.pdf', 'GET /events/:slug/r/:token/qr.png',
  'GET /participation/:token', 'POST /participation/:token/confirm', 'POST /participation/:token/decline',
  'GET /password/forgot', 'POST /password/forgot', 'GET /password/reset/:token', 'POST /password/reset/:token',
];

/** Whole areas belong to one role, by their path. */
const AREAS: Array<[RegExp, PolicyName]> = [
  [/^\/admin(\/|$)/, 'admin'],
  // an event's door: its registrars, and the admin standing in for them
  [/^\/checkin(\/|$)/, 'door'],
  [/^\/officer(\/|$)/, 'officer'],
  // a host institution's coordinator of programme tracks (issue 12)
  [/^\/coordinator(\/|$)/, 'coordinator'],
  [/^\/jury(\/|$)/, 'juror'],
];

/** The policy a route must have, from its path alone: listed public, an area's role, or else anyone signed in. */
function requiredPolicy(r: RegisteredRoute): PolicyName {
  if (PUBLIC_ROUTES.includes(label(r))) return 'public';
  return AREAS.find(([prefix]) => prefix.test(r.path))?.[1] ?? 'signedIn';
}

/** The same expectation as expectedFor(), worked out without the app's policies: roles by name. */
function requiredAnswer(r: RegisteredRoute, persona: Persona, url: string): Expected {
  const policy = requiredPolicy(r);
  const admitted = policy === 'public' || (persona !== 'anonymous' && (policy === 'signedIn' || policy === persona || (policy === 'door' && persona === 'admin')));
  if (admitted) return 'allowed';
  if (persona !== 'anonymous') return 'forbidden';
  return isDataUrl(url) ? 'unauthorized' : 'toLogin';
}

/**
 * Every route the router holds × every kind of visitor. What each must answer is worked out twice, and
 * both must agree: from the route's declared policy (as the router enforces it), and independently from
 * its path (the public list above, the role of its area, signed-in for the rest), so a route declared with
 * too weak a policy fails here. Allowed → anything but 401/403/5xx (a sample id may well be 404);
 * refused → the sign-in page (an anonymous page), 401 (anonymous data), or 403 (a signed-in person of
 * another role). POSTs carry a valid CSRF token, so what is tested is the policy, not the token.
 */
describe('the route matrix: every route × anonymous, admin, officer, juror', () => {
  const t = useTestApp();

  it('has a declared policy for every route the router holds', () => {
    const routes = registeredRoutes(t.app);
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter((r) => !specOf(r)).map(label)).toEqual([]);
  });

  it('declares every route the policy its path calls for: public only if listed here, /admin admins, /officer officers, /jury jurors, the rest anyone signed in', () => {
    const routes = registeredRoutes(t.app);
    const wrong = routes.filter((r) => specOf(r)?.policy !== requiredPolicy(r)).map((r) => `${label(r)}: declared ${specOf(r)?.policy}, must be ${requiredPolicy(r)}`);
    expect(wrong).toEqual([]);
    // the list names real routes (a route renamed or removed is taken off it, not left to admit a future one)
    expect(PUBLIC_ROUTES.filter((l) => !routes.some((r) => label(r) === l))).toEqual([]);
    for (const [prefix, role] of AREAS) expect({ role, routes: routes.filter((r) => prefix.test(r.path)).length > 3 }).toEqual({ role, routes: true });
  });

  it('refuses a visitor with no session at all on every route not listed as public: the sign-in page for pages, 401 for data, before any CSRF check', async () => {
    const wrong: string[] = [];
    let refused = 0;
    for (const r of registeredRoutes(t.app).filter((route) => requiredPolicy(route) !== 'public')) {
      const url = sampleUrl(r.path);
      // no cookie, no token: the policy must turn it away before the CSRF check would (a 403 here is wrong)
      const res = r.method === 'get' ? await request(t.app).get(url) : await request(t.app).post(url).type('form').send({ name: 'x' });
      const expected = isDataUrl(url) ? 'unauthorized' : 'toLogin';
      if (!answers(expected, res)) wrong.push(`${label(r)} → ${res.status} ${res.headers.location ?? ''} (expected ${expected})`);
      else refused += 1;
      if (r.method === 'get' && expected === 'toLogin' && res.status === 303) {
        // the page to come back to after signing in is its own URL, not a page of somebody's choosing
        if (res.headers.location !== `/login?next=${encodeURIComponent(url)}`) wrong.push(`${label(r)} → ${res.headers.location}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(refused).toBeGreaterThan(70);
  });

  it('lets no policy but "public" admit an anonymous visitor, and each role only its own', () => {
    for (const p of POLICY_NAMES) expect(allows(p, undefined)).toBe(p === 'public');
    expect(allows('admin', roleUser('admin'))).toBe(true);
    expect(allows('admin', roleUser('officer'))).toBe(false);
    expect(allows('officer', roleUser('officer'))).toBe(true);
    expect(allows('officer', { ...roleUser('officer'), municipalityId: null })).toBe(false);
    expect(allows('juror', roleUser('juror'))).toBe(true);
    expect(allows('juror', roleUser('admin'))).toBe(false);
  });

  it.each(PERSONAS)('answers %s on every route as its path and the public list say, and as its declared policy says', async (persona) => {
    const visitor = await visitorAs(t, persona);
    const wrong: Array<{ route: string; expected: Expected; status: number; location?: string }> = [];
    const disagree: string[] = [];
    const tally: Record<Expected, number> = { allowed: 0, toLogin: 0, unauthorized: 0, forbidden: 0 };
    for (const r of logoutLast(registeredRoutes(t.app))) {
      const url = sampleUrl(r.path);
      const expected = requiredAnswer(r, persona, url);
      const declared = expectedFor(specOf(r)!.policy, visitor.user, url);
      if (declared !== expected) disagree.push(`${label(r)}: the declared policy gives ${declared}, the path calls for ${expected}`);
      tally[expected] += 1;
      const res = r.method === 'get' ? await visitor.agent.get(url) : await visitor.agent.post(url).type('form').send({ _csrf: visitor.csrf });
      if (!answers(expected, res)) wrong.push({ route: label(r), expected, status: res.status, location: res.headers.location });
    }
    expect(disagree).toEqual([]);
    expect(wrong).toEqual([]);
    // the walk really met both sides of the policy for this visitor
    expect(tally.allowed).toBeGreaterThan(5);
    expect(tally.toLogin + tally.unauthorized + tally.forbidden).toBeGreaterThan(5);
    if (persona === 'anonymous') expect(tally.unauthorized).toBeGreaterThan(3);
  }, 60_000);
});
