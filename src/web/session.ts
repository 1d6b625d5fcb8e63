import type { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { PgSessionStore } from '../auth/session-store';

const TWELVE_HOURS = 12 * 60 * 60 * 1000;
const PRUNE_EVERY = 15 * 60 * 1000;

/**
 * Login sessions in PostgreSQL (table `session`, created by a migration), so any app process serves any
 * signed-in person. Anonymous visitors get no session row until a form needs a CSRF token. A sign-in
 * lasts a working day from the last change to its session (no write on every request).
 */
export function sessionMiddleware(dataSource: DataSource, config: Config) {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const store = new PgSessionStore(pool);
  const timer = config.env === 'test' ? null : setInterval(() => void store.prune().catch(() => undefined), PRUNE_EVERY);
  timer?.unref();
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
  return { middleware: [middleware, saveFlashBeforeRedirect], close: async () => (timer ? clearInterval(timer) : undefined) };
}

/**
 * express-session saves a changed session while the response is already on its way: headers and all
 * but the last byte go out first. A browser follows a redirect on the headers alone, so the next page
 * could read the session before the save and miss the flash message the redirect carries (which then
 * turned up one page later). A redirect carrying a flash therefore waits for the save.
 */
function saveFlashBeforeRedirect(req: Request, res: Response, next: NextFunction): void {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    if (!req.session?.flash?.length) return redirect(...args);
    // a failed save is not fatal here: express-session saves again as the response ends, and reports it
    req.session.save(() => redirect(...args));
  }) as Response['redirect'];
  next();
}
