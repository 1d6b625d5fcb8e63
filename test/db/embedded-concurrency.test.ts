import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { startEmbeddedDatabase } from '../../src/db/embedded';

describe('the embedded database under parallel connections', () => {
  it('answers every query with its own rows when plain queries and transactions interleave', async () => {
    // 200 queries through one WASM backend: seconds on a quiet machine, much longer on a loaded one
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laureate-mux-'));
    const db = await startEmbeddedDatabase(dir, 12);
    const pool = new Pool({ host: dir, port: 5432, user: 'postgres', database: 'postgres', max: 8 });
    let wrong = 0;
    let errors = 0;
    const plain = async (i: number) => {
      try {
        const r = await pool.query(`SELECT $1::int AS v, 'plain' || $1::text AS tag`, [i]);
        if (r.rows[0]?.v !== i || r.rows[0]?.tag !== `plain${i}`) wrong++;
      } catch {
        errors++;
      }
    };
    const tx = async (i: number) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        for (let k = 0; k < 3; k++) {
          const r = await c.query(`SELECT $1::int AS v, $2::text AS w, 'tx' || $1::text AS tag`, [i, 'x']);
          if (r.rows[0]?.tag !== `tx${i}`) wrong++;
        }
        await c.query('COMMIT');
      } catch {
        errors++;
        await c.query('ROLLBACK').catch(() => undefined);
      } finally {
        c.release();
      }
    };
    try {
      await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? plain(i) : tx(i))));
      expect({ wrong, errors }).toEqual({ wrong: 0, errors: 0 });
      // a failing statement does not stop the queue for the others
      await expect(pool.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
      expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    } finally {
      await pool.end();
      await db.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
