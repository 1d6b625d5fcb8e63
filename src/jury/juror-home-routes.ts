import type { Express } from 'express';
import { route } from '../web/routing';

/** The juror's start page: their assignments per category. */
export function registerJurorHome(app: Express): void {
  route(app, { method: 'get', path: '/jury', policy: 'juror' }, (req, res) => {
    res.render('jury/home', { title: req.t('jury.home.title'), institution: req.user!.institution, municipalityName: req.user!.municipalityName });
  });
}
