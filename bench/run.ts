import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, startBaseline, startWithNpm } from './processes';
import { load } from './load';
import { measure, printTable, writeResults, type Measurement } from './report';
import { winnersPage, jurorPages, jurorPagesOnPostgres } from './workloads/pages';
import { resultsWorkload } from './workloads/results';
import { addCertificates, certificateRendering, certificatesZip } from './workloads/certificates';
import { largeRegionWorkload } from './workloads/large-region';
import { auditLogWorkload } from './workloads/audit-log';
import { documentsRushWorkload } from './workloads/documents-rush';
import { mailWorkload } from './workloads/mail';
import { checkinsWorkload, eventsRushWorkload } from './workloads/events';

/**
 * npm run bench [-- --quick] [-- --only large-region|documents|juror-pages|start-up|mail|events-rush|checkins]: the workloads of DESIGN.md "Performance", each
 * against its baseline in the same run. Writes bench/results.json (a partial run replaces only its own rows) and prints a table. --quick finishes in
 * under a minute (without the large region). The large region needs PostgreSQL: BENCH_POSTGRES_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres (it creates and drops databases of its own).
 */
async function main() {
  const quick = process.argv.includes('--quick');
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
  const seconds = quick ? 3 : 10;
  const rows: Measurement[] = [];
  const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (only === 'large-region') {
    rows.push(...(await largeRegionWorkload(postgresUrl)));
    rows.push(...(await auditLogWorkload(postgresUrl)));
    return report(rows);
  }
  if (only === 'juror-pages') {
    rows.push(...(await jurorPagesBothDatabases(postgresUrl, seconds)));
    return report(rows);
  }
  if (only === 'documents') {
    rows.push(...(await documentsRushWorkload(postgresUrl)));
    return report(rows);
  }
  if (only === 'start-up') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laureate-bench-'));
    rows.push(...(await startUp({ DATA_DIR: dataDir, DATABASE_URL: '' })));
    fs.rmSync(dataDir, { recursive: true, force: true });
    return report(rows);
  }
  if (only === 'events-rush' || only === 'checkins') {
    rows.push(...(await (only === 'events-rush' ? eventsRushWorkload : checkinsWorkload)(postgresUrl)));
    return report(rows);
  }
  if (only === 'mail') {
    rows.push(...(await mailWorkload(postgresUrl)));
    return report(rows);
  }

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laureate-bench-'));
  // The pages run on the embedded database with the demo seeded at first start (DATABASE_URL is ignored).
  const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  rows.push(...(await startUp(env)));
  const app = await startApp(env, 3390);

  // the bare route runs for the whole page workload: the juror pages alternate with it (see jurorPages)
  const baseline = await startBaseline();
  try {
    const bare = await load(baseline.url, seconds);
    rows.push(measure('bare Express hello (baseline)', 'req/s', bare.reqPerSec, 'req/s', 'reference', true));
    rows.push(...(await winnersPage(app.url, bare.reqPerSec, seconds)));
    rows.push(...(await jurorPages(app.url, baseline.url, seconds)));
    rows.push(...(await jurorPagesOnPostgres(postgresUrl, baseline.url, seconds)));
    await baseline.stop();
    await app.stop();
    // the bulk download needs thousands of certificates: added while no app runs on the data folder
    const zipped = quick ? 300 : 2_000;
    const cycleId = await addCertificates(dataDir, zipped);
    const again = await startApp(env, 3390);
    try {
      rows.push(...(await certificatesZip(again.url, again.child.pid!, cycleId, zipped)));
    } finally {
      await again.stop();
    }
  } finally {
    await baseline.stop();
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  rows.push(...(await resultsWorkload(quick ? 2_000 : 10_000)));
  rows.push(...(await certificateRendering(quick ? 30 : 100)));
  rows.push(...(await mailWorkload(postgresUrl)));
  if (!quick) {
    rows.push(...(await largeRegionWorkload(postgresUrl)));
    rows.push(...(await auditLogWorkload(postgresUrl)));
    rows.push(...(await documentsRushWorkload(postgresUrl)));
    rows.push(...(await eventsRushWorkload(postgresUrl)));
    rows.push(...(await checkinsWorkload(postgresUrl)));
  }
  report(rows);
}

/** Start-up as a person sees it: `npm start` (its build check included) to a 200 on /healthz, first and again. */
async function startUp(env: Record<string, string>): Promise<Measurement[]> {
  const first = await startWithNpm(env, 3390);
  await first.stop();
  const restarted = await startWithNpm(env, 3390);
  await restarted.stop();
  return [
    measure('start-up, npm start, embedded database', 'new data folder', first.startMs, 'ms', '< 15000 ms', first.startMs < 15_000),
    measure('start-up, npm start, embedded database', 'existing data folder', restarted.startMs, 'ms', '< 5000 ms', restarted.startMs < 5_000),
  ];
}

/** The juror pages alone, on a fresh embedded demo and on PostgreSQL, against the bare route (bench -- --only juror-pages). */
async function jurorPagesBothDatabases(postgresUrl: string, seconds: number): Promise<Measurement[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laureate-bench-'));
  const app = await startApp({ DATA_DIR: dataDir, DATABASE_URL: '' }, 3390);
  const baseline = await startBaseline();
  try {
    return [...(await jurorPages(app.url, baseline.url, seconds)), ...(await jurorPagesOnPostgres(postgresUrl, baseline.url, seconds))];
  } finally {
    await baseline.stop();
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(rows: Measurement[]): void {
  printTable(rows);
  console.log(`\nwrote ${path.relative(process.cwd(), writeResults(rows))}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
