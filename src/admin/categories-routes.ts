import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { parseForm, parseId, type FieldErrors } from '../web/forms';
import { HttpError, notFound } from '../web/http-error';
import { isUniqueViolation } from '../db/unique-violation';
import type { Cycle } from '../cycles/cycle.entity';
import type { Category } from '../cycles/category.entity';
import { createCategory, deleteCategory, moveCategory, updateCategory, type SaveCategoryResult } from '../cycles/categories';
import { countNominationsIn, getCategory, getCycle } from '../cycles/cycles-query';
import { categoryFormValues, categoryProblemMessages, categorySchema, documentChoices } from './cycle-forms';

const moveSchema = z.object({ direction: z.enum(['up', 'down']) });

type FormState = { cycle: Cycle; category?: Category; nominations?: number; values: Record<string, unknown>; errors?: FieldErrors };

/** The categories (номинации) of a cycle: add, edit, reorder, delete an empty one. */
export function registerCategoryAdminRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;

  const formPage = (req: Request, res: Response, status: number, state: FormState) => {
    res.status(status).render(state.category ? 'admin/category-edit' : 'admin/category-new', {
      title: state.category ? state.category.name : req.t('cycles.categories.new'),
      ...state,
      documents: documentChoices(state.values.requiredDocuments),
      canDelete: state.category ? state.nominations === 0 : false,
    });
  };

  const cycleOr404 = async (raw: unknown) => {
    const id = parseId(raw);
    const cycle = id ? await getCycle(m, id) : null;
    if (!cycle) throw notFound();
    return cycle;
  };

  const categoryOr404 = async (raw: unknown) => {
    const id = parseId(raw);
    const category = id ? await getCategory(m, id) : null;
    if (!category) throw notFound();
    return { category, cycle: (await getCycle(m, category.cycleId))! };
  };

  // A name taken by a request that passed the same check a moment earlier: the unique index refuses it.
  const nameRace = (err: unknown): SaveCategoryResult => {
    if (!isUniqueViolation(err)) throw err;
    return { ok: false, problems: { name: 'nameTaken' } };
  };

  route(app, { method: 'get', path: '/admin/cycles/:id/categories/new', policy: 'admin' }, async (req, res) => {
    const cycle = await cycleOr404(req.params.id);
    formPage(req, res, 200, { cycle, values: { maxWinners: 1, minYearsPractice: 0, pastWinnersExcludedYears: 0 } });
  });

  route(app, { method: 'post', path: '/admin/cycles/:id/categories', policy: 'admin' }, async (req, res) => {
    const cycle = await cycleOr404(req.params.id);
    const values = req.body ?? {};
    const form = parseForm(categorySchema, values, req.t);
    if (!form.ok) return formPage(req, res, 400, { cycle, values, errors: form.errors });
    const result = await dataSource.transaction((tx) => createCategory(tx, cycle.id, form.data, req.user!.id)).catch(nameRace);
    if (!result.ok) {
      if ('notFound' in result) throw notFound();
      return formPage(req, res, 400, { cycle, values, errors: categoryProblemMessages(req.t, result.problems) });
    }
    flash(req, 'success', 'cycles.categories.created');
    res.redirect(303, `/admin/cycles/${cycle.id}`);
  });

  route(app, { method: 'get', path: '/admin/categories/:id/edit', policy: 'admin' }, async (req, res) => {
    const { category, cycle } = await categoryOr404(req.params.id);
    formPage(req, res, 200, { cycle, category, nominations: await countNominationsIn(m, category.id), values: categoryFormValues(category) });
  });

  route(app, { method: 'post', path: '/admin/categories/:id', policy: 'admin' }, async (req, res) => {
    const { category, cycle } = await categoryOr404(req.params.id);
    const values = req.body ?? {};
    const state = { cycle, category, nominations: await countNominationsIn(m, category.id), values };
    const form = parseForm(categorySchema, values, req.t);
    if (!form.ok) return formPage(req, res, 400, { ...state, errors: form.errors });
    const result = await dataSource.transaction((tx) => updateCategory(tx, category.id, form.data, req.user!.id)).catch(nameRace);
    if (!result.ok) {
      if ('notFound' in result) throw notFound();
      return formPage(req, res, 400, { ...state, errors: categoryProblemMessages(req.t, result.problems) });
    }
    flash(req, 'success', 'cycles.categories.saved');
    res.redirect(303, `/admin/cycles/${cycle.id}`);
  });

  route(app, { method: 'post', path: '/admin/categories/:id/move', policy: 'admin' }, async (req, res) => {
    const { category } = await categoryOr404(req.params.id);
    const form = moveSchema.safeParse(req.body ?? {});
    if (!form.success) throw new HttpError(400, 'errors.badRequest');
    const moved = await dataSource.transaction((tx) => moveCategory(tx, category.id, form.data.direction, req.user!.id));
    if (!moved) throw notFound();
    res.redirect(303, `/admin/cycles/${moved.cycleId}#category-${category.id}`);
  });

  route(app, { method: 'post', path: '/admin/categories/:id/delete', policy: 'admin' }, async (req, res) => {
    const { category } = await categoryOr404(req.params.id);
    const result = await dataSource.transaction((tx) => deleteCategory(tx, category.id, req.user!.id));
    if ('notFound' in result) throw notFound();
    if (!result.ok) {
      flash(req, 'error', 'cycles.categories.cannotDelete', { nominations: req.t('plural.nominations', { count: result.nominations }) });
      return res.redirect(303, `/admin/categories/${category.id}/edit`);
    }
    flash(req, 'success', 'cycles.categories.deleted', { name: category.name });
    res.redirect(303, `/admin/cycles/${result.cycleId}`);
  });
}
