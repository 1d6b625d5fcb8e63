import type { NextFunction, Request, Response } from 'express';
import { DEFAULT_LOCALE, isLocale, translator, type Locale } from './i18n';

export const LOCALE_COOKIE = 'lang';

declare module 'express-serve-static-core' {
  interface Request {
    locale: Locale;
    t: ReturnType<typeof translator>;
  }
}

/** Picks the interface language from the `lang` cookie (Russian unless the person chose English). */
export function localeMiddleware(req: Request, res: Response, next: NextFunction): void {
  const chosen = readCookie(req.headers.cookie, LOCALE_COOKIE);
  req.locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  req.t = translator(req.locale);
  res.locals.locale = req.locale;
  res.setHeader('Content-Language', req.locale);
  next();
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return undefined; // a malformed value (`lang=%E0`) is no choice of language, not a server error
    }
  }
  return undefined;
}

/** Only same-site paths are followed after a language switch or sign-in (no open redirects). */
export function safeLocalPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
