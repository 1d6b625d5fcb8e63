import type { DataSource } from 'typeorm';
import { useTestApp } from '../support/harness';
import { registeredRoutes, sampleUrl } from '../support/routes';
import { seedDemo } from '../../src/demo/seed';
import type { SessionUser } from '../../src/auth/session-user';
import { binary, label, PERSONAS, tableFingerprints, urlsOf, visitorAs, worldOf, type World } from './support';

/** A few of a list, spread over it. */
const spread = <T>(list: T[], n: number) => list.filter((_v, i) => i % Math.max(1, Math.floor(list.length / n)) === 0).slice(0, n);

/**
 * A few concrete URLs per route: the sample the route matrix uses, objects of the visitor's own (an
 * officer's municipality, a juror's assignments), so their pages really open, and others' objects.
 */
const urlsToRead = (path: string, all: World, own: World) => [...new Set([sampleUrl(path), ...spread(urlsOf(path, own), 3), ...spread(urlsOf(path, all), 2)])];

/** The demo world as far as it is the visitor's own. */
async function ownWorld(ds: DataSource, all: World, user?: SessionUser): Promise<World> {
  const mine = (sql: string, param: number | null) => ds.query(sql, [param]).then((rows: Array<{ id: number }>) => new Set(rows.map((r) => r.id)));
  let nominations: Set<number> | undefined;
  if (user?.role === 'officer') nominations = await mine(`SELECT id FROM nomination WHERE municipality_id = $1`, user.municipalityId);
  if (user?.role === 'juror') nominations = await mine(`SELECT nomination_id AS id FROM assignment WHERE juror_id = $1`, user.id);
  if (!nominations) return all;
  return { ...all, nominations: all.nominations.filter((id) => nominations.has(id)), documents: all.documents.filter(([id]) => nominations.has(id)) };
}

/**
 * CSRF's other half: a cross-site page can make a browser send any GET (an <img>, a link), with the
 * person's cookies and no token, so no GET may change anything. Every GET route the router holds is read by
 * every kind of visitor — the pages and downloads they may open and those they are refused — on the demo
 * region, and every domain table is compared before and after: its row count and a checksum of its rows.
 *
 * Left out of the comparison (tableFingerprints): `session`, which express-session writes on requests by
 * design (a new anonymous session, the expiry pushed on, a flash message read and removed), and
 * `login_throttle`, the sign-in attempts the visitors' own sign-ins wrote. Both are the bookkeeping of the
 * requests themselves, not data of the award; neither holds anything a forged request could use.
 */
describe('reading changes nothing: every GET route, as every visitor', () => {
  const t = useTestApp({ seed: false });
  let world: World;

  beforeAll(async () => {
    await t.ds.transaction((m) => seedDemo(m));
    world = await worldOf(t.ds);
  });

  it.each(PERSONAS)('leaves every domain table as it was after %s reads every GET route, allowed or not', async (persona) => {
    const visitor = await visitorAs(t, persona); // signed in before the first fingerprint: signing in is a write
    const own = await ownWorld(t.ds, world, visitor.user);
    const gets = registeredRoutes(t.app).filter((r) => r.method === 'get');
    expect(gets.length).toBeGreaterThan(40);
    const before = await tableFingerprints(t.ds);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['nomination', 'scorecard', 'certificate', 'audit_event', 'app_user']));
    const failed: string[] = [];
    const signedOutHeader: string[] = [];
    const answered: Record<string, number> = {};
    for (const r of gets) {
      for (const url of urlsToRead(r.path, world, own)) {
        // read to the end, downloads too: a streamed ZIP or PDF is only finished when its last byte is sent
        const res = await visitor.agent.get(url).buffer(true).parse(binary);
        if (res.status >= 500) failed.push(`${label(r)} ${url} → ${res.status}`);
        // a page's own data must never hide who is signed in (a view model once shadowed the header's menu)
        const html = String(res.headers['content-type'] ?? '').startsWith('text/html') ? Buffer.from(res.body).toString('utf8') : '';
        if (persona !== 'anonymous' && res.status === 200 && html.includes('class="site-header"') && !html.includes('action="/logout"')) signedOutHeader.push(url);
        const kind = `${Math.floor(res.status / 100)}xx`;
        answered[kind] = (answered[kind] ?? 0) + 1;
      }
    }
    expect(failed).toEqual([]);
    expect(signedOutHeader).toEqual([]);
    // a write the app would do after answering (fire and forget) has had time to land
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await tableFingerprints(t.ds)).toEqual(before);
    // the walk really read pages, not only refusals
    expect(answered['2xx']).toBeGreaterThan(10);
    await visitor.agent.get(persona === 'anonymous' ? '/login' : '/account/password').expect(200);
  }, 120_000);
});
