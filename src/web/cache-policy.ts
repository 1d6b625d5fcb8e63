import type { NextFunction, Request, Response } from 'express';
import onHeaders from 'on-headers';
import { LOCALE_COOKIE } from './locale';
import { SESSION_COOKIE } from './session';

/** A signed-in person's pages and downloads, and whatever a route did not mark cacheable. */
export const NO_STORE = 'private, no-store';

const OUR_COOKIE = new RegExp(`(?:^|;)\\s*(?:${LOCALE_COOKIE}|${SESSION_COOKIE.replace(/\./g, '\\.')})=`);

/**
 * Who may keep an answer, decided for every answer as its headers go out, so no route can get it wrong.
 * A route only says whether what it sends is public (`public, max-age=…`); the language of every page comes
 * from the `lang` cookie (locale.ts), and the header from the session.
 *
 * - Every answer says `Vary: Cookie`. A browser then keeps its copy of a page together with the cookies it was
 *   fetched with, and after «English» (a new `lang` cookie) fetches the page anew instead of showing the
 *   Russian copy for the rest of the minute; a shared cache (a proxy, a CDN) keys its copy the same way.
 * - A public answer to a visitor who holds our cookies (a chosen language, a session) becomes `private` with the
 *   same max-age: only that visitor's browser keeps it. A shared cache thus only ever holds the page as sent to a
 *   visitor without cookies — the Russian one, the same for all of them — and never a page in the language or
 *   with the flash message of one person.
 * - Whatever a signed-in person gets is `private, no-store`: pages with their name in the header, and downloads
 *   of private documents. So is an error of the server (a 503 while the database is down must not be kept),
 *   a public answer that sets a cookie, and any answer whose route said nothing (forms with a CSRF token,
 *   errors, redirects). express-session sets its cookie in a listener registered after this one, which
 *   on-headers runs first, so the cookie is seen here.
 *
 * Static assets are served before this runs (app.ts) and keep their own `max-age`.
 */
export function cachePolicy(req: Request, res: Response, next: NextFunction): void {
  onHeaders(res, () => {
    res.vary('Cookie');
    const said = String(res.getHeader('Cache-Control') ?? '');
    const isPublic = /\bpublic\b/.test(said);
    if (req.user || res.statusCode >= 500 || !said || (isPublic && res.getHeader('Set-Cookie'))) res.setHeader('Cache-Control', NO_STORE);
    else if (isPublic && OUR_COOKIE.test(req.headers.cookie ?? '')) res.setHeader('Cache-Control', said.replace(/\bpublic\b/, 'private'));
  });
  next();
}
