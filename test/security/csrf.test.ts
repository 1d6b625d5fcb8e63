import { useTestApp } from '../support/harness';
import { registeredRoutes, specOf } from '../support/routes';
import { completeFields, postForm, PDF } from '../support/officer-forms';
import { solidPng } from '../certificates/images';
import { allows } from '../../src/auth/policies';
import { seedDemo } from '../../src/demo/seed';
import { label, logoutLast, tableFingerprints, urlsOf, visitorAs, worldOf, type Persona, type Visitor, type World } from './support';

/** A body that most forms would accept: what a forged cross-site form would send. */
const PLAUSIBLE = {
  version: '1', action: 'save', decision: 'accept', reason: 'причина', direction: 'up', kind: 'winner', method: 'raw', blind: 'on', publicScores: 'on',
  to: 'screening', name: 'Подделка', fullName: 'Подделка Подделкова', role: 'officer', comment: 'подделка', jurorId: '1', nominationId: '1', ids: '1',
};

/** At most a handful of concrete URLs per route, spread over the real objects. */
const someUrls = (path: string, w: World) => {
  const all = urlsOf(path, w);
  const step = Math.max(1, Math.floor(all.length / 2));
  return all.filter((_u, i) => i % step === 0).slice(0, 2);
};

/**
 * The synchronizer token: every state-changing route, enumerated from the router, refuses a request without
 * the session's token — none, a made-up one, another session's valid one, a wrong header — with 403, and no
 * table changes. The same requests with the right token are then let through (so the 403 was the token's).
 */
describe('CSRF protection of every state-changing route', () => {
  const t = useTestApp({ seed: false });
  let world: World;

  beforeAll(async () => {
    await t.ds.transaction((m) => seedDemo(m));
    world = await worldOf(t.ds);
  });

  const postsFor = (v: Visitor) => logoutLast(registeredRoutes(t.app).filter((r) => r.method !== 'get' && allows(specOf(r)!.policy, v.user)));

  it('refuses a multipart nomination with a file and an empty or forged token, storing no nomination, nominee or file', async () => {
    const officer = await visitorAs(t, 'officer');
    const [cycle] = await t.ds.query(`SELECT c.id, k.id AS category_id FROM cycle c JOIN category k ON k.cycle_id = c.id WHERE c.status = 'nominations_open' ORDER BY k.id LIMIT 1`);
    const [own] = await t.ds.query(`SELECT id, version FROM nomination WHERE municipality_id = (SELECT municipality_id FROM app_user WHERE email = 'officer@example.org') AND status = 'draft' LIMIT 1`);
    const fields = { ...completeFields(cycle.category_id, { 'nominee.lastName': 'Подложная' }), action: 'submit' };
    const before = await tableFingerprints(t.ds);
    for (const token of ['', 'forged-token']) {
      const create = postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, token, fields, [{ name: 'ходатайство.pdf', data: PDF }]);
      expect((await create).status).toBe(403);
      const save = postForm(officer.agent, `/officer/nominations/${own.id}`, token, { ...fields, version: own.version }, [{ name: 'скан.pdf', data: PDF }]);
      expect((await save).status).toBe(403);
    }
    expect(await tableFingerprints(t.ds)).toEqual(before);
    // with the token the same form is stored, file and all
    const real = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...fields, action: 'save' }, [{ name: 'ходатайство.pdf', data: PDF }]);
    expect(real.status).toBe(303);
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM attachment a JOIN nomination n ON n.id = a.nomination_id JOIN nominee p ON p.id = n.nominee_id WHERE p.last_name = 'Подложная'`)).toEqual([{ n: 1 }]);
  });

  it('refuses a multipart certificate template with an emblem and no token, storing no template version', async () => {
    const admin = await visitorAs(t, 'admin');
    const url = `/admin/cycles/${world.cycles[0]}/certificates/templates/winner`;
    const form = (token?: string) => {
      let req = admin.agent.post(url);
      if (token) req = req.field('_csrf', token);
      return req.field('title', 'Подделка').field('body', '{nominee.fullName}').field('accentColor', '#1d4f91').attach('emblem', solidPng(), 'герб.png');
    };
    const before = await tableFingerprints(t.ds);
    expect((await form()).status).toBe(403);
    expect((await form('forged-token')).status).toBe(403);
    expect(await tableFingerprints(t.ds)).toEqual(before);
    expect((await form(admin.csrf)).status).toBe(303);
  });

  // the admin last: the checks with a valid token change data the others' walks use
  it.each<Persona>(['anonymous', 'officer', 'juror', 'admin'])('refuses %s on every POST it may use when the token is missing, forged or another session\'s', async (persona) => {
    const v = await visitorAs(t, persona);
    const stranger = await visitorAs(t, persona === 'admin' ? 'juror' : 'admin');
    const posts = postsFor(v);
    expect(posts.length).toBeGreaterThan(persona === 'anonymous' ? 1 : 2);
    const before = await tableFingerprints(t.ds);
    const wrong: string[] = [];
    for (const r of posts) {
      for (const url of someUrls(r.path, world)) {
        const attempts = [
          v.agent.post(url).type('form').send(PLAUSIBLE),
          v.agent.post(url).type('form').send({ ...PLAUSIBLE, _csrf: 'forged-token' }),
          v.agent.post(url).type('form').send({ ...PLAUSIBLE, _csrf: v.csrf.slice(0, -1) + (v.csrf.endsWith('A') ? 'B' : 'A') }),
          v.agent.post(url).type('form').send({ ...PLAUSIBLE, _csrf: stranger.csrf }),
          v.agent.post(url).type('form').set('X-CSRF-Token', stranger.csrf).send(PLAUSIBLE),
        ];
        for (const [i, attempt] of attempts.entries()) {
          const res = await attempt;
          if (res.status !== 403) wrong.push(`${url} (attempt ${i}): ${res.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await tableFingerprints(t.ds)).toEqual(before);
    if (persona !== 'anonymous') await v.agent.get('/account/password').expect(200); // a forged sign-out did not sign out

    // the same requests with the session's own token (in the form, or in the header) are not refused as forged
    for (const r of posts) {
      const url = someUrls(r.path, world)[0];
      const res = await v.agent.post(url).type('form').set('X-CSRF-Token', r.path === '/login' ? 'x' : v.csrf).send({ ...PLAUSIBLE, ...(r.path === '/login' ? { _csrf: v.csrf } : {}) });
      expect({ route: label(r), refused: res.status === 403 }).toEqual({ route: label(r), refused: false });
    }
  }, 120_000);
});
