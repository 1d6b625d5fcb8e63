import type { Express } from 'express';
import { route } from '../web/routing';

/** The officer's start page: their municipality and its nominations. */
export function registerOfficerHome(app: Express): void {
  route(app, { method: 'get', path: '/officer', policy: 'officer' }, (req, res) => {
    res.render('officer/home', { title: req.t('officer.home.title'), municipalityName: req.user!.municipalityName });
  });
}
