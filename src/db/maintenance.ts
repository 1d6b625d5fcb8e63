import type { DataSource } from 'typeorm';

const EVERY_HOUR = 60 * 60 * 1000;

/**
 * PGlite runs no autovacuum: without this the embedded database never gathers planner statistics (so
 * every join is planned blind) and never reclaims the space of updated rows (sessions, scorecards).
 * Statistics are gathered once at start, then VACUUM (ANALYZE) runs every hour. On PostgreSQL the
 * server's own autovacuum does this work, so the app does nothing there.
 */
export async function maintainEmbeddedDatabase(dataSource: DataSource, onError: (err: unknown) => void): Promise<() => void> {
  await dataSource.query('ANALYZE');
  const timer = setInterval(() => void dataSource.query('VACUUM (ANALYZE)').catch(onError), EVERY_HOUR);
  timer.unref();
  return () => clearInterval(timer);
}
