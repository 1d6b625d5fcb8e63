/** Long lists (a cycle's nominations, the audit log) are shown 50 rows a page, with links to pages. */
export const PAGE_SIZE = 50;

/** A `page` query value: a positive whole number, anything else is the first page. */
export function pageNumber(value: unknown): number {
  return typeof value === 'string' && /^[1-9][0-9]{0,6}$/.test(value) ? Number(value) : 1;
}

/** `?a=1&b=x` from the values that are set, for links that keep a list's filters. */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const pairs = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return pairs.length ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}` : '';
}

export type PageLink = { number: number; href: string; current: boolean } | { gap: true };

export interface Pager {
  links: PageLink[];
  prev: string | null;
  next: string | null;
  /** 1-based numbers of the first and last row shown, and of all rows */
  first: number;
  last: number;
  total: number;
}

/** The last page that has rows (at least 1), so a page number past the end shows the end. */
export function lastPage(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** Links to the first, the last and the pages around the current one, with gaps between. */
export function pager(total: number, page: number, hrefOf: (page: number) => string, size = PAGE_SIZE): Pager {
  const count = lastPage(total, size);
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, count])].filter((n) => n >= 1 && n <= count).sort((a, b) => a - b);
  const links: PageLink[] = [];
  for (const [i, n] of shown.entries()) {
    if (i > 0 && n - shown[i - 1] > 1) links.push({ gap: true });
    links.push({ number: n, href: hrefOf(n), current: n === page });
  }
  return {
    links: count > 1 ? links : [],
    prev: page > 1 ? hrefOf(page - 1) : null,
    next: page < count ? hrefOf(page + 1) : null,
    first: total ? (page - 1) * size + 1 : 0,
    last: Math.min(total, page * size),
    total,
  };
}
