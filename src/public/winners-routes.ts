import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { HttpError, notFound } from '../web/http-error';
import { attachmentDisposition } from '../web/download';
import { NO_STORE } from '../web/cache-policy';
import { CSV_CONTENT_TYPE } from '../web/spreadsheet';
import { cachedLatestSlug, cachedWinners, type CachedWinners } from './winners-cache';
import { certificateLinks, winnersCsv, winnersJson } from './winners-formats';

export const PUBLIC_CACHE = 'public, max-age=60';

/** A page with a signed-in person's name in its header is kept by no cache (web/cache-policy.ts holds to it for every answer). */
const cacheControlFor = (req: Request) => (req.user ? NO_STORE : PUBLIC_CACHE);

export const winnersPath = (slug: string) => `/cycles/${slug}/winners`;

/** Where the finished anonymous page of a language is kept in a cache entry (winners-fast-path.ts reads it too). */
export const winnersPageKey = (locale: string) => `html:${locale}`;

function winnersView(entry: CachedWinners, baseUrl: string) {
  const { cycle, categories } = entry.list;
  return {
    cycle,
    categories: categories.map((c) => ({
      name: c.name,
      winners: c.winners.map((w) => ({
        ...w,
        // position and institution, as far as the winner allowed them (either may be null)
        work: [w.position, w.institution].filter(Boolean).join(', '),
        links: w.certificate ? certificateLinks(baseUrl, w.certificate.code) : null,
        pdfPath: w.certificate ? `/certificates/${w.certificate.code}.pdf` : null,
      })),
    })),
    csvUrl: `${winnersPath(cycle.slug)}.csv`,
    jsonUrl: `${winnersPath(cycle.slug)}.json`,
    scoresUrl: cycle.publicScores ? `/cycles/${cycle.slug}/scores.json` : null,
  };
}

/**
 * The public winners pages, no login: /winners (the latest published cycle), a cycle's list as a printable page,
 * CSV and JSON. An unknown or unpublished cycle is "not found" on every one of them. No session is created or
 * read here; an anonymous visitor's page comes from the cache in winners-cache.ts as a finished string.
 */
export function registerWinnersRoutes(app: Express, dataSource: DataSource, baseUrl: string): void {
  const m = dataSource.manager;
  const published = async (req: Request) => {
    const entry = await cachedWinners(m, String(req.params.slug));
    if (!entry) throw notFound();
    return entry;
  };

  route(app, { method: 'get', path: '/winners', policy: 'public' }, async (req, res) => {
    const slug = await cachedLatestSlug(m);
    if (!slug) throw new HttpError(404, 'publicPages.winners.noneYet');
    res.setHeader('Cache-Control', PUBLIC_CACHE);
    res.redirect(303, winnersPath(slug));
  });

  route(app, { method: 'get', path: '/cycles/:slug/winners', policy: 'public' }, async (req, res, next) => {
    const entry = await published(req);
    res.setHeader('Cache-Control', cacheControlFor(req));
    // The finished page is the same for every anonymous visitor of this exact address in one language.
    const shareable = !req.user && !res.locals.flashes?.length && req.originalUrl === winnersPath(entry.list.cycle.slug);
    const key = winnersPageKey(req.locale);
    const kept = shareable ? entry.rendered.get(key) : undefined;
    if (kept) return void res.type('html').send(kept);
    const locals = { title: `${req.t('publicPages.winners.title')} · ${entry.list.cycle.name}`, printable: true, ...winnersView(entry, baseUrl) };
    res.render('public/winners', locals, (err, html) => {
      if (err) return next(err);
      if (shareable) entry.rendered.set(key, html);
      res.type('html').send(html);
    });
  });

  const download = (res: Response, body: string, fileName: string, contentType: string) => {
    res.setHeader('Content-Type', contentType);
    res.setHeader('Content-Disposition', attachmentDisposition(fileName, fileName));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', PUBLIC_CACHE);
    res.send(body);
  };

  route(app, { method: 'get', path: '/cycles/:slug/winners.csv', policy: 'public' }, async (req, res) => {
    const entry = await published(req);
    const key = `csv:${req.locale}`;
    let csv = entry.rendered.get(key);
    if (!csv) entry.rendered.set(key, (csv = winnersCsv(entry.list, baseUrl, req.t)));
    download(res, csv, `winners-${entry.list.cycle.slug}.csv`, CSV_CONTENT_TYPE);
  });

  route(app, { method: 'get', path: '/cycles/:slug/winners.json', policy: 'public' }, async (req, res) => {
    const entry = await published(req);
    let json = entry.rendered.get('json');
    if (!json) entry.rendered.set('json', (json = `${JSON.stringify(winnersJson(entry.list, baseUrl), null, 2)}\n`));
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', PUBLIC_CACHE);
    res.send(json);
  });
}
