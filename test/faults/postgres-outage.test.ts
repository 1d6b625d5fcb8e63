import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres';
import { Browser, dataSourceOn, ensureBuilt, healthOf, peopleOn, sleep, startApp, stopAllApps, waitFor, type AppProcess } from './support';
import { createJudgingScene } from '../support/jury-fixtures';
import { municipalityId, userId } from '../support/fixtures';
import { isDatabaseUnavailable } from '../../src/web/errors';

const NOMINATIONS = 500;

interface Answer {
  nominationId: number;
  status: number;
  at: number;
}

/**
 * The juror's browser sending scorecards one after another, as long as the test wants; an answer that
 * never came (the app gone) is recorded as status 0.
 */
function submitOneAfterAnother(juror: Browser, csrf: string, nominationIds: number[], scores: Record<string, string>) {
  const answers: Answer[] = [];
  let stopped = false;
  let failure: Error | null = null;
  const done = (async () => {
    for (const nominationId of nominationIds) {
      if (stopped) return;
      const res = await juror.post(`/jury/nominations/${nominationId}/scorecard`, { _csrf: csrf, action: 'submit', ...scores }).catch(() => ({ status: 0 }));
      answers.push({ nominationId, status: res.status, at: Date.now() });
      await sleep(20);
    }
    throw new Error(`all ${nominationIds.length} nominations were sent before the test finished`);
  })().catch((err: Error) => {
    failure = err;
  });
  const count = (status: number, from = 0) => answers.slice(from).filter((a) => a.status === status).length;
  const waitUntil = async (what: string, enough: () => boolean, timeoutMs = 15_000) => {
    await waitFor(what, async () => failure !== null || enough(), timeoutMs, 20);
    if (failure) throw failure;
  };
  const stop = async () => {
    stopped = true;
    await done;
    if (failure) throw failure;
  };
  return { answers, count, waitUntil, stop };
}

describe('PostgreSQL stops in the middle of a stream of scorecard submissions and starts again', () => {
  let pg: PrivatePostgres | undefined;
  let app: AppProcess;
  let check: Client;
  let jurorId: number;
  let nominationIds: number[];
  let scores: Record<string, string>;
  let running: ReturnType<typeof submitOneAfterAnother> | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    pg = await startPrivatePostgres();
    await pg.createDatabase('laureate');
    app = await startApp('outage', { DATABASE_URL: pg.url('laureate'), DB_POOL_SIZE: '4' });
    const ds = await peopleOn(pg.url('laureate'));
    try {
      // a category in judging with three criteria; juror@ (Подольск) assigned to many nominations, conflict-free confirmed
      const scene = await createJudgingScene(ds, { municipalities: [] });
      jurorId = await userId(ds, 'juror@example.org');
      await ds.query(
        `WITH p AS (INSERT INTO nominee (municipality_id, last_name, first_name) SELECT $1, 'Номинант-' || g, 'Анна' FROM generate_series(1, $2) g RETURNING id)
         INSERT INTO nomination (cycle_id, category_id, nominee_id, municipality_id, author_id, status, submitted_at)
         SELECT $3, $4, p.id, $1, $5, 'accepted', now() FROM p`,
        [await municipalityId(ds, 'Красногорск'), NOMINATIONS, scene.cycle.id, scene.category.id, await userId(ds, 'officer@example.org')],
      );
      await ds.query(`INSERT INTO assignment (juror_id, nomination_id, confirmed_no_conflict_at) SELECT $1, id, now() FROM nomination WHERE category_id = $2`, [jurorId, scene.category.id]);
      nominationIds = (await ds.query(`SELECT id FROM nomination WHERE category_id = $1 ORDER BY id`, [scene.category.id])).map((r: { id: number }) => r.id);
      scores = Object.fromEntries(scene.criteria.map((c, i) => [`score_${c.id}`, String(6 + i)]));
    } finally {
      await ds.destroy();
    }
    check = new Client({ connectionString: pg.url('laureate') });
  }, 180_000);

  afterAll(async () => {
    await running?.stop().catch(() => undefined); // a failed test leaves the stream going
    await check?.end().catch(() => undefined);
    await stopAllApps();
    await pg?.destroy();
  }, 60_000);

  it('takes a connection dropped between two queries of a transaction for the database being unavailable (503, not 500)', async () => {
    const ds = await dataSourceOn(pg!.url('laureate'));
    const admin = new Client({ connectionString: pg!.url('laureate') });
    await admin.connect();
    // TypeORM fails the next query differently depending on how it is asked
    const nextQueries = {
      QueryRunnerProviderAlreadyReleasedError: (m: EntityManager) => m.query('SELECT 1'),
      QueryRunnerAlreadyReleasedError: (m: EntityManager) => m.createQueryBuilder().select('1', 'one').from('cycle', 'c').getRawMany(),
    };
    try {
      for (const [expected, nextQuery] of Object.entries(nextQueries)) {
        const failure = await ds.transaction(async (m) => {
          const [{ pid }] = await m.query('SELECT pg_backend_pid() AS pid');
          await admin.query('SELECT pg_terminate_backend($1)', [pid]);
          await waitFor('the app\'s side to notice the dropped connection', async () => m.queryRunner!.isReleased, 5000);
          await nextQuery(m);
        }).then(() => null, (err: Error) => err);
        expect(failure?.constructor.name).toBe(expected);
        expect(isDatabaseUnavailable(failure)).toBe(true);
      }
    } finally {
      await admin.end();
      await ds.destroy();
    }
  }, 30_000);

  it('answers 503 with the friendly page while it is down, recovers by itself, and keeps every submission it confirmed', async () => {
    const juror = new Browser(app.url);
    const csrf = await juror.signIn('juror@example.org');
    const stream = (running = submitOneAfterAnother(juror, csrf, nominationIds, scores));

    await stream.waitUntil('ten submissions before the outage', () => stream.count(303) >= 10);
    const stoppedAt = stream.answers.length;
    await pg!.stop();
    await stream.waitUntil('three refused submissions during the outage', () => stream.count(503, stoppedAt) >= 3);

    expect(await healthOf(app.url)).toEqual({ status: 503, body: { status: 'unavailable', db: 'down' } });
    const page = await juror.get('/jury');
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('5');
    expect(page.text).toContain('Сервис временно недоступен');
    expect(page.text).not.toMatch(/ECONNREFUSED|at .*\.js:\d+/);

    const restartedAt = stream.answers.length;
    const startedAt = Date.now();
    await pg!.start(); // returns once PostgreSQL accepts connections
    const readyAt = Date.now();
    await stream.waitUntil('the first submission accepted after PostgreSQL started again', () => stream.count(303, restartedAt) >= 1);
    if (process.env.FAULTS_REPORT) {
      const first = stream.answers.slice(restartedAt).find((a) => a.status === 303)!;
      console.log(`${stream.count(503, stoppedAt)} submissions refused; PostgreSQL started in ${readyAt - startedAt} ms; first success ${first.at - readyAt} ms after pg_ctl saw it ready`);
    }
    await stream.waitUntil('ten more submissions after the outage', () => stream.count(303, restartedAt) >= 10);
    await stream.stop();

    // the same process served throughout: it neither crashed nor needed a restart
    expect(app.child.exitCode).toBeNull();
    expect(await healthOf(app.url)).toEqual({ status: 200, body: { status: 'ok', db: 'ok' } });
    // every answer was a success or the friendly refusal, never an error page or a dropped connection
    const unexpected = stream.answers.filter((a) => a.status !== 303 && a.status !== 503);
    const serverErrors = app.output().split('\n').filter((line) => line.includes('"level":50'));
    expect({ unexpected, serverErrors }).toEqual({ unexpected: [], serverErrors: [] });

    const succeeded = new Set(stream.answers.filter((a) => a.status === 303).map((a) => a.nominationId));
    await check.connect();
    const stored: Array<{ nomination_id: number; values: number[] }> = (await check.query(
      `SELECT s.nomination_id, array_agg(v.value ORDER BY v.criterion_id) AS values
         FROM scorecard s JOIN score v ON v.scorecard_id = s.id
        WHERE s.juror_id = $1 AND s.status = 'submitted' GROUP BY s.nomination_id`,
      [jurorId],
    )).rows;
    const storedIds = new Set(stored.map((r) => r.nomination_id));
    expect(stored.length).toBeGreaterThanOrEqual(succeeded.size);
    expect([...succeeded].filter((id) => !storedIds.has(id))).toEqual([]);
    for (const row of stored) expect(row.values).toEqual([6, 7, 8]);
  }, 120_000);
});
