import request from 'supertest';
import { signIn, useTestApp } from '../support/harness';
import { registeredRoutes, sampleUrl, specOf } from '../support/routes';
import { allows, POLICY_NAMES } from '../../src/auth/policies';
import type { SessionUser } from '../../src/auth/session-user';

const roleUser = (role: SessionUser['role']): SessionUser => ({
  id: 1, email: 'x@example.org', fullName: 'X', role, municipalityId: role === 'officer' ? 1 : null, municipalityName: null, institution: null,
});

describe('authorization, walked from the router', () => {
  const t = useTestApp();

  it('has a declared policy for every route the router holds', () => {
    const routes = registeredRoutes(t.app);
    expect(routes.length).toBeGreaterThan(10);
    const undeclared = routes.filter((r) => !specOf(r));
    expect(undeclared).toEqual([]);
  });

  it('sends an anonymous visitor of every non-public page to /login, and answers 401 to data requests', async () => {
    const protectedRoutes = registeredRoutes(t.app).filter((r) => specOf(r)!.policy !== 'public');
    for (const r of protectedRoutes) {
      const url = sampleUrl(r.path);
      const res = await (r.method === 'get' ? request(t.app).get(url) : request(t.app).post(url).type('form').send({}));
      const isData = /\.[a-z0-9]{2,5}$/i.test(url);
      if (isData) expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 401 });
      else {
        expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 303 });
        expect(res.headers.location).toMatch(/^\/login/);
      }
    }
  });

  it.each(['admin@example.org', 'officer@example.org', 'juror@example.org'])('refuses %s every page of the other roles', async (email) => {
    const { agent, csrf } = await signIn(t.app, email);
    const me = (await t.ds.query(`SELECT role, municipality_id FROM app_user WHERE email = $1`, [email]))[0];
    const user = { ...roleUser(me.role), municipalityId: me.municipality_id };
    const forbidden = registeredRoutes(t.app).filter((r) => !allows(specOf(r)!.policy, user));
    expect(forbidden.length).toBeGreaterThan(0);
    for (const r of forbidden) {
      const url = sampleUrl(r.path);
      const res = await (r.method === 'get' ? agent.get(url) : agent.post(url).type('form').send({ _csrf: csrf }));
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 403 });
    }
  });

  it('lets each role through to its own start page and no policy lets an anonymous visitor past but "public"', () => {
    for (const p of POLICY_NAMES) expect(allows(p, undefined)).toBe(p === 'public');
    expect(allows('admin', roleUser('admin'))).toBe(true);
    expect(allows('officer', roleUser('officer'))).toBe(true);
    expect(allows('officer', { ...roleUser('officer'), municipalityId: null })).toBe(false);
    expect(allows('juror', roleUser('juror'))).toBe(true);
  });
});
