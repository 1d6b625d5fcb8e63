import { Client } from 'pg';
import { hashPassword } from '../../src/auth/password';
import { startApp } from '../processes';
import { measure, type Measurement } from '../report';
import { signIn } from './sign-in';
import { bareRequestMs, withDatabase } from './databases';
import { nominationExports } from './exports';

/**
 * The large-region workload of issue [2/5]: a federal-size year built on PostgreSQL (60 municipalities,
 * 3,000 users, one cycle of 10 categories with 5,000 nominations and 10,000 documents, 100 jurors, 30,000
 * scorecards, 200,000 audit events), in deliberation so that the results pages compute, and a small region
 * of the same shape a tenth of its size. Each admin
 * page is timed on both (sequential requests, best of three), beside a bare Node request in the same run:
 * the growth ratio (large / small) and the ratio to the bare request are what the targets speak of.
 */
export interface RegionShape {
  label: string;
  municipalities: number;
  officers: number;
  jurors: number;
  nominations: number;
  categories: number;
  jurorsPerNomination: number;
  documentsPerNomination: number;
  documentBytes: number;
  auditEvents: number;
}

export const LARGE: RegionShape = {
  label: 'large', municipalities: 60, officers: 2_899, jurors: 100, nominations: 5_000, categories: 10,
  jurorsPerNomination: 6, documentsPerNomination: 2, documentBytes: 20_000, auditEvents: 200_000,
};

export const SMALL: RegionShape = {
  label: 'small', municipalities: 6, officers: 290, jurors: 10, nominations: 500, categories: 10,
  jurorsPerNomination: 6, documentsPerNomination: 2, documentBytes: 20_000, auditEvents: 20_000,
};

export const BENCH_ADMIN = 'admin@bench.example.org';
const PASSWORD = 'laureate-demo';

/** What the pages need to be addressed: the cycle and its categories. */
export interface BuiltRegion {
  cycleId: number;
  categoryIds: number[];
}

/** Fills an empty, migrated database with a region of the given shape, in a handful of set-based statements. */
export async function buildRegion(databaseUrl: string, s: RegionShape): Promise<BuiltRegion> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const one = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0];
    await db.query('BEGIN');
    const region = await one(`INSERT INTO region (name) VALUES ('Стендовая область') RETURNING id`);
    await db.query(`INSERT INTO municipality (region_id, name) SELECT $1, 'Муниципальный округ № ' || g FROM generate_series(1, $2) g`, [region.id, s.municipalities]);
    const m0 = (await one('SELECT min(id) AS id FROM municipality')).id as number;
    const hash = await hashPassword(PASSWORD);
    const admin = await one(`INSERT INTO app_user (email, full_name, role, password_hash) VALUES ($1, 'Администраторова Анна Сергеевна', 'admin', $2) RETURNING id`, [BENCH_ADMIN, hash]);
    await db.query(
      `INSERT INTO app_user (email, full_name, role, municipality_id, password_hash)
       SELECT 'officer' || g || '@bench.example.org', 'Офицерова Ольга № ' || g, 'officer', $1 + (g % $2), $3 FROM generate_series(1, $4) g`,
      [m0, s.municipalities, hash, s.officers],
    );
    await db.query(
      `INSERT INTO app_user (email, full_name, role, municipality_id, institution, password_hash)
       SELECT 'juror' || g || '@bench.example.org', 'Жюрина Вера № ' || g, 'juror', $1 + (g % $2), 'Клиника экспертов № ' || g, $3 FROM generate_series(1, $4) g`,
      [m0, s.municipalities, hash, s.jurors],
    );
    const j0 = (await one(`SELECT min(id) AS id FROM app_user WHERE role = 'juror'`)).id as number;
    const cycle = await one(
      `INSERT INTO cycle (region_id, name, slug, code, year, status, nominations_start, nominations_end, screening_start, screening_end,
                          judging_start, judging_end, deliberation_start, deliberation_end)
       VALUES ($1, 'Лучший врач года — стенд', 'bench-2026', 'BNCH', 2026, 'deliberation', now() - interval '60 days', now() - interval '30 days',
               now() - interval '30 days', now() - interval '10 days', now() - interval '10 days', now() - interval '1 day',
               now() - interval '1 day', now() + interval '40 days') RETURNING id`,
      [region.id],
    );
    await db.query(
      `INSERT INTO category (cycle_id, name, max_winners, min_years_practice, sort_order)
       SELECT $1, 'Номинация № ' || g, 3, 0, g FROM generate_series(1, $2) g`,
      [cycle.id, s.categories],
    );
    const categoryIds = (await db.query('SELECT id FROM category WHERE cycle_id = $1 ORDER BY sort_order', [cycle.id])).rows.map((r) => r.id as number);
    await db.query(
      `INSERT INTO criterion (category_id, name, weight, scale_min, scale_max, sort_order)
       SELECT k.id, 'Критерий ' || g, g, 1, 10, g FROM category k, generate_series(1, 5) g WHERE k.cycle_id = $1`,
      [cycle.id],
    );
    await db.query(
      `INSERT INTO nominee (municipality_id, last_name, first_name, patronymic, position, institution, specialty, years_of_practice, phone)
       SELECT $1 + (g % $2), 'Иванова-' || g, 'Мария', 'Петровна', 'врач-педиатр участковый', 'Детская поликлиника № ' || (g % 300),
              'педиатрия', 5 + g % 30, '+7 900 000-00-00' FROM generate_series(1, $3) g`,
      [m0, s.municipalities, s.nominations],
    );
    const n0 = (await one('SELECT min(id) AS id FROM nominee')).id as number;
    await db.query(
      `INSERT INTO nomination (cycle_id, category_id, nominee_id, municipality_id, author_id, achievements, motivation, status, submitted_at, decided_at)
       SELECT $1, ($2::int[])[1 + g % $3], $4 + g, p.municipality_id, $5, repeat('Достижения. ', 20), repeat('Мотивация. ', 10), 'accepted',
              now() - interval '35 days', now() - interval '15 days'
         FROM generate_series(0, $6 - 1) g JOIN nominee p ON p.id = $4 + g`,
      [cycle.id, categoryIds, s.categories, n0, admin.id, s.nominations],
    );
    await db.query(
      `INSERT INTO attachment (nomination_id, kind, file_name, mime, size, sha256, uploaded_by_id)
       SELECT n.id, 'other', 'документ-' || d || '.pdf', 'application/pdf', $1, md5(n.id || '-' || d), $2
         FROM nomination n, generate_series(1, $3) d WHERE n.cycle_id = $4`,
      [s.documentBytes, admin.id, s.documentsPerNomination, cycle.id],
    );
    // the bytes in 256 KB pieces, as the app stores them (src/nominations/document-store.ts)
    await db.query(
      `INSERT INTO attachment_chunk (attachment_id, seq, data)
       SELECT a.id, p.seq, decode(repeat('25', least(262144, a.size - p.seq * 262144)), 'hex')
         FROM attachment a JOIN nomination n ON n.id = a.nomination_id CROSS JOIN LATERAL generate_series(0, (a.size - 1) / 262144) AS p(seq)
        WHERE n.cycle_id = $1`,
      [cycle.id],
    );
    await db.query(
      `INSERT INTO panel (category_id, chair_id, assignment_mode, jurors_per_nomination) SELECT id, $1, 'k', $2 FROM category WHERE cycle_id = $3`,
      [j0, s.jurorsPerNomination, cycle.id],
    );
    await db.query(`INSERT INTO panel_member (panel_id, juror_id) SELECT p.id, u.id FROM panel p, app_user u WHERE u.role = 'juror'`);
    // k jurors per nomination in turn, so every juror carries the same load
    await db.query(
      `INSERT INTO assignment (juror_id, nomination_id, confirmed_no_conflict_at, assigned_by_id)
       SELECT $1 + ((n.rn * $2 + k) % $3), n.id, now() - interval '9 days', $4
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM nomination WHERE cycle_id = $5) n, generate_series(0, $2 - 1) k`,
      [j0, s.jurorsPerNomination, s.jurors, admin.id, cycle.id],
    );
    // every assignment scored; one in twenty still a draft
    await db.query(
      `INSERT INTO scorecard (juror_id, nomination_id, status, submitted_at)
       SELECT juror_id, nomination_id, CASE WHEN id % 20 = 0 THEN 'draft' ELSE 'submitted' END, CASE WHEN id % 20 = 0 THEN NULL ELSE now() - interval '2 days' END
         FROM assignment`,
    );
    await db.query(
      `INSERT INTO score (scorecard_id, criterion_id, value)
       SELECT s.id, c.id, 1 + (hashtext(s.id || '-' || c.id) & 1023) % 10
         FROM scorecard s JOIN nomination n ON n.id = s.nomination_id JOIN criterion c ON c.category_id = n.category_id`,
    );
    await db.query(
      `UPDATE scorecard s SET weighted_total = t.total
         FROM (SELECT x.scorecard_id, sum(c.weight * x.value) / sum(c.weight) AS total FROM score x JOIN criterion c ON c.id = x.criterion_id GROUP BY x.scorecard_id) t
        WHERE t.scorecard_id = s.id`,
    );
    await db.query(
      `INSERT INTO audit_event (at, actor_id, cycle_id, entity, entity_id, action, from_state, to_state)
       SELECT now() - g * interval '7 seconds', $1, $2, 'nomination', (SELECT min(id) FROM nomination) + g % $3, 'nomination.saved', NULL, NULL
         FROM generate_series(1, $4) g`,
      [admin.id, cycle.id, s.nominations, s.auditEvents],
    );
    await db.query('COMMIT');
    await db.query('ANALYZE');
    return { cycleId: cycle.id as number, categoryIds };
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await db.end();
  }
}

/** The admin pages of a built region, by name. */
export function adminPages(r: BuiltRegion): Array<[string, string]> {
  const k = r.categoryIds[0];
  return [
    ['admin start page', '/admin'],
    ['users list', '/admin/users'],
    ['audit log, first page', '/admin/audit'],
    ['screening list', `/admin/cycles/${r.cycleId}/nominations`],
    ['jury overview', `/admin/cycles/${r.cycleId}/jury`],
    ['panel page', `/admin/categories/${k}/panel`],
    ['progress matrix', `/admin/categories/${k}/matrix`],
    ['results, cycle page', `/admin/cycles/${r.cycleId}/results`],
    ['results, category page', `/admin/categories/${k}/results`],
    ['cycle page', `/admin/cycles/${r.cycleId}`],
  ];
}

/** Best of three sequential GETs: milliseconds, bytes and status of the fastest. */
export async function timePage(url: string, cookie: string, tries = 3): Promise<{ ms: number; bytes: number; status: number }> {
  let best = { ms: Infinity, bytes: 0, status: 0 };
  for (let i = 0; i < tries; i++) {
    const started = process.hrtime.bigint();
    const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
    const body = await res.arrayBuffer();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (ms < best.ms) best = { ms, bytes: body.byteLength, status: res.status };
  }
  return best;
}

interface PageTimes {
  [page: string]: { ms: number; bytes: number; status: number };
}

async function timeRegion(adminUrl: string, shape: RegionShape, port: number, exportRows: Measurement[] | null = null): Promise<PageTimes> {
  return withDatabase(adminUrl, `laureate_bench_${shape.label}`, async (url) => {
    // the app creates the schema (migrations at start); the region is filled while it runs
    const app = await startApp({ DATABASE_URL: url }, port);
    try {
      const built = await buildRegion(url, shape);
      const cookie = await signIn(app.url, BENCH_ADMIN);
      const times: PageTimes = {};
      for (const [name, path] of adminPages(built)) times[name] = await timePage(`${app.url}${path}`, cookie);
      // the screening exports of the whole cycle, with the app's memory watched while they stream
      if (exportRows) exportRows.push(...(await nominationExports(app.url, app.child.pid!, built.cycleId, cookie, shape.nominations)));
      return times;
    } finally {
      await app.stop();
    }
  });
}

/** The whole workload: both regions, then one line per page and figure. */
export async function largeRegionWorkload(adminUrl: string): Promise<Measurement[]> {
  const bare = await bareRequestMs();
  const small = await timeRegion(adminUrl, SMALL, 3391);
  const exportRows: Measurement[] = [];
  const large = await timeRegion(adminUrl, LARGE, 3392, exportRows);
  const rows: Measurement[] = [measure('bare Node request (baseline)', 'best of 50', bare, 'ms', 'reference', true)];
  for (const page of Object.keys(large)) {
    const l = large[page];
    const s = small[page];
    const ok = l.status === 200 && s.status === 200;
    rows.push(
      measure(`large region: ${page}`, 'time', l.ms, 'ms', '< 300 ms', ok && l.ms < 300, bare),
      measure(`large region: ${page}`, 'growth over small region', l.ms / s.ms, '×', '< 10 ×', ok && l.ms / s.ms < 10),
      measure(`large region: ${page}`, 'HTML size', l.bytes / 1024, 'KB', '< 300 KB', l.bytes < 300 * 1024),
    );
  }
  return [...rows, ...exportRows];
}
