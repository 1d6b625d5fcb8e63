import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import { scorecardHistory } from './history-queries';
import { formatNumber } from './admin-pages';

/** A scorecard's score history for the admin: the values now and every earlier version, with who and when. */
export function registerScoreHistoryRoutes(app: Express, dataSource: DataSource): void {
  route(app, { method: 'get', path: '/admin/scorecards/:id/history', policy: 'admin' }, async (req, res) => {
    const id = parseId(req.params.id);
    const h = id ? await scorecardHistory(dataSource.manager, id) : null;
    if (!h) throw notFound();
    // Strings, so that a score of 0 shows as 0 and a missing one as a dash.
    const valuesOf = (scores: Record<string, number>) => h.criteria.map((c) => ({ name: c.name, value: String(scores[String(c.id)] ?? '—') }));
    res.render('admin/jury/score-history', {
      title: req.t('juryAdmin.history.title', { juror: h.card.jurorName, nominee: h.card.nomineeName }),
      card: h.card,
      statusKey: `juryAdmin.history.status.${h.card.status}`,
      total: h.card.weightedTotal === null ? null : formatNumber(Math.round(h.card.weightedTotal * 1000) / 1000, req.locale),
      criteria: h.criteria.map((c) => ({ name: c.name, weight: formatNumber(c.weight, req.locale), scale: `${c.scaleMin}–${c.scaleMax}`, value: String(h.current[String(c.id)] ?? '—') })),
      versions: h.versions.map((v) => ({
        changedAt: v.changedAt,
        changedByName: v.changedByName,
        statusKey: `juryAdmin.history.status.${v.previousStatus}`,
        values: valuesOf(v.previousScores),
        comment: v.previousComment,
      })),
    });
  });
}
