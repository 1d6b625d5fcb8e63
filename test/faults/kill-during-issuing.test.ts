import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres';
import { Browser, ensureBuilt, peopleOn, startApp, stopAllApps, waitFor, type AppProcess } from './support';
import { createCycle, municipalityId, userId } from '../support/fixtures';
import { ensureTemplate } from '../../src/certificates/templates';

const HOLDERS = 300;

describe('an app process killed (SIGKILL) in the middle of issuing certificates in bulk', () => {
  let pg: PrivatePostgres | undefined;
  let app: AppProcess;
  let ds: DataSource | undefined;
  let check: Client | undefined;
  let cycleId: number;

  const numbers = async () => (await check!.query(`SELECT kind, seq, number FROM certificate WHERE cycle_id = $1 ORDER BY seq`, [cycleId])).rows as Array<{ kind: string; seq: number; number: string }>;
  const counter = async () => (await check!.query(`SELECT last_seq FROM certificate_counter WHERE cycle_id = $1`, [cycleId])).rows[0]?.last_seq ?? 0;
  const issue = (admin: Browser, csrf: string, kind: string) => admin.post(`/admin/cycles/${cycleId}/certificates/issue`, { _csrf: csrf, kind });

  beforeAll(async () => {
    await ensureBuilt();
    pg = await startPrivatePostgres();
    await pg.createDatabase('laureate');
    app = await startApp('issuer', { DATABASE_URL: pg.url('laureate') });
    ds = await peopleOn(pg.url('laureate'));
    // a published cycle: 300 nominees who did not win (participation certificates) and two winners
    const { cycle, categories } = await createCycle(ds, { status: 'published', code: 'KIL', publishedAt: new Date(), categories: [{ name: 'Лучший участковый педиатр', maxWinners: 2 }] });
    cycleId = cycle.id;
    await ds.query(
      `WITH p AS (INSERT INTO nominee (municipality_id, last_name, first_name) SELECT $1, 'Номинант-' || g, 'Анна' FROM generate_series(1, $2) g RETURNING id)
       INSERT INTO nomination (cycle_id, category_id, nominee_id, municipality_id, author_id, status, submitted_at)
       SELECT $3, $4, p.id, $1, $5, CASE WHEN p.id % 2 = 0 THEN 'accepted' ELSE 'not_awarded' END, now() FROM p`,
      [await municipalityId(ds, 'Красногорск'), HOLDERS + 2, cycle.id, categories[0].id, await userId(ds, 'officer@example.org')],
    );
    await ds.query(`UPDATE nomination SET status = 'winner', place = x.place FROM (SELECT id, row_number() OVER (ORDER BY id) AS place FROM nomination WHERE cycle_id = $1 ORDER BY id LIMIT 2) x WHERE nomination.id = x.id`, [cycle.id]);
    // the template exists already, so the batch's one write after its certificates is the audit record
    await ds.transaction((m) => ensureTemplate(m, cycle.id, 'nominee', null));
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
});
