import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { fields } from '../web/forms';
import { notFound } from '../web/http-error';
import { cycleOr404 as cycleOfParam } from '../cycles/cycles-query';
import { forgetPublicWinners } from '../public/winners-cache';
import { METHODS } from './engine';
import { cycleResults } from './category-results';
import { cycleResultsView } from './cycle-view';
import { categoryResultsOr404, renderCategoryPage } from './category-page';
import { overrideWinners, resetWinners, REASON_MAX, setPublicScores, setResultsMethod, type DeliberationResult } from './deliberation';

const methodSchema = z.object({ method: z.enum(METHODS) });
const reasonField = z.string().trim().max(REASON_MAX, `validation.tooLong|max=${REASON_MAX}`).optional().default('');
const placeField = z.preprocess((v) => (v === '' || v === undefined ? null : v), fields.id().nullable().catch(-1));

/**
 * The admin's results pages: a cycle's categories with their state and the cycle-level settings; a category's
 * full results with deliberation. Approval and publication are in decision-routes.ts.
 */
export function registerResultsRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;
  const cycleOr404 = (raw: unknown) => cycleOfParam(m, raw);

  route(app, { method: 'get', path: '/admin/cycles/:id/results', policy: 'admin' }, async (req, res) => {
    const cycle = await cycleOr404(req.params.id);
    const view = cycleResultsView(cycle, await cycleResults(m, cycle.id), req.t);
    res.render('admin/results/cycle', { title: req.t('results.cycle.title', { cycle: cycle.name }), cycle, ...view });
  });

  route(app, { method: 'post', path: '/admin/cycles/:id/results/method', policy: 'admin' }, async (req, res) => {
    const cycle = await cycleOr404(req.params.id);
    const form = methodSchema.safeParse(req.body ?? {});
    if (!form.success) {
      flash(req, 'error', 'results.method.invalid');
      return res.redirect(303, `/admin/cycles/${cycle.id}/results`);
    }
    const result = await dataSource.transaction((tx) => setResultsMethod(tx, cycle.id, form.data.method, req.user!.id));
    flash(req, result.ok ? 'success' : 'error', result.ok ? 'results.method.saved' : 'results.method.notInDeliberation');
    res.redirect(303, `/admin/cycles/${cycle.id}/results`);
  });

  route(app, { method: 'post', path: '/admin/cycles/:id/results/public-scores', policy: 'admin' }, async (req, res) => {
    const cycle = await cycleOr404(req.params.id);
    const allowed = req.body?.publicScores === 'on' || req.body?.publicScores === '1';
    await dataSource.transaction((tx) => setPublicScores(tx, cycle.id, allowed, req.user!.id));
    forgetPublicWinners(); // the winners page links the scores file only when it is open
    flash(req, 'success', allowed ? 'results.publicScores.on' : 'results.publicScores.off');
    res.redirect(303, `/admin/cycles/${cycle.id}/results`);
  });

  route(app, { method: 'get', path: '/admin/categories/:id/results', policy: 'admin' }, async (req, res) => {
    await renderCategoryPage(m, req, res, 200, await categoryResultsOr404(m, req.params.id));
  });

  /** A refused deliberation change: the page again, with the admin's input and the message next to its field. */
  const answer = async (req: Request, res: Response, categoryId: number, result: DeliberationResult, form: { places?: Array<number | null>; reason?: string; resetReason?: string; reset?: boolean }) => {
    if (result.ok) {
      flash(req, 'success', form.reset ? 'results.override.resetDone' : 'results.override.saved');
      return res.redirect(303, `/admin/categories/${categoryId}/results#deliberation`);
    }
    if (result.problem === 'notFound') throw notFound();
    const r = await categoryResultsOr404(m, String(categoryId));
    const message = result.problem === 'places' ? null : req.t(`results.override.problem.${result.problem}`);
    const errors: Record<string, string> = {};
    if (result.problem === 'places') for (const p of result.problems) errors[p.field] ??= req.t(p.key, p.params);
    else if (!form.reset) errors[result.problem === 'reasonRequired' ? 'reason' : '_form'] = message!;
    const status = result.problem === 'notInDeliberation' ? 409 : 400;
    await renderCategoryPage(m, req, res, status, r, { places: form.places, reason: form.reason, errors, resetReason: form.resetReason, resetError: form.reset ? message! : undefined });
  };

  route(app, { method: 'post', path: '/admin/categories/:id/results/override', policy: 'admin' }, async (req, res) => {
    const r = await categoryResultsOr404(m, req.params.id);
    const body = req.body ?? {};
    const places = Array.from({ length: r.category.maxWinners }, (_, i) => placeField.parse(body[`place${i + 1}`]));
    const reason = reasonField.safeParse(body.reason);
    if (!reason.success) {
      return renderCategoryPage(m, req, res, 400, r, { places, reason: String(body.reason ?? ''), errors: { reason: req.t('validation.tooLong', { max: REASON_MAX }) } });
    }
    const result = await dataSource.transaction((tx) => overrideWinners(tx, r.category.id, places, reason.data, req.user!.id));
    await answer(req, res, r.category.id, result, { places, reason: reason.data });
  });

  route(app, { method: 'post', path: '/admin/categories/:id/results/reset', policy: 'admin' }, async (req, res) => {
    const r = await categoryResultsOr404(m, req.params.id);
    const reason = reasonField.safeParse(req.body?.resetReason);
    if (!reason.success) {
      return renderCategoryPage(m, req, res, 400, r, { resetReason: String(req.body?.resetReason ?? ''), resetError: req.t('validation.tooLong', { max: REASON_MAX }) });
    }
    const result = await dataSource.transaction((tx) => resetWinners(tx, r.category.id, reason.data, req.user!.id));
    await answer(req, res, r.category.id, result, { resetReason: reason.data, reset: true });
  });
}
