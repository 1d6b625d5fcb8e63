import type { EntityManager } from 'typeorm';
import { parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import type { Locale } from '../web/i18n';
import { categoryHead, type CategoryHead } from './matrix-queries';

/** Shared bits of the admin's jury pages of a category (criteria, panel, matrix, conflicts). */

export const JURY_TABS = ['criteria', 'panel', 'matrix', 'conflicts'] as const;
export type JuryTab = (typeof JURY_TABS)[number];

export async function categoryOr404(m: EntityManager, raw: unknown): Promise<CategoryHead> {
  const id = parseId(raw);
  const head = id ? await categoryHead(m, id) : null;
  if (!head) throw notFound();
  return head;
}

/** The tab bar over every jury page of a category: where the admin is, and the other pages. */
export function tabsOf(head: CategoryHead, current: JuryTab) {
  return JURY_TABS.map((tab) => ({ href: `/admin/categories/${head.id}/${tab}`, labelKey: `juryAdmin.tabs.${tab}`, current: tab === current }));
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** 0.5 as «0,5» in Russian and «0.5» in English. */
export function formatNumber(value: number, locale: Locale): string {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 4 })));
  return f.format(value);
}

/** 0.583 as «58 %». */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)} %`;
}
