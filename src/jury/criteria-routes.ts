import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { parseId, type FieldErrors } from '../web/forms';
import { HttpError, notFound } from '../web/http-error';
import { isUniqueViolation } from '../db/unique-violation';
import { Criterion } from './criterion.entity';
import { createCriterion, deleteCriterion, moveCriterion, submittedScorecards, updateCriterion, type CriterionResult } from './criteria';
import { criterionFormValues, readCriterionForm } from './criteria-form';
import { bandLabel } from './rubric';
import { categoryOr404, formatNumber, tabsOf } from './admin-pages';
import type { CategoryHead } from './matrix-queries';

const moveSchema = z.object({ direction: z.enum(['up', 'down']) });

/** The criteria of a category: list, add, edit, reorder, delete — all frozen once a scorecard is submitted. */
export function registerCriteriaRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;
  const base = (head: CategoryHead) => `/admin/categories/${head.id}/criteria`;
  const lockedMessage = (req: Request, submitted: number) => req.t('juryAdmin.criteria.locked', { count: submitted });

  const listPage = async (req: Request, res: Response, status: number, head: CategoryHead, formError?: string) => {
    const [criteria, submitted] = await Promise.all([
      m.find(Criterion, { where: { categoryId: head.id }, order: { sortOrder: 'ASC', id: 'ASC' } }),
      submittedScorecards(m, head.id),
    ]);
    const totalWeight = criteria.reduce((s, c) => s + c.weight, 0);
    // s = Σ w·x / Σ w averages the points themselves: a weight's share is not the criterion's share of the total
    // when scales differ in width, since a wider scale moves the total by more points.
    const mixedScales = new Set(criteria.map((c) => c.scaleMax - c.scaleMin)).size > 1;
    res.status(status).render('admin/jury/criteria', {
      title: req.t('juryAdmin.criteria.title', { category: head.name }),
      head,
      tabs: tabsOf(head, 'criteria'),
      locked: submitted > 0,
      lockedMessage: submitted > 0 ? lockedMessage(req, submitted) : null,
      formError,
      mixedScales,
      criteria: criteria.map((c, i) => ({
        id: c.id,
        name: c.name,
        description: c.description,
        weight: formatNumber(c.weight, req.locale),
        share: totalWeight ? formatNumber(Math.round((c.weight / totalWeight) * 1000) / 10, req.locale) : '0',
        scale: `${c.scaleMin}–${c.scaleMax}`,
        rubric: c.rubric.map((b) => ({ label: bandLabel(b), text: b.text })),
        canMoveUp: i > 0,
        canMoveDown: i < criteria.length - 1,
      })),
    });
  };

  const formPage = (req: Request, res: Response, status: number, head: CategoryHead, state: { criterionId?: number; values: Record<string, unknown>; errors?: FieldErrors; lockedMessage?: string }) => {
    res.status(status).render('admin/jury/criterion-form', {
      title: req.t(state.criterionId ? 'juryAdmin.criteria.edit' : 'juryAdmin.criteria.new'),
      head,
      tabs: tabsOf(head, 'criteria'),
      action: state.criterionId ? `${base(head)}/${state.criterionId}` : base(head),
      ...state,
      errors: state.errors ?? {},
    });
  };

  /** The form still opens when frozen (to read the values), but says why it cannot be saved. */
  const lockedNow = async (req: Request, head: CategoryHead) => {
    const submitted = await submittedScorecards(m, head.id);
    return submitted ? lockedMessage(req, submitted) : undefined;
  };

  const criterionOr404 = async (head: CategoryHead, raw: unknown) => {
    const id = parseId(raw);
    const criterion = id ? await m.findOne(Criterion, { where: { id, categoryId: head.id } }) : null;
    if (!criterion) throw notFound();
    return criterion;
  };

  /** The answer to a refused change: the list page saying why (locked), the form with the problem, or 404. */
  const refused = async (req: Request, res: Response, head: CategoryHead, result: Exclude<CriterionResult, { ok: true }>, form?: { criterionId?: number; values: Record<string, unknown> }) => {
    if (result.problem === 'notFound') throw notFound();
    if (result.problem === 'locked') return listPage(req, res, 409, head, lockedMessage(req, result.submitted));
    return formPage(req, res, 400, head, { ...form!, errors: { name: req.t('juryAdmin.criteria.nameTaken') } });
  };
  // A name taken by a request that passed the same check a moment earlier: the unique index refuses it.
  const nameRace = (err: unknown): CriterionResult => {
    if (!isUniqueViolation(err)) throw err;
    return { ok: false, problem: 'nameTaken' };
  };

  route(app, { method: 'get', path: '/admin/categories/:id/criteria', policy: 'admin' }, async (req, res) => {
    await listPage(req, res, 200, await categoryOr404(m, req.params.id));
  });

  route(app, { method: 'get', path: '/admin/categories/:id/criteria/new', policy: 'admin' }, async (req, res) => {
    const head = await categoryOr404(m, req.params.id);
    formPage(req, res, 200, head, { values: { weight: '1', scaleMin: 1, scaleMax: 10, rubric: '' }, lockedMessage: await lockedNow(req, head) });
  });

  route(app, { method: 'post', path: '/admin/categories/:id/criteria', policy: 'admin' }, async (req, res) => {
    const head = await categoryOr404(m, req.params.id);
    const values = req.body ?? {};
    const form = readCriterionForm(values, req.t);
    if (!form.ok) return formPage(req, res, 400, head, { values, errors: form.errors });
    const result = await dataSource.transaction((tx) => createCriterion(tx, req.user!.id, head.id, form.input)).catch(nameRace);
    if (!result.ok) return refused(req, res, head, result, { values });
    flash(req, 'success', 'juryAdmin.criteria.created', { name: form.input.name });
    res.redirect(303, base(head));
  });

  route(app, { method: 'get', path: '/admin/categories/:id/criteria/:criterionId/edit', policy: 'admin' }, async (req, res) => {
    const head = await categoryOr404(m, req.params.id);
    const criterion = await criterionOr404(head, req.params.criterionId);
    formPage(req, res, 200, head, { criterionId: criterion.id, values: criterionFormValues(criterion), lockedMessage: await lockedNow(req, head) });
  });

  route(app, { method: 'post', path: '/admin/categories/:id/criteria/:criterionId', policy: 'admin' }, async (req, res) => {
    const head = await categoryOr404(m, req.params.id);
    const criterion = await criterionOr404(head, req.params.criterionId);
    const values = req.body ?? {};
    const form = readCriterionForm(values, req.t);
    if (!form.ok) return formPage(req, res, 400, head, { criterionId: criterion.id, values, errors: form.errors });
    const result = await dataSource.transaction((tx) => updateCriterion(tx, req.user!.id, head.id, criterion.id, form.input)).catch(nameRace);
    if (!result.ok) return refused(req, res, head, result, { criterionId: criterion.id, values });
    flash(req, 'success', 'juryAdmin.criteria.saved', { name: form.input.name });
    res.redirect(303, base(head));
  });

  route(app, { method: 'post', path: '/admin/categories/:id/criteria/:criterionId/move', policy: 'admin' }, async (req, res) => {
    const head = await categoryOr404(m, req.params.id);
    const criterion = await criterionOr404(head, req.params.criterionId);
    const form = moveSchema.safeParse(req.body ?? {});
    if (!form.success) throw new HttpError(400, 'errors.badRequest');
    const result = await dataSource.transaction((tx) => moveCriterion(tx, req.user!.id, head.id, criterion.id, form.data.direction));
    if (!result.ok) return refused(req, res, head, result);
    res.redirect(303, `${base(head)}#criterion-${criterion.id}`);
  });

  route(app, { method: 'post', path: '/admin/categories/:id/criteria/:criterionId/delete', policy: 'admin' }, async (req, res) => {
    const head = await categoryOr404(m, req.params.id);
    const criterion = await criterionOr404(head, req.params.criterionId);
    const result = await dataSource.transaction((tx) => deleteCriterion(tx, req.user!.id, head.id, criterion.id));
    if (!result.ok) return refused(req, res, head, result);
    flash(req, 'success', 'juryAdmin.criteria.deleted', { name: criterion.name });
    res.redirect(303, base(head));
  });
}
