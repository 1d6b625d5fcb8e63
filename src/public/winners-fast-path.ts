import type { RequestHandler } from 'express';
import { freshPage } from './winners-cache';
import { PUBLIC_CACHE, winnersPageKey } from './winners-routes';
import { SESSION_COOKIE } from '../web/session';

const WINNERS_PATH = /^\/cycles\/([a-z0-9-]+)\/winners$/;
const HAS_SESSION = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE.replace(/\./g, '\\.')}=`);

/**
 * The public winners page is the busiest page of the site and the same for every anonymous visitor, so its
 * finished HTML is answered here, ahead of the body parsers, the session and passport (registered in app.ts
 * right after the language is chosen; security headers and the request id are already set by then).
 *
 * Only what the real route (`GET /cycles/:slug/winners` in winners-routes.ts, policy public) rendered for an
 * anonymous visitor and is still fresh in the cache is served; anything else — a session cookie (maybe signed
 * in, maybe a flash waiting), a query string, a cold or stale cache — goes on to that route unchanged.
 */
export function anonymousWinnersFastPath(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' || (req.headers.cookie && HAS_SESSION.test(req.headers.cookie))) return next();
    const slug = WINNERS_PATH.exec(req.url)?.[1];
    const page = slug ? freshPage(slug, winnersPageKey(req.locale)) : undefined;
    if (!page) return next();
    res.setHeader('Cache-Control', PUBLIC_CACHE);
    res.setHeader('ETag', page.etag);
    // the bytes and their hash are ready: no per-request encoding or hashing as res.send would do
    if (req.headers['if-none-match'] === page.etag) {
      res.statusCode = 304;
      return void res.end();
    }
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Length', page.body.length);
    res.end(page.body);
  };
}
