import type { Express, Response } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import { setDownloadHeaders } from '../web/download';
import { Cycle } from '../cycles/cycle.entity';
import { getCycle } from '../cycles/cycles-query';
import { categoryScores, cycleScores, publicCycleScores } from './scores-export';
import { PUBLIC_STATUSES } from './cycle-lock';

const JSON_TYPE = 'application/json; charset=utf-8';

function sendJson(res: Response, body: unknown, fileName: string, cache?: string): void {
  const text = `${JSON.stringify(body, null, 2)}\n`;
  setDownloadHeaders(res, { fileName, asciiFallback: fileName, contentType: JSON_TYPE });
  if (cache) res.setHeader('Cache-Control', cache);
  res.send(text);
}

/**
 * The anonymised scores as engine input: the admin's exports of a category (one input: feed it to
 * `npm run results`) and of a cycle, and the public export of a published cycle whose admin allowed it.
 */
export function registerScoresExportRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;

  route(app, { method: 'get', path: '/admin/categories/:id/scores.json', policy: 'admin' }, async (req, res) => {
    const id = parseId(req.params.id);
    const scores = id ? await categoryScores(m, id) : null;
    if (!scores) throw notFound();
    sendJson(res, scores.input, `scores-category-${scores.category.id}.json`);
  });

  route(app, { method: 'get', path: '/admin/cycles/:id/scores.json', policy: 'admin' }, async (req, res) => {
    const id = parseId(req.params.id);
    const cycle = id ? await getCycle(m, id) : null;
    if (!cycle) throw notFound();
    sendJson(res, await cycleScores(m, cycle), `scores-${cycle.slug}.json`);
  });

  // Anyone may recompute a published ranking, when the cycle allows it; otherwise the file does not exist.
  route(app, { method: 'get', path: '/cycles/:slug/scores.json', policy: 'public' }, async (req, res) => {
    const cycle = await m.findOne(Cycle, { where: { slug: String(req.params.slug) } });
    if (!cycle || !PUBLIC_STATUSES.includes(cycle.status) || !cycle.publicScores) throw notFound();
    sendJson(res, await publicCycleScores(m, cycle), `scores-${cycle.slug}.json`, 'public, max-age=60');
  });
}
