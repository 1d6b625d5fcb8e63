import { Client } from 'pg';
import { hashPassword } from '../../src/auth/password';
import { startApp } from '../processes';
import { measure, printTable, type Measurement } from '../report';
import { timePage } from './large-region';
import { bareRequestMs, withDatabase } from './databases';
import { signIn } from './sign-in';

/**
 * The audit log and the users list at the size of a federal year, on PostgreSQL: 200,000 audit events and
 * 3,000 people, beside a log a tenth of that size. Each page is timed on both (sequential requests, best of
 * three) with a bare Node request in the same run: what must hold is that a page deep in the log costs what
 * the first one does (keyset paging), and that neither grows with the log.
 *
 *   npm run build && node dist/bench/workloads/audit-log.js [postgres://postgres@127.0.0.1:5432/postgres]
 *
 * The URL names a maintenance database; the workload creates and drops databases of its own beside it.
 */
export interface LogShape {
  label: string;
  events: number;
  people: number;
}

export const LARGE_LOG: LogShape = { label: 'large', events: 200_000, people: 3_000 };
export const SMALL_LOG: LogShape = { label: 'small', events: 20_000, people: 300 };

const ADMIN = 'audit-admin@bench.example.org';
const PASSWORD = 'laureate-demo';

/**
 * Fills a migrated database with people and a year of audit events in a few set-based statements (seconds,
 * not minutes): officers and jurors with surnames that a search can find, every tenth event by the system,
 * half of them in one cycle, nominations, scorecards, users and certificates by turns.
 */
export async function buildAuditLog(databaseUrl: string, s: LogShape): Promise<{ cycleId: number }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const one = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0];
    await db.query('BEGIN');
    const region = await one(`INSERT INTO region (name) VALUES ('Стендовая область журнала') RETURNING id`);
    const place = await one(`INSERT INTO municipality (region_id, name) VALUES ($1, 'Журнальный округ') RETURNING id`, [region.id]);
    await db.query(`INSERT INTO app_user (email, full_name, role, password_hash) VALUES ($1, 'Журналова Анна Сергеевна', 'admin', $2)`, [ADMIN, await hashPassword(PASSWORD)]);
    await db.query(
      `INSERT INTO app_user (email, full_name, role, municipality_id, institution)
       SELECT 'person' || g || '@bench.example.org', (ARRAY['Иванова', 'Петров', 'Сидорова', 'Кузнецов', 'Смирнова'])[1 + g % 5] || ' ' || g || ' Викторовна',
              CASE WHEN g % 30 = 0 THEN 'juror' ELSE 'officer' END, $1, 'Больница № ' || g FROM generate_series(1, $2) g`,
      [place.id, s.people],
    );
    const cycle = await one(
      `INSERT INTO cycle (region_id, name, slug, code, year, status) VALUES ($1, 'Журнальный год', 'audit-bench', 'AUDB', 2026, 'draft') RETURNING id`,
      [region.id],
    );
    const users = (await db.query(`SELECT array_agg(id ORDER BY id) AS ids FROM app_user`)).rows[0].ids as number[];
    await db.query(
      `INSERT INTO audit_event (at, actor_id, cycle_id, entity, entity_id, action, from_state, to_state)
       SELECT now() - interval '365 days' + g * (interval '365 days' / $1),
              CASE WHEN g % 10 = 0 THEN NULL ELSE ($2::int[])[1 + (g * 7919) % array_length($2::int[], 1)] END,
              CASE WHEN g % 2 = 0 THEN $3::int END,
              (ARRAY['nomination', 'scorecard', 'user', 'certificate'])[1 + g % 4],
              (1 + g % 5000)::text,
              (ARRAY['nomination.saved', 'scorecard.submitted', 'user.updated', 'certificate.revoked'])[1 + g % 4],
              NULL, NULL
         FROM generate_series(1, $1) g`,
      [s.events, users, cycle.id],
    );
    await db.query('COMMIT');
    await db.query('ANALYZE');
    return { cycleId: cycle.id as number };
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await db.end();
  }
}

/**
 * The pages timed: the log's first page and pages deep in it (three quarters of the way down, as a cursor
 * link gives it), filtered by cycle and by a person search, and the users list's first, searched and last page.
 * The cursors are found once here with OFFSET, the way the «Раньше» links would have led there.
 */
export async function auditPages(databaseUrl: string, cycleId: number): Promise<Array<[string, string]>> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const cursorAt = async (where: string, fraction: number) => {
      const { n } = (await db.query(`SELECT count(*)::int AS n FROM audit_event ${where}`)).rows[0];
      const row = (await db.query(`SELECT (extract(epoch FROM at) * 1000000)::bigint::text AS micros, id FROM audit_event ${where} ORDER BY at DESC, id DESC OFFSET ${Math.floor(n * fraction)} LIMIT 1`)).rows[0];
      return `${row.micros}-${row.id}`;
    };
    const { people } = (await db.query(`SELECT count(*)::int AS people FROM app_user`)).rows[0];
    return [
      ['audit log, first page', '/admin/audit'],
      ['audit log, page ¾ of the way down', `/admin/audit?before=${await cursorAt('', 0.75)}`],
      ['audit log, one cycle, deep page', `/admin/audit?cycleId=${cycleId}&before=${await cursorAt(`WHERE cycle_id = ${cycleId}`, 0.75)}`],
      ['audit log, person search', `/admin/audit?person=${encodeURIComponent('person12@')}`],
      ['audit log, person search, surname', `/admin/audit?person=${encodeURIComponent('Сидорова 297')}`],
      ['users list, first page', '/admin/users'],
      ['users list, search', `/admin/users?q=${encodeURIComponent('больница № 12')}`],
      ['users list, last page', `/admin/users?page=${Math.ceil(people / 50)}`],
    ];
  } finally {
    await db.end();
  }
}

type Times = Record<string, { ms: number; bytes: number; status: number }>;

async function timeLog(adminUrl: string, shape: LogShape, port: number): Promise<Times> {
  return withDatabase(adminUrl, `laureate_bench_audit_${shape.label}`, async (url) => {
    // the app creates the schema (migrations at start); the log is filled while it runs
    const app = await startApp({ DATABASE_URL: url }, port);
    try {
      const { cycleId } = await buildAuditLog(url, shape);
      const cookie = await signIn(app.url, ADMIN);
      const times: Times = {};
      for (const [page, path] of await auditPages(url, cycleId)) times[page] = await timePage(`${app.url}${path}`, cookie);
      return times;
    } finally {
      await app.stop();
    }
  });
}

/** Both logs, then per page: the large log's time beside the bare request, its growth over the small log, the deep page beside the first, and the HTML size. */
export async function auditLogWorkload(adminUrl: string): Promise<Measurement[]> {
  const bare = await bareRequestMs();
  const small = await timeLog(adminUrl, SMALL_LOG, 3393);
  const large = await timeLog(adminUrl, LARGE_LOG, 3394);
  const rows: Measurement[] = [measure('bare Node request (baseline)', 'best of 50', bare, 'ms', 'reference', true)];
  const first = large['audit log, first page'];
  for (const page of Object.keys(large)) {
    const l = large[page];
    const s = small[page];
    const ok = l.status === 200 && s.status === 200;
    rows.push(
      measure(`200,000 events: ${page}`, 'time', l.ms, 'ms', '< 300 ms', ok && l.ms < 300, bare),
      measure(`200,000 events: ${page}`, 'growth over 20,000 events', l.ms / s.ms, '×', '< 10 ×', ok && l.ms / s.ms < 10),
      measure(`200,000 events: ${page}`, 'HTML size', l.bytes / 1024, 'KB', '< 300 KB', l.bytes < 300 * 1024),
    );
    if (page.startsWith('audit log') && page !== 'audit log, first page') {
      rows.push(measure(`200,000 events: ${page}`, 'time over the first page', l.ms / first.ms, '×', '< 2 ×', ok && l.ms / first.ms < 2));
    }
  }
  return rows;
}

if (require.main === module) {
  auditLogWorkload(process.argv[2] ?? process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
    .then(printTable)
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
