import type { Locale } from './i18n';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withTime}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
    });
    dateTimeFormats.set(key, f);
  }
  return f;
}

/** A date (and time) as people of the region read it, in the region's time zone. */
export function formatDateTime(value: Date | string | null | undefined, locale: Locale, timeZone: string): string {
  if (!value) return '';
  return formatter(locale, timeZone, true).format(new Date(value));
}

export function formatDate(value: Date | string | null | undefined, locale: Locale, timeZone: string): string {
  if (!value) return '';
  return formatter(locale, timeZone, false).format(new Date(value));
}
