import type { Express } from 'express';
import { route } from './routing';
import { isLocale } from './i18n';
import { LOCALE_COOKIE, safeLocalPath } from './locale';

/** The header's language switch: remembers the choice in a cookie for a year and returns to the page. */
export function registerLanguageRoutes(app: Express, secure: boolean): void {
  route(app, { method: 'get', path: '/lang/:locale', policy: 'public' }, (req, res) => {
    const locale = String(req.params.locale);
    if (isLocale(locale)) {
      res.cookie(LOCALE_COOKIE, locale, { maxAge: 365 * 24 * 3600 * 1000, httpOnly: true, sameSite: 'lax', secure });
    }
    res.redirect(303, safeLocalPath(req.query.next, '/'));
  });
}
