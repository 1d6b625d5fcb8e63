import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { load } from '../load';
import { startApp } from '../processes';
import { measure, type Measurement } from '../report';
import { signIn } from './sign-in';

const run = promisify(execFile);

/** The public winners page against the bare Express route, 16 connections. */
export async function winnersPage(appUrl: string, baselineRps: number, seconds: number): Promise<Measurement[]> {
  const r = await load(`${appUrl}/cycles/pediatrics-as-art-2025/winners`, seconds);
  return [
    measure('public winners page', 'req/s', r.reqPerSec, 'req/s', '≥ 50 % of bare Express', r.reqPerSec >= 0.5 * baselineRps, baselineRps),
    measure('public winners page', 'p99 latency', r.p99, 'ms', '< 50 ms', r.p99 < 50),
    measure('public winners page', 'errors', r.errors + r.non2xx, 'responses', '0', r.errors + r.non2xx === 0),
  ];
}

/**
 * The juror's dashboard and a scorecard page, signed in as juror@example.org, 16 connections, on the app at
 * `appUrl` (the embedded database unless `database` says otherwise). Targets of issue [2/5]: ≥ 3 % of bare
 * Express on the embedded database (PGlite plans and runs every query on the app's own thread), ≥ 8 % on
 * PostgreSQL; p99 < 100 ms on both.
 */
export async function jurorPages(appUrl: string, baselineRps: number, seconds: number, database: 'embedded' | 'PostgreSQL' = 'embedded'): Promise<Measurement[]> {
  const { cookie, scorecardPath } = await signInAsJuror(appUrl);
  const share = database === 'PostgreSQL' ? 0.08 : 0.03;
  const suffix = database === 'PostgreSQL' ? ', PostgreSQL' : '';
  const out: Measurement[] = [];
  for (const [name, p] of [[`juror dashboard${suffix}`, '/jury'], [`scorecard page${suffix}`, scorecardPath]] as const) {
    const r = await load(`${appUrl}${p}`, seconds, { cookie });
    out.push(
      measure(name, 'req/s', r.reqPerSec, 'req/s', `≥ ${share * 100} % of bare Express`, r.reqPerSec >= share * baselineRps, baselineRps),
      measure(name, 'p99 latency', r.p99, 'ms', '< 100 ms', r.p99 < 100),
      measure(name, 'errors', r.errors + r.non2xx, 'responses', '0', r.errors + r.non2xx === 0),
    );
  }
  return out;
}

/**
 * The juror pages on PostgreSQL, where the targets of issue [2/5] are set: a database of its own on the
 * server at `adminUrl` (created and dropped here), the demo seeded into it (`npm run seed:demo`'s code), the
 * app started on it, then the same load as on the embedded database, against the same bare Express figure.
 */
export async function jurorPagesOnPostgres(adminUrl: string, baselineRps: number, seconds: number, port = 3393): Promise<Measurement[]> {
  const name = 'laureate_bench_pages';
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const env = { DATABASE_URL: url.toString() };
    await run(process.execPath, [path.join(__dirname, '..', '..', 'src', 'demo', 'cli.js')], { env: { ...process.env, ...env } });
    const app = await startApp(env, port);
    try {
      return await jurorPages(app.url, baselineRps, seconds, 'PostgreSQL');
    } finally {
      await app.stop();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
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
