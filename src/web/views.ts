import type { Express } from 'express';
import { ExpressHandlebars } from 'express-handlebars';
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

/**
 * express-handlebars with its partials gathered once. With the view cache on (always, app.ts) it still walks
 * every partial file and renames it on each render, and copies the result: a measurable share of a signed-in
 * page's time. Cached templates never change, so neither does that map.
 */
class ViewEngine extends ExpressHandlebars {
  private partials: ReturnType<ExpressHandlebars['getPartials']> | null = null;

  override getPartials(options: Parameters<ExpressHandlebars['getPartials']>[0] = {}): ReturnType<ExpressHandlebars['getPartials']> {
    if (!options.cache) return super.getPartials(options);
    // a failed read (a partial being saved at that moment) is tried again by the next render
    this.partials ??= super.getPartials(options).catch((err: unknown) => {
      this.partials = null;
      throw err;
    });
    return this.partials;
  }
}

export function configureViews(app: Express): void {
  const views = new ViewEngine({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: fromRoot('views', 'layouts'),
    partialsDir: fromRoot('views', 'partials'),
    helpers,
  });
  app.engine('hbs', views.engine);
  app.set('view engine', 'hbs');
  app.set('views', fromRoot('views'));
}
