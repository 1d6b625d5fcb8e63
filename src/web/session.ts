import session from 'express-session';
import connectPgSimple from 'connect-pg-simple';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';

const TWELVE_HOURS = 12 * 60 * 60 * 1000;

/**
 * Login sessions in PostgreSQL (table `session`, created by a migration), so any app process serves any
 * signed-in person. Anonymous visitors get no session row until a form needs a CSRF token.
 */
export function sessionMiddleware(dataSource: DataSource, config: Config) {
  const PgStore = connectPgSimple(session);
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const store = new PgStore({
    pool,
    tableName: 'session',
    createTableIfMissing: false,
    // Pruning is one DELETE every 15 minutes; tests and CLIs start no timer.
    pruneSessionInterval: config.env === 'test' ? false : 15 * 60,
    // No UPDATE on every request: a sign-in lasts a working day from the last change to the session.
    disableTouch: true,
  });
  const middleware = session({
    store,
    name: 'laureate.sid',
    secret: config.sessionSecret,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    proxy: config.secureCookies,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: TWELVE_HOURS },
  });
  return { middleware, close: () => store.close() };
}
