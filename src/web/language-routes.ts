import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { route } from './routing';
import { saveUserLanguage } from '../auth/user-language';
import { isLocale } from './i18n';
import { LOCALE_COOKIE, safeLocalPath } from './locale';

/**
 * The header's language switch: remembers the choice in a cookie for a year and returns to the page; for a
 * signed-in person it is also kept on their profile, so their mail comes in that language.
 */
export function registerLanguageRoutes(app: Express, dataSource: DataSource, secure: boolean): void {
  route(app, { method: 'get', path: '/lang/:locale', policy: 'public' }, async (req, res) => {
    const locale = String(req.params.locale);
    if (isLocale(locale)) {
      res.cookie(LOCALE_COOKIE, locale, { maxAge: 365 * 24 * 3600 * 1000, httpOnly: true, sameSite: 'lax', secure });
      if (req.user) await saveUserLanguage(dataSource, req.user.id, locale);
    }
    res.redirect(303, safeLocalPath(req.query.next, '/'));
  });
}
