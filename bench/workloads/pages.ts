import { load } from '../load';
import { measure, type Measurement } from '../report';
import { signIn } from './sign-in';

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

/** Signs in as the demo juror and opens a scorecard the juror has confirmed (confirming one if needed). */
async function signInAsJuror(appUrl: string): Promise<{ cookie: string; scorecardPath: string }> {
  const cookie = await signIn(appUrl, 'juror@example.org');
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
