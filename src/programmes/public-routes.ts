import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { notFound } from '../web/http-error';
import { NO_STORE } from '../web/cache-policy';
import { publicProgramme } from './public-programme';

/** The public page of a programme's tracks, while it takes applications (anyone may read it). */
export function registerProgrammePublicRoutes(app: Express, dataSource: DataSource): void {
  route(app, { method: 'get', path: '/programmes/:slug', policy: 'public' }, async (req, res) => {
    const page = await publicProgramme(dataSource.manager, String(req.params.slug));
    if (!page) throw notFound();
    // not cached: the page must disappear the moment applications close
    res.setHeader('Cache-Control', NO_STORE);
    res.render('public/programme', { title: page.programme.name, ...page });
  });
}
