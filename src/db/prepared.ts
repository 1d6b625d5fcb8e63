import type { Pool } from 'pg';
import type { EntityManager } from 'typeorm';

const pglite = new WeakMap<Pool, Promise<boolean>>();

/** Whether the pool's server is PGlite (asked once per pool): its socket connections share one session. */
function isPglite(pool: Pool): Promise<boolean> {
  let known = pglite.get(pool);
  if (!known) {
    known = pool.query(`SELECT version() AS v`).then((r) => /PGlite/.test(String(r.rows[0]?.v)), () => true);
    pglite.set(pool, known);
  }
  return known;
}

/**
 * A hot read (one every signed-in page of a kind runs) as a prepared statement, planned once instead of on
 * every request — planning the juror pages' seven-table joins cost more than running them. `name` must be
 * unique to `text`. Inside a transaction (a manager with its own query runner) it runs on that transaction's
 * connection as a plain query.
 *
 * PostgreSQL: a named statement of the protocol, which pg prepares once per pooled connection.
 * The embedded database: its socket connections share one PGlite session, where a protocol name prepared by
 * one connection clashes with the next one's; so the session holds one SQL `PREPARE`d statement, which any
 * connection EXECUTEs. EXECUTE takes no bound parameters, so only whole numbers are written into it (checked
 * to be safe integers); any other value takes the plain query.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows as loose as TypeORM's query() gives them unless told
export async function hotQuery<T = any>(m: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = (m.connection.driver as unknown as { master?: Pool }).master;
  if (m.queryRunner || !pool) return m.query(text, values);
  if (!(await isPglite(pool))) return (await pool.query({ name, text, values })).rows as T[];
  if (!values.every((v) => Number.isSafeInteger(v))) return m.query(text, values);
  const execute = `EXECUTE ${name}(${values.join(', ')})`;
  try {
    return (await pool.query(execute)).rows as T[];
  } catch (err) {
    if ((err as { code?: string }).code !== '26000') throw err; // 26000: not prepared yet in this session
    await pool.query(`PREPARE ${name} AS ${text}`).catch((e: { code?: string }) => {
      if (e.code !== '42P05') throw e; // 42P05: another connection prepared it meanwhile
    });
    return (await pool.query(execute)).rows as T[];
  }
}
