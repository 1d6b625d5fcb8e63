import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { route } from './routing';
import { saveUserLanguage } from '../auth/user-language';
import { isLocale, type Locale } from './i18n';
import { LOCALE_COOKIE, safeLocalPath } from './locale';

/**
 * The header's language switch: remembers the choice in a cookie for a year and returns to the page. A
 * visitor follows a link (GET, which changes nothing stored); a signed-in person presses a button (POST),
 * and their choice is also kept on their profile, so their mail comes in that language.
 */
export function registerLanguageRoutes(app: Express, dataSource: DataSource, secure: boolean): void {
  const remember = (req: Request, res: Response): Locale | null => {
    const locale = String(req.params.locale);
    if (!isLocale(locale)) return null;
    res.cookie(LOCALE_COOKIE, locale, { maxAge: 365 * 24 * 3600 * 1000, httpOnly: true, sameSite: 'lax', secure });
    return locale;
  };
  route(app, { method: 'get', path: '/lang/:locale', policy: 'public' }, async (req, res) => {
    remember(req, res);
    res.redirect(303, safeLocalPath(req.query.next, '/'));
  });
  route(app, { method: 'post', path: '/lang/:locale', policy: 'signedIn' }, async (req, res) => {
    const locale = remember(req, res);
    if (locale) await saveUserLanguage(dataSource, req.user!.id, locale);
    res.redirect(303, safeLocalPath(req.query.next, '/'));
  });
}
