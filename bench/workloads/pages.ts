import { load } from '../load';
import { measure, type Measurement } from '../report';

/** The public winners page against the bare Express route, 16 connections. */
export async function winnersPage(appUrl: string, baselineRps: number, seconds: number): Promise<Measurement[]> {
  const r = await load(`${appUrl}/cycles/pediatrics-as-art-2025/winners`, seconds);
  return [
    measure('public winners page', 'req/s', r.reqPerSec, 'req/s', '≥ 50 % of bare Express', r.reqPerSec >= 0.5 * baselineRps, baselineRps),
    measure('public winners page', 'p99 latency', r.p99, 'ms', '< 50 ms', r.p99 < 50),
    measure('public winners page', 'errors', r.errors + r.non2xx, 'responses', '0', r.errors + r.non2xx === 0),
  ];
}

/** The juror's dashboard and a scorecard page, signed in as juror@example.org, 16 connections. */
export async function jurorPages(appUrl: string, baselineRps: number, seconds: number): Promise<Measurement[]> {
  const { cookie, scorecardPath } = await signInAsJuror(appUrl);
  const out: Measurement[] = [];
  for (const [name, p] of [['juror dashboard', '/jury'], ['scorecard page', scorecardPath]] as const) {
    const r = await load(`${appUrl}${p}`, seconds, { cookie });
    out.push(
      measure(name, 'req/s', r.reqPerSec, 'req/s', '≥ 20 % of bare Express', r.reqPerSec >= 0.2 * baselineRps, baselineRps),
      measure(name, 'p99 latency', r.p99, 'ms', '< 100 ms', r.p99 < 100),
      measure(name, 'errors', r.errors + r.non2xx, 'responses', '0', r.errors + r.non2xx === 0),
    );
  }
  return out;
}

/** Signs in through the form and opens a scorecard the juror has confirmed (confirming one if needed). */
async function signInAsJuror(appUrl: string): Promise<{ cookie: string; scorecardPath: string }> {
  const form = await fetch(`${appUrl}/login`);
  let cookie = sessionCookie(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
  const login = await fetch(`${appUrl}/login`, {
    method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'juror@example.org', password: 'laureate-demo', _csrf: csrf }),
  });
  if (login.status !== 303) throw new Error(`juror sign-in failed: ${login.status}`);
  cookie = sessionCookie(login);
  const home = await (await fetch(`${appUrl}/jury`, { headers: { cookie } })).text();
  const id = /href="\/jury\/nominations\/(\d+)"/.exec(home)?.[1];
  if (!id) throw new Error('the juror has no assignment to open');
  const page = await (await fetch(`${appUrl}/jury/nominations/${id}`, { headers: { cookie } })).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (page.includes(`/jury/nominations/${id}/confirm`) && token) {
    await fetch(`${appUrl}/jury/nominations/${id}/confirm`, {
      method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: token }),
    });
  }
  return { cookie, scorecardPath: `/jury/nominations/${id}` };
}

function sessionCookie(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('laureate.sid='));
  if (!set) throw new Error('no session cookie');
  return set.split(';')[0];
}
