import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres';
import { Browser, ensureBuilt, peopleOn, sleep, startApp, stopAllApps, waitFor, type AppProcess } from './support';
import { createCycle, municipalityId, userId } from '../support/fixtures';
import { ensureTemplate } from '../../src/certificates/templates';

const HOLDERS = 300;
/**
 * The random kills: how many runs (one app process each, about 3 s), and the seed of their moments, printed
 * so a failing run can be replayed with KILL_SEED (the same moments; what the process reached by then may vary).
 */
const RANDOM_RUNS = Number(process.env.KILL_RUNS ?? 5);
const SEED = Number(process.env.KILL_SEED ?? Date.now() % 2 ** 31);
const BATCH = 250;

/** A small seeded generator (mulberry32): the same seed gives the same kill moments. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A published cycle whose `holders` nominees did not win (participation certificates), plus `winners` winners. */
async function publishedCycle(ds: DataSource, code: string, holders: number, winners = 0) {
  const { cycle, categories } = await createCycle(ds, { status: 'published', code, publishedAt: new Date(), categories: [{ name: 'Лучший участковый педиатр', maxWinners: Math.max(1, winners) }] });
  await ds.query(
    `WITH p AS (INSERT INTO nominee (municipality_id, last_name, first_name) SELECT $1, 'Номинант-' || g, 'Анна' FROM generate_series(1, $2) g RETURNING id)
     INSERT INTO nomination (cycle_id, category_id, nominee_id, municipality_id, author_id, status, submitted_at)
     SELECT $3, $4, p.id, $1, $5, CASE WHEN p.id % 2 = 0 THEN 'accepted' ELSE 'not_awarded' END, now() FROM p`,
    [await municipalityId(ds, 'Красногорск'), holders + winners, cycle.id, categories[0].id, await userId(ds, 'officer@example.org')],
  );
  if (winners) await ds.query(`UPDATE nomination SET status = 'winner', place = x.place FROM (SELECT id, row_number() OVER (ORDER BY id) AS place FROM nomination WHERE cycle_id = $1 ORDER BY id LIMIT $2) x WHERE nomination.id = x.id`, [cycle.id, winners]);
  // the template exists already, so the batch's one write after its certificates is the audit record
  await ds.transaction((m) => ensureTemplate(m, cycle.id, 'nominee', null));
  return cycle.id;
}

describe('an app process killed (SIGKILL) in the middle of issuing certificates in bulk', () => {
  let pg: PrivatePostgres | undefined;
  let app: AppProcess;
  let ds: DataSource | undefined;
  let check: Client | undefined;
  let cycleId: number;

  const numbers = async (cycle = cycleId) => (await check!.query(`SELECT kind, seq, number FROM certificate WHERE cycle_id = $1 ORDER BY seq`, [cycle])).rows as Array<{ kind: string; seq: number; number: string }>;
  const counter = async (cycle = cycleId) => (await check!.query(`SELECT last_seq FROM certificate_counter WHERE cycle_id = $1`, [cycle])).rows[0]?.last_seq ?? 0;
  const issue = (admin: Browser, csrf: string, kind: string, cycle = cycleId) => admin.post(`/admin/cycles/${cycle}/certificates/issue`, { _csrf: csrf, kind });

  beforeAll(async () => {
    await ensureBuilt();
    pg = await startPrivatePostgres();
    await pg.createDatabase('laureate');
    app = await startApp('issuer', { DATABASE_URL: pg.url('laureate') });
    ds = await peopleOn(pg.url('laureate'));
    // a published cycle: 300 nominees who did not win (participation certificates) and two winners
    cycleId = await publishedCycle(ds, 'KIL', HOLDERS, 2);
    check = new Client({ connectionString: pg.url('laureate') });
    await check.connect();
  }, 180_000);

  afterAll(async () => {
    await check?.end().catch(() => undefined);
    await ds?.destroy();
    await stopAllApps();
    await pg?.destroy();
  }, 60_000);

  it('leaves none of the batch, and numbering stays gap-free when a new process issues it again', async () => {
    const admin = new Browser(app.url);
    const csrf = await admin.signIn('admin@example.org');
    // Hold the audit log so the issuing transaction stops at its last write, with every certificate
    // of the batch inserted and its numbers taken: the process dies at the worst moment, every time.
    const blocker = new Client({ connectionString: pg!.url('laureate') });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE audit_event IN EXCLUSIVE MODE');
      const request = issue(admin, csrf, 'nominee').catch(() => null);
      const backend: number = await waitFor('the issuing transaction to wait on the audit log', async () =>
        (await check!.query(`SELECT pid FROM pg_locks WHERE relation = 'audit_event'::regclass AND NOT granted`)).rows[0]?.pid, 30_000);
      const held = (await check!.query(
        `SELECT relation::regclass::text AS relation, mode FROM pg_locks WHERE pid = $1 AND granted AND locktype = 'relation' AND mode = 'RowExclusiveLock'`,
        [backend],
      )).rows.map((r) => r.relation);
      expect(held).toEqual(expect.arrayContaining(['certificate_counter', 'certificate']));

      expect(await app.stop('SIGKILL')).toBe('SIGKILL');
      expect(await request).toBeNull(); // the browser never got an answer
      await blocker.query('ROLLBACK');
      await waitFor('PostgreSQL to end the killed process\'s transaction', async () =>
        (await check!.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [backend])).rowCount === 0);
    } finally {
      await blocker.end();
    }

    // all or none: the batch was never committed, so none of it exists, and the counter took nothing
    expect(await numbers()).toEqual([]);
    expect(await counter()).toBe(0);

    const next = await startApp('issuer-after-the-kill', { DATABASE_URL: pg!.url('laureate') });
    const again = new Browser(next.url);
    const csrf2 = await again.signIn('admin@example.org');
    expect((await issue(again, csrf2, 'nominee')).status).toBe(303);
    expect((await issue(again, csrf2, 'winner')).status).toBe(303);
    const issued = await numbers();
    expect(issued.filter((c) => c.kind === 'nominee')).toHaveLength(HOLDERS);
    expect(issued.map((c) => c.seq)).toEqual(Array.from({ length: HOLDERS + 2 }, (_, i) => i + 1));
    expect(issued.slice(-2).map((c) => `${c.kind} ${c.number}`)).toEqual(['winner KIL-2026-0301', 'winner KIL-2026-0302']);
    expect(await counter()).toBe(HOLDERS + 2);
  }, 120_000);

  it('leaves all or none of each batch, numbered without gaps, when killed at a random moment while issuing (seeded runs)', async () => {
    console.log(`random SIGKILL during issuing: seed ${SEED}, ${RANDOM_RUNS} runs (replay with KILL_SEED=${SEED})`);
    const random = seeded(SEED);
    // the cycles first (one per run, each with its own counter), so nothing but issuing happens while runs go
    const cycles: number[] = [];
    for (let run = 0; run <= RANDOM_RUNS; run++) cycles.push(await publishedCycle(ds!, `RK${String.fromCharCode(65 + run)}`, BATCH));
    const [calibration, ...victims] = cycles;
    // how long a whole batch takes, request to answer: the kills are spread over that
    const first = await startApp('issuer-calibration', { DATABASE_URL: pg!.url('laureate') });
    const admin = new Browser(first.url);
    const csrf = await admin.signIn('admin@example.org'); // sessions live in the database: every process below knows this one
    const warmUp = async (url: string, cycle: number) => expect((await admin.at(url).get(`/admin/cycles/${cycle}/certificates`)).status).toBe(200);
    await warmUp(first.url, calibration);
    const started = Date.now();
    expect((await issue(admin, csrf, 'nominee', calibration)).status).toBe(303);
    const span = Date.now() - started;
    expect((await numbers(calibration)).map((c) => c.seq)).toEqual(Array.from({ length: BATCH }, (_, i) => i + 1));
    await first.stop();

    const outcomes: Array<{ run: number; delayMs: number; answered: number | null; inTransaction: boolean; issued: number }> = [];
    for (const [run, cycle] of victims.entries()) {
      const name = `issuer-random-${run}`;
      const victim = await startApp(name, { DATABASE_URL: pg!.url('laureate'), PGAPPNAME: name });
      await warmUp(victim.url, cycle); // its sessions, pool and pages ready, as a process that has served for a while
      // from the request sent to well after the answer would come: before, inside and after the transaction
      const delayMs = Math.floor(random() * span * 1.5);
      const request = issue(admin.at(victim.url), csrf, 'nominee', cycle).then((page) => page.status).catch(() => null);
      await sleep(delayMs);
      // (for the report) whether the process had a transaction open at the moment it died
      const inTransaction = ((await check!.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND xact_start IS NOT NULL`, [name])).rowCount ?? 0) > 0;
      expect(await victim.stop('SIGKILL')).toBe('SIGKILL');
      const answered = await request;
      // PostgreSQL ends the dead process's connections (and so rolls back an open transaction) on its own
      await waitFor(`PostgreSQL to end the connections of ${name}`, async () =>
        (await check!.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1`, [name])).rowCount === 0, 15_000);
      const issued = await numbers(cycle);
      outcomes.push({ run, delayMs, answered, inTransaction, issued: issued.length });
      const seen = { seed: SEED, run, delayMs };
      // all or none, the audit record with it, and the numbers taken are exactly those of the certificates
      expect({ ...seen, allOrNone: issued.length === 0 || issued.length === BATCH }).toEqual({ ...seen, allOrNone: true });
      expect({ ...seen, seqs: issued.map((c) => c.seq) }).toEqual({ ...seen, seqs: Array.from({ length: issued.length }, (_, i) => i + 1) });
      expect({ ...seen, counter: await counter(cycle) }).toEqual({ ...seen, counter: issued.length });
      const audits = (await check!.query(`SELECT count(*)::int AS n FROM audit_event WHERE cycle_id = $1 AND action = 'certificates.issued'`, [cycle])).rows[0].n;
      expect({ ...seen, audits }).toEqual({ ...seen, audits: issued.length ? 1 : 0 });
      // an answer of success means the batch was committed
      if (answered === 303) expect({ ...seen, issued: issued.length }).toEqual({ ...seen, issued: BATCH });
    }
    console.log(`seed ${SEED}: batch of ${BATCH} takes ${span} ms; ${outcomes.map((o) => `${o.delayMs} ms → ${o.issued ? 'all' : 'none'}${o.inTransaction ? ' (a transaction open at the kill)' : ''}`).join('; ')}`);

    // a new process completes every batch the kills left undone, and every cycle's numbering is 1..N
    const after = await startApp('issuer-after-random-kills', { DATABASE_URL: pg!.url('laureate') });
    for (const cycle of victims) {
      expect((await issue(admin.at(after.url), csrf, 'nominee', cycle)).status).toBe(303);
      expect({ cycle, seqs: (await numbers(cycle)).map((c) => c.seq) }).toEqual({ cycle, seqs: Array.from({ length: BATCH }, (_, i) => i + 1) });
      expect(await counter(cycle)).toBe(BATCH);
    }
    await after.stop();
  }, 60_000);
});
