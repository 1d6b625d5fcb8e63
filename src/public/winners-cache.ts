import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { latestPublishedCycle, publishedCycle, winnersOf, type WinnersList } from './winners-query';

/**
 * A small in-process cache of the public winners lists, because the public pages must be fast (see the
 * performance table of DESIGN.md) and a published list hardly ever changes.
 *
 * - An entry is served without a query for FRESH_MS. After that one cheap query re-reads the cycle's status and
 *   published_at: if the cycle is no longer public, it is gone at once; if it was published again (a new
 *   published_at) or a winner's publication consent changed (consentState), the list is read again. Whatever
 *   happens, the list is re-read after MAX_AGE_MS (a diploma re-issued since, say).
 * - Publishing and unpublishing, and a publication consent given, changed or withdrawn, in this process drop the
 *   whole cache (in the transaction and after its commit; events/subscribers.ts). Another app process
 *   on the same database notices within FRESH_MS (5 s), about as stale as the pages' own `max-age=60` allows.
 * - `rendered` keeps the finished HTML/CSV/JSON of an entry, so an anonymous visitor's page is one Map lookup.
 */

export const FRESH_MS = 5_000;
export const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 50;

export interface CachedWinners {
  list: WinnersList;
  checkedAt: number;
  loadedAt: number;
  rendered: Map<string, string>;
}

const bySlug = new Map<string, CachedWinners>();
let latest: { slug: string | null; at: number } | null = null;
// Bumped by forgetPublicWinners: a read that started before it must not store what it read.
let generation = 0;

export function forgetPublicWinners(): void {
  generation += 1;
  bySlug.clear();
  latest = null;
}

const sameTime = (a: Date | null, b: Date | null) => (a ? a.getTime() : null) === (b ? b.getTime() : null);

/** The public winners list of a published cycle, or null (unknown or unpublished). */
export async function cachedWinners(m: EntityManager, slug: string, now = Date.now()): Promise<CachedWinners | null> {
  const entry = bySlug.get(slug);
  if (entry && now - entry.checkedAt < FRESH_MS && now - entry.loadedAt < MAX_AGE_MS) return entry;
  const started = generation;
  const cycle = await publishedCycle(m, slug);
  if (!cycle) {
    bySlug.delete(slug);
    return null;
  }
  if (entry && entry.list.cycle.id === cycle.id && sameTime(entry.list.cycle.publishedAt, cycle.publishedAt) && entry.list.cycle.publicScores === cycle.publicScores && entry.list.cycle.consentState === cycle.consentState && now - entry.loadedAt < MAX_AGE_MS) {
    entry.checkedAt = now;
    return entry;
  }
  const fresh: CachedWinners = { list: { cycle, categories: await winnersOf(m, cycle.id) }, checkedAt: now, loadedAt: now, rendered: new Map() };
  if (started === generation) {
    bySlug.delete(slug);
    bySlug.set(slug, fresh);
    while (bySlug.size > MAX_ENTRIES) bySlug.delete(bySlug.keys().next().value!);
  }
  return fresh;
}

/** The slug of the latest published cycle, or null when nothing is published yet. */
export async function cachedLatestSlug(m: EntityManager, now = Date.now()): Promise<string | null> {
  if (latest && now - latest.at < FRESH_MS) return latest.slug;
  const started = generation;
  const slug = (await latestPublishedCycle(m))?.slug ?? null;
  if (started === generation) latest = { slug, at: now };
  return slug;
}

export interface PreparedPage {
  body: Buffer;
  etag: string;
}

const prepared = new WeakMap<CachedWinners, Map<string, PreparedPage>>();

/**
 * A finished page of a list that is still fresh, as bytes with their ETag, without touching the database;
 * undefined when there is none (the real route then renders and checks).
 */
export function freshPage(slug: string, key: string, now = Date.now()): PreparedPage | undefined {
  const entry = bySlug.get(slug);
  if (!entry || now - entry.checkedAt >= FRESH_MS || now - entry.loadedAt >= MAX_AGE_MS) return undefined;
  let pages = prepared.get(entry);
  if (!pages) prepared.set(entry, (pages = new Map()));
  let page = pages.get(key);
  if (!page) {
    const text = entry.rendered.get(key);
    if (text === undefined) return undefined;
    const body = Buffer.from(text, 'utf8');
    pages.set(key, (page = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` }));
  }
  return page;
}
