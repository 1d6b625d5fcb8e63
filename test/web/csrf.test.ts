import { signIn, useTestApp } from '../support/harness';
import { registeredRoutes, sampleUrl, specOf } from '../support/routes';
import { allows } from '../../src/auth/policies';

describe('CSRF protection', () => {
  const t = useTestApp();

  it.each(['admin@example.org', 'officer@example.org', 'juror@example.org'])(
    'refuses every state-changing route allowed to %s when the token is missing or wrong, and changes nothing',
    async (email) => {
      const { agent } = await signIn(t.app, email);
      const me = (await t.ds.query(`SELECT id, role, municipality_id AS "municipalityId" FROM app_user WHERE email = $1`, [email]))[0];
      const before = await t.ds.query(`SELECT count(*)::int AS n FROM audit_event`);
      const posts = registeredRoutes(t.app).filter((r) => r.method !== 'get' && allows(specOf(r)!.policy, me));
      expect(posts.length).toBeGreaterThan(0);
      for (const r of posts) {
        for (const token of [undefined, 'forged-token']) {
          const res = await agent.post(sampleUrl(r.path)).type('form').send(token ? { _csrf: token } : {});
          expect({ route: r.path, status: res.status }).toEqual({ route: r.path, status: 403 });
        }
      }
      const after = await t.ds.query(`SELECT count(*)::int AS n FROM audit_event`);
      expect(after[0].n).toBe(before[0].n);
      // still signed in: logout without a token did not sign the person out
      const home = await agent.get('/account/password');
      expect(home.status).toBe(200);
    },
  );
});
