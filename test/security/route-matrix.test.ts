import { useTestApp } from '../support/harness';
import { registeredRoutes, sampleUrl, specOf } from '../support/routes';
import { allows, POLICY_NAMES } from '../../src/auth/policies';
import type { SessionUser } from '../../src/auth/session-user';
import { answers, expectedFor, label, logoutLast, PERSONAS, visitorAs, type Expected } from './support';

const roleUser = (role: SessionUser['role']): SessionUser => ({
  id: 1, email: 'x@example.org', fullName: 'X', role, municipalityId: role === 'officer' ? 1 : null, municipalityName: null, institution: null,
});

/**
 * Every route the router holds × every kind of visitor. What each must answer is computed from the route's
 * declared policy (never typed here): allowed → anything but 401/403/5xx (a sample id may well be 404);
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

  it('lets no policy but "public" admit an anonymous visitor, and each role only its own', () => {
    for (const p of POLICY_NAMES) expect(allows(p, undefined)).toBe(p === 'public');
    expect(allows('admin', roleUser('admin'))).toBe(true);
    expect(allows('admin', roleUser('officer'))).toBe(false);
    expect(allows('officer', roleUser('officer'))).toBe(true);
    expect(allows('officer', { ...roleUser('officer'), municipalityId: null })).toBe(false);
    expect(allows('juror', roleUser('juror'))).toBe(true);
    expect(allows('juror', roleUser('admin'))).toBe(false);
  });

  it.each(PERSONAS)('answers %s on every route as the route\'s policy says', async (persona) => {
    const visitor = await visitorAs(t, persona);
    const wrong: Array<{ route: string; expected: Expected; status: number; location?: string }> = [];
    const tally: Record<Expected, number> = { allowed: 0, toLogin: 0, unauthorized: 0, forbidden: 0 };
    for (const r of logoutLast(registeredRoutes(t.app))) {
      const url = sampleUrl(r.path);
      const expected = expectedFor(specOf(r)!.policy, visitor.user, url);
      tally[expected] += 1;
      const res = r.method === 'get' ? await visitor.agent.get(url) : await visitor.agent.post(url).type('form').send({ _csrf: visitor.csrf });
      if (!answers(expected, res)) wrong.push({ route: label(r), expected, status: res.status, location: res.headers.location });
    }
    expect(wrong).toEqual([]);
    // the walk really met both sides of the policy for this visitor
    expect(tally.allowed).toBeGreaterThan(5);
    expect(tally.toLogin + tally.unauthorized + tally.forbidden).toBeGreaterThan(5);
    if (persona === 'anonymous') expect(tally.unauthorized).toBeGreaterThan(3);
  }, 60_000);
});
