import { useTestApp } from '../support/harness';
import { maintainEmbeddedDatabase } from '../../src/db/maintenance';

describe('maintenance of the embedded database', () => {
  const t = useTestApp();

  it('gathers planner statistics for every table at start, which PGlite would otherwise never do', async () => {
    const stop = await maintainEmbeddedDatabase(t.ds, (err) => {
      throw err;
    });
    stop();
    const stale: Array<{ relname: string }> = await t.ds.query(
      `SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NULL AND last_autoanalyze IS NULL ORDER BY relname`,
    );
    expect(stale).toEqual([]);
  });
});
