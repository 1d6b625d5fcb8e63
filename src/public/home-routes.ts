import type { Express } from 'express';
import { route } from '../web/routing';
import { startPageFor } from '../auth/policies';

/** The public front page. */
export function registerHomeRoutes(app: Express): void {
  route(app, { method: 'get', path: '/', policy: 'public' }, (req, res) => {
    res.render('public/home', { title: req.t('app.name'), startPage: req.user ? startPageFor(req.user) : null });
  });
}
