import type { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { PgSessionStore } from '../auth/session-store';
import { SessionCache } from '../auth/session-cache';
import { listenOnEmbedded, listenOnPostgres, type ChangeFeed } from '../db/change-feed';

/** The session cookie's name (the cache policy and the winners fast path look for it too). */
export const SESSION_COOKIE = 'laureate.sid';
const TWELVE_HOURS = 12 * 60 * 60 * 1000;
const PRUNE_EVERY = 15 * 60 * 1000;

/**
 * Login sessions in PostgreSQL (table `session`, created by a migration), so any app process serves any
 * signed-in person. Anonymous visitors get no session row until a form needs a CSRF token. A sign-in
 * lasts a working day from the last change to its session (no write on every request: no `touch`, no
 * `rolling`, no `resave`). Each process keeps the sessions it served in memory, dropped the moment the
 * database announces a change (auth/session-cache.ts), so most signed-in requests read nothing for them.
 */
export function sessionMiddleware(dataSource: DataSource, config: Config, onError: (err: unknown) => void = () => undefined) {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const embedded = !config.databaseUrl;
  const feed = embedded ? listenOnEmbedded(pool, onError) : listenOnPostgres(pool, onError);
  const cache = new SessionCache(feed);
  const store = new PgSessionStore(pool, { cache, named: !embedded });
  const timer = config.env === 'test' ? null : setInterval(() => void store.prune().catch(() => undefined), PRUNE_EVERY);
  timer?.unref();
  const middleware = session({
    store,
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    proxy: config.secureCookies,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: TWELVE_HOURS },
  });
  const close = async () => {
    if (timer) clearInterval(timer);
    cache.close();
    await feed.close();
  };
  return { middleware: [middleware, saveFlashBeforeRedirect, noticesBeforeRedirect(feed)], feed, close };
}

/**
 * A form that changed something answers with a redirect; it waits until this process heard its own echo on
 * the change notices (at most three seconds, about a millisecond in practice; a second proved too short on a
 * machine loaded with browser tests), by which time every process has
 * the notices of the change (a deactivation, a role change, a sign-out), so the next request — on any
 * process — never finds a copy the change made stale.
 */
function noticesBeforeRedirect(feed: ChangeFeed) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
    res.redirect = ((...args: unknown[]) => void feed.echo().then(() => redirect(...args))) as Response['redirect'];
    next();
  };
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
