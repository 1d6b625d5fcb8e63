import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startApp, type Served } from '../processes';
import { measure, type Measurement } from '../report';
import { signIn } from './sign-in';
import { withDatabase } from './databases';
import { hashPassword } from '../../src/auth/password';
import { embeddedSocketDir, EMBEDDED_PORT } from '../../src/db/embedded-paths';

/**
 * The events workloads of issue 13, each on the embedded database and on PostgreSQL:
 *  events-rush — 1,000 people register for a capacity-300 event at once (50 at a time, each its own browser
 *    session: the page, the form, the link from the confirmation mail, the confirm button; 5 % send the form
 *    twice at the same moment). Targets: no errors, no one registered twice, exactly 300 confirmed, 700
 *    waiting with gap-free numbers, all within a minute.
 *  checkins — 4 registrars check in 300 distinct people at once (one tap after another each), then all four tap
 *    the same 40 people at the same moment: each is checked in once, the other three taps refused.
 */

const PEOPLE = Number(process.env.BENCH_EVENTS_PEOPLE ?? 1_000);
const CAPACITY = 300;
const CONCURRENCY = 50;
const REGISTRARS = 4;
const RACED = 40;

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? 0;
const cookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('laureate.sid='))?.split(';')[0] ?? '';
const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

type Db = 'embedded' | 'PostgreSQL';

/** An app on a fresh database of either kind, and a pg client beside it; stopped and removed afterwards. */
async function onDatabase<T>(db: Db, postgresUrl: string, port: number, use: (app: Served, sql: Client) => Promise<T>): Promise<T> {
  const run = async (env: Record<string, string>, connect: () => Client) => {
    const app = await startApp(env, port);
    const sql = connect();
    try {
      await sql.connect();
      return await use(app, sql);
    } finally {
      await sql.end().catch(() => undefined);
      await app.stop();
    }
  };
  if (db === 'PostgreSQL') {
    return withDatabase(postgresUrl, 'laureate_bench_events', (url) => run({ DATABASE_URL: url }, () => new Client({ connectionString: url })));
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laureate-bench-events-'));
  try {
    // the embedded database is served by the app's process; the bench reads it through the same socket
    return await run({ DATA_DIR: dataDir, DATABASE_URL: '', DB_POOL_SIZE: '12' }, () => new Client({ host: embeddedSocketDir(dataDir), port: EMBEDDED_PORT, user: 'postgres', database: 'postgres' }));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** An event open for registration now, starting in two hours (so its door is open too). */
async function insertEvent(sql: Client, slug: string, capacity: number): Promise<number> {
  const { rows } = await sql.query(
    `INSERT INTO event (slug, name, starts_at, ends_at, format, venue, capacity, registration_opens_at, registration_closes_at, participant_types, required_fields, consent_text, published)
     VALUES ($1, 'Форум «Здоровье города»', now() + interval '2 hours', now() + interval '10 hours', 'in_person', 'Красногорск', $2, now() - interval '1 day', now() + interval '2 hours',
             '[{"type":"doctor","colour":"#1f6fb2","selfService":true}]', '[]', 'Согласие на обработку персональных данных.', true) RETURNING id`,
    [slug, capacity],
  );
  return rows[0].id;
}

/** Runs `count` jobs, `concurrency` at a time. */
async function pool(count: number, concurrency: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await job(next++);
  }));
}

async function rush(db: Db, postgresUrl: string): Promise<Measurement[]> {
  return onDatabase(db, postgresUrl, 3395, async (app, sql) => {
    const slug = 'bench-rush';
    const eventId = await insertEvent(sql, slug, CAPACITY);
    const times: number[] = [];
    let errors = 0;
    const timed = async (url: string, init: RequestInit, expect: number[]) => {
      const t0 = performance.now();
      const res = await fetch(url, { redirect: 'manual', ...init }).catch(() => null);
      times.push(performance.now() - t0);
      const body = res ? await res.text() : '';
      if (!res || !expect.includes(res.status)) {
        // the first few, to say what went wrong
        if (errors++ < 3) console.error(`${init.method ?? 'GET'} ${url} → ${res?.status ?? 'no answer'}`);
      }
      return { res, body };
    };
    // one pg client answers one query at a time: the fifty people read their mail in turn
    let last: Promise<unknown> = Promise.resolve();
    const oneAtATime = <T>(query: () => Promise<T>): Promise<T> => {
      const next = last.then(query, query);
      last = next.catch(() => undefined);
      return next;
    };
    const person = async (i: number) => {
      const email = `rush${i}@example.org`;
      const page = await timed(`${app.url}/events/${slug}`, {}, [200]);
      const cookie = page.res ? cookieOf(page.res) : '';
      const form = new URLSearchParams({ _csrf: csrfIn(page.body), lastName: `Участникова-${i}`, firstName: 'Мария', patronymic: 'Петровна', email, region: 'Московская область', participantType: 'doctor', consent: 'on' });
      const send = () => timed(`${app.url}/events/${slug}/register`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: form }, [200]);
      // one in twenty presses the button twice
      await (i % 20 === 0 ? Promise.all([send(), send()]) : send());
      const { rows } = await oneAtATime(() => sql.query(`SELECT text FROM mail_message WHERE to_email = $1 AND kind = 'event_confirm' ORDER BY id DESC LIMIT 1`, [email]));
      const link = rows[0] ? new RegExp(`/events/${slug}/r/([A-Za-z0-9_-]+)`).exec(rows[0].text)?.[1] : undefined;
      if (!link) return void errors++;
      const mine = await timed(`${app.url}/events/${slug}/r/${link}`, { headers: { cookie } }, [200]);
      await timed(`${app.url}/events/${slug}/r/${link}/confirm`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrfIn(mine.body) || csrfIn(page.body) }) }, [303]);
    };
    await person(-1); // a warm-up
    const started = performance.now();
    await pool(PEOPLE, CONCURRENCY, person);
    const seconds = (performance.now() - started) / 1000;
    const counts = (await sql.query(
      `SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed, count(*) FILTER (WHERE status = 'waiting')::int AS waiting,
              count(*) - count(DISTINCT email) AS duplicates, count(number) - count(DISTINCT number) AS repeated_numbers, coalesce(max(number), 0) - count(number) AS gaps
         FROM registration WHERE event_id = $1 AND status IN ('pending', 'invited', 'confirmed', 'waiting')`,
      [eventId],
    )).rows[0];
    const name = `events-rush (${db}): ${PEOPLE} register and confirm, capacity ${CAPACITY}, ${CONCURRENCY} at a time`;
    // the warm-up person registered too: ${PEOPLE + 1} in all
    const placesTaken = Number(counts.confirmed);
    return [
      measure(name, 'time for all', seconds, 's', '< 60 s', seconds < 60),
      measure(name, 'errors', errors, 'responses', '0', errors === 0),
      measure(name, 'registered twice', Number(counts.duplicates), 'people', '0', Number(counts.duplicates) === 0),
      measure(name, 'confirmed (places)', placesTaken, 'people', `= ${CAPACITY}`, placesTaken === CAPACITY),
      measure(name, 'waiting list', Number(counts.waiting), 'people', `= ${PEOPLE + 1 - CAPACITY}`, Number(counts.waiting) === PEOPLE + 1 - CAPACITY),
      measure(name, 'numbers repeated or skipped', Number(counts.repeated_numbers) + Number(counts.gaps), 'numbers', '0', Number(counts.repeated_numbers) + Number(counts.gaps) === 0),
      measure(name, 'request p99', percentile(times, 99), 'ms', 'reference', true),
    ];
  });
}

async function checkins(db: Db, postgresUrl: string): Promise<Measurement[]> {
  return onDatabase(db, postgresUrl, 3396, async (app, sql) => {
    const eventId = await insertEvent(sql, 'bench-door', CAPACITY + RACED);
    const { rows: people } = await sql.query(
      `WITH n AS (SELECT g FROM generate_series(1, $2::int) g)
       INSERT INTO registration (event_id, status, number, badge_code, last_name, first_name, email, participant_type, token_hash, consent_at, confirmed_at)
       SELECT $1, 'confirmed', g, 'bench-door-' || g, 'Гость-' || g, 'Мария', 'door' || g || '@example.org', 'doctor', md5('door' || g), now(), now() FROM n RETURNING id`,
      [eventId, CAPACITY + RACED],
    );
    await sql.query(`UPDATE event SET last_number = $2 WHERE id = $1`, [eventId, CAPACITY + RACED]);
    const hash = await hashPassword('laureate-demo');
    const registrars: Array<{ cookie: string; csrf: string; times: number[] }> = [];
    for (let r = 0; r < REGISTRARS; r++) {
      const { rows } = await sql.query(`INSERT INTO app_user (email, full_name, role, password_hash) VALUES ($1, $2, 'registrar', $3) RETURNING id`, [`door${r}@example.org`, `Регистратор ${r + 1}`, hash]);
      await sql.query(`INSERT INTO event_registrar (event_id, user_id) VALUES ($1, $2)`, [eventId, rows[0].id]);
      const cookie = await signIn(app.url, `door${r}@example.org`);
      const page = await (await fetch(`${app.url}/checkin/${eventId}`, { headers: { cookie } })).text();
      registrars.push({ cookie, csrf: csrfIn(page), times: [] });
    }
    const ids: number[] = people.map((p: { id: number }) => p.id);
    const distinct = ids.slice(0, CAPACITY);
    const raced = ids.slice(CAPACITY);
    let errors = 0;
    const tap = async (r: (typeof registrars)[number], id: number) => {
      const t0 = performance.now();
      const res = await fetch(`${app.url}/checkin/${eventId}/r/${id}`, { method: 'POST', redirect: 'manual', headers: { cookie: r.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: r.csrf }) });
      await res.text();
      r.times.push(performance.now() - t0);
      return res.status;
    };
    const started = performance.now();
    await Promise.all(registrars.map(async (r, k) => {
      for (let j = k; j < distinct.length; j += REGISTRARS) if ((await tap(r, distinct[j])) !== 303) errors++;
    }));
    const seconds = (performance.now() - started) / 1000;
    // all four tap each of the raced people at the same moment
    let admitted = 0;
    let refused = 0;
    for (const id of raced) {
      const statuses = await Promise.all(registrars.map((r) => tap(r, id)));
      admitted += statuses.filter((s) => s === 303).length;
      refused += statuses.filter((s) => s === 409).length;
    }
    const [{ checked }] = (await sql.query(`SELECT count(*)::int AS checked FROM registration WHERE event_id = $1 AND checked_in_at IS NOT NULL`, [eventId])).rows;
    const times = registrars.flatMap((r) => r.times);
    const name = `checkins (${db}): ${REGISTRARS} registrars, ${CAPACITY} distinct people`;
    const race = `checkins (${db}): ${REGISTRARS} registrars tap each of ${RACED} people at once`;
    return [
      measure(name, 'check-ins per second', CAPACITY / seconds, 'check-ins/s', '≥ 10/s', CAPACITY / seconds >= 10),
      measure(name, 'errors', errors, 'responses', '0', errors === 0),
      measure(name, 'tap p99', percentile(times, 99), 'ms', '< 1000 ms', percentile(times, 99) < 1000),
      measure(race, 'checked in once', admitted, 'people', `= ${RACED}`, admitted === RACED),
      measure(race, 'second taps refused (409)', refused, 'taps', `= ${RACED * (REGISTRARS - 1)}`, refused === RACED * (REGISTRARS - 1)),
      measure(race, 'checked in, all told', checked, 'people', `= ${CAPACITY + RACED}`, checked === CAPACITY + RACED),
    ];
  });
}

/** BENCH_EVENTS_DB=embedded|PostgreSQL runs one of the two. */
const databases = (): Db[] => (process.env.BENCH_EVENTS_DB ? [process.env.BENCH_EVENTS_DB as Db] : ['embedded', 'PostgreSQL']);

export async function eventsRushWorkload(postgresUrl: string): Promise<Measurement[]> {
  const rows: Measurement[] = [];
  for (const db of databases()) rows.push(...(await rush(db, postgresUrl)));
  return rows;
}

export async function checkinsWorkload(postgresUrl: string): Promise<Measurement[]> {
  const rows: Measurement[] = [];
  for (const db of databases()) rows.push(...(await checkins(db, postgresUrl)));
  return rows;
}
