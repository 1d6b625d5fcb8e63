import type { Express } from 'express';
import { engine } from 'express-handlebars';
import type { HelperOptions } from 'handlebars';
import { fromRoot } from '../paths';
import { isLocale, translate, DEFAULT_LOCALE, type Locale } from './i18n';
import { formatDate, formatDateTime, zoneName } from './format';

type Root = { locale?: Locale; timeZone?: string };
const rootOf = (options: HelperOptions): Root => (options?.data?.root ?? {}) as Root;
const localeOf = (options: HelperOptions): Locale => {
  const l = rootOf(options).locale;
  return isLocale(l) ? l : DEFAULT_LOCALE;
};
const tzOf = (options: HelperOptions) => rootOf(options).timeZone ?? 'Europe/Moscow';

/** Handlebars helpers: translation, formatting and small comparisons. No helper reads roles or queries data. */
export const helpers = {
  t(key: string, options: HelperOptions) {
    return translate(localeOf(options), key, options.hash);
  },
  dateTime(value: Date | string | null, options: HelperOptions) {
    return formatDateTime(value, localeOf(options), tzOf(options));
  },
  date(value: Date | string | null, options: HelperOptions) {
    return formatDate(value, localeOf(options), tzOf(options));
  },
  /** the region's time zone as people say it («московское время»), not its IANA id */
  zoneName(options: HelperOptions) {
    return zoneName(tzOf(options), localeOf(options));
  },
  /** translate with params from an object (flash messages carry their params) */
  tr(key: string, params: Record<string, unknown> | undefined, options: HelperOptions) {
    return translate(localeOf(options), key, params ?? {});
  },
  concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
  urlencode: (value: unknown) => encodeURIComponent(String(value ?? '')),
  eq: (a: unknown, b: unknown) => String(a) === String(b),
  not: (a: unknown) => !a,
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  includes: (list: unknown, value: unknown) => Array.isArray(list) && list.map(String).includes(String(value)),
  add: (a: number, b: number) => Number(a) + Number(b),
};

export function configureViews(app: Express): void {
  app.engine(
    'hbs',
    engine({
      extname: '.hbs',
      defaultLayout: 'main',
      layoutsDir: fromRoot('views', 'layouts'),
      partialsDir: fromRoot('views', 'partials'),
      helpers,
    }),
  );
  app.set('view engine', 'hbs');
  app.set('views', fromRoot('views'));
}
