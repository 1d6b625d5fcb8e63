import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { startPageFor } from '../auth/policies';
import { cachedLatestSlug, cachedWinners } from './winners-cache';
import { openCycles } from './winners-query';
import { PUBLIC_CACHE, winnersPath } from './winners-routes';
import { NO_STORE } from '../web/cache-policy';
import { publicProgrammePath } from '../programmes/public-programme';
import { upcomingPublicEvents } from '../events/events-query';

/** The public front page: the latest published winners in short, and the cycles taking nominations now. */
export function registerHomeRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;
  route(app, { method: 'get', path: '/', policy: 'public' }, async (req, res) => {
    const slug = await cachedLatestSlug(m);
    const latest = slug ? await cachedWinners(m, slug) : null;
    const now = Date.now();
    // a cycle opened ahead of its start date takes nothing yet: it is announced, not shown as open
    // a programme links to its public page of tracks (src/programmes)
    const cycles = (await openCycles(m)).map((c) => ({ ...c, upcoming: !!c.nominationsStart && c.nominationsStart.getTime() > now, href: c.kind === 'programme' ? publicProgrammePath(c.slug) : null }));
    res.setHeader('Cache-Control', req.user ? NO_STORE : PUBLIC_CACHE);
    res.render('public/home', {
      startPage: req.user ? startPageFor(req.user) : null,
      latest: latest
        ? {
            cycle: latest.list.cycle,
            href: winnersPath(latest.list.cycle.slug),
            categories: latest.list.categories.filter((c) => c.winners.length).map((c) => ({ name: c.name, winners: c.winners.map((w) => ({ place: w.place, fullName: w.fullName, municipality: w.municipality, noticeKey: w.noticeKey })) })),
          }
        : null,
      open: cycles.filter((c) => !c.upcoming),
      upcoming: cycles.filter((c) => c.upcoming),
      // published events still taking (or about to take) registrations (src/events)
      events: (await upcomingPublicEvents(m, new Date(now))).map((e) => ({ name: e.name, href: `/events/${e.slug}`, startsAt: e.startsAt, opensAt: e.registrationOpensAt.getTime() > now ? e.registrationOpensAt : null, closesAt: e.registrationClosesAt })),
    });
  });
}
