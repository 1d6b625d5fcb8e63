import fs from 'node:fs';
import { fromRoot } from '../paths';

export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'ru';

type Catalog = Record<string, string>;
type Params = Record<string, unknown>;

const catalogs: Record<Locale, Catalog> = {
  ru: flatten(readCatalog('ru')),
  en: flatten(readCatalog('en')),
};
const pluralRules: Record<Locale, Intl.PluralRules> = {
  ru: new Intl.PluralRules('ru'),
  en: new Intl.PluralRules('en'),
};

/** A locale's catalog is every JSON file in locales/<locale>/ (one per domain), merged. */
function readCatalog(locale: Locale): Record<string, unknown> {
  const dir = fromRoot('locales', locale);
  const merged: Record<string, unknown> = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    deepMerge(merged, JSON.parse(fs.readFileSync(`${dir}/${file}`, 'utf8')));
  }
  return merged;
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(source)) {
    if (v && typeof v === 'object' && target[k] && typeof target[k] === 'object') deepMerge(target[k] as Record<string, unknown>, v as Record<string, unknown>);
    else target[k] = v;
  }
}

function flatten(obj: Record<string, unknown>, prefix = '', out: Catalog = {}): Catalog {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') flatten(v as Record<string, unknown>, key, out);
    else out[key] = String(v);
  }
  return out;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Looks up `key` in the locale's catalog. With a numeric `count` the plural form is chosen by the
 * language's rules (Russian: one/few/many — «1 заявка, 2 заявки, 5 заявок»). `{name}` placeholders are
 * filled from params; values are inserted as text, never re-interpreted as catalog keys.
 */
export function translate(locale: Locale, key: string, params: Params = {}): string {
  const catalog = catalogs[locale];
  let template: string | undefined;
  if (typeof params.count === 'number') {
    const form = pluralRules[locale].select(params.count);
    template = catalog[`${key}.${form}`] ?? catalog[`${key}.other`];
  }
  template ??= catalog[key] ?? catalogs[DEFAULT_LOCALE][key];
  if (template === undefined) return key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? shown(locale, params[name]) : whole));
}

/** A parameter as text: a list of names is quoted the language's way («…» in Russian, “…” in English) and joined. */
function shown(locale: Locale, value: unknown): string {
  if (!Array.isArray(value)) return String(value);
  return value.map((text) => translate(locale, 'app.quoted', { text: String(text) })).join(', ');
}

export function hasKey(locale: Locale, key: string): boolean {
  return key in catalogs[locale] || `${key}.other` in catalogs[locale];
}

export function catalogKeys(locale: Locale): string[] {
  return Object.keys(catalogs[locale]);
}

export type Translator = (key: string, params?: Params) => string;
export const translator = (locale: Locale): Translator => (key, params) => translate(locale, key, params);
