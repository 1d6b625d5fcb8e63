import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { jurorOf } from '../auth/policies';
import type { JurorPagesCache } from './juror-pages-cache';
import { jurorHomeView } from './juror-view';

/** The juror's start page: their assignments per category with progress, and the nominations they stepped away from. */
export function registerJurorHome(app: Express, dataSource: DataSource, cache: JurorPagesCache): void {
  const m = dataSource.manager;
  route(app, { method: 'get', path: '/jury', policy: 'juror' }, async (req, res) => {
    const juror = jurorOf(req.user);
    const { assignments, recusals } = await cache.home(m, juror);
    res.render('jury/home', {
      title: req.t('jury.home.title'),
      institution: juror.institution,
      municipalityName: req.user!.municipalityName,
      groups: jurorHomeView(assignments, new Date()),
      recusals,
    });
  });
}
