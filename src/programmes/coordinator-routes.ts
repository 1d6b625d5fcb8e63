import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { coordinatorOf } from '../auth/policies';
import { phaseKeys } from '../cycles/phases';
import { coordinatorTrack, coordinatorTracks } from './coordinator-scope';
import { registerCompletionRoutes } from './completion-routes';
import { getTrack } from './tracks-query';

/**
 * The host coordinator's pages (issue 12): their start page lists the tracks their institution hosts, and each
 * track's completion page is the admin's, scoped to their institution (coordinator-scope.ts). The admin's
 * completion page is registered here too, so that both actors' pages are wired in one place.
 */
export function registerCompletionPages(app: Express, dataSource: DataSource, timeZone: string): void {
  const m = dataSource.manager;

  route(app, { method: 'get', path: '/coordinator', policy: 'coordinator' }, async (req, res) => {
    const coordinator = coordinatorOf(req.user);
    const tracks = await coordinatorTracks(m, coordinator);
    res.render('coordinator/home', {
      title: req.t('programmeCompletion.coordinator.title'),
      institution: coordinator.institution,
      tracks: tracks.map((t) => ({ ...t, href: `/coordinator/tracks/${t.id}`, phaseKey: phaseKeys('programme', t.cycleStatus).label })),
    });
  });

  registerCompletionRoutes(app, dataSource, timeZone, {
    policy: 'coordinator',
    path: '/coordinator/tracks/:id',
    trackOf: (tx, req, id) => coordinatorTrack(tx, coordinatorOf(req.user), id),
    back: (_cycle, t) => ({ href: '/coordinator', label: t('programmeCompletion.coordinator.title') }),
  });

  registerCompletionRoutes(app, dataSource, timeZone, {
    policy: 'admin',
    path: '/admin/tracks/:id/completion',
    trackOf: (tx, _req, id) => getTrack(tx, id),
    back: (cycle) => ({ href: `/admin/cycles/${cycle.id}`, label: cycle.name }),
  });
}
