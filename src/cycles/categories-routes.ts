import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { parseForm, parseId, type FieldErrors } from '../web/forms';
import { HttpError, notFound } from '../web/http-error';
import { isUniqueViolation } from '../db/unique-violation';
import type { Cycle } from './cycle.entity';
import type { Category } from './category.entity';
import { createCategory, deleteCategory, moveCategory, updateCategory, type CategoryInput, type SaveCategoryResult } from './categories';
import { lockedFields, mayChangeCategory, mayEditCategory } from './category-rules';
import { countNominationsIn, getCategory, getCycle } from './cycles-query';
import { categoryFormValues, categoryProblemMessages, categorySchema, documentChoices } from './cycle-forms';

const moveSchema = z.object({ direction: z.enum(['up', 'down']) });

type FormState = { cycle: Cycle; category?: Category; nominations?: number; values: Record<string, unknown>; errors?: FieldErrors; formError?: string };

/** Why the phase limits the form: one sentence per group of phases, or none when all is editable. */
const PHASE_NOTE: Partial<Record<Cycle['status'], string>> = {
  screening: 'cycles.categories.phaseNote.screening',
  judging: 'cycles.categories.phaseNote.judging',
  deliberation: 'cycles.categories.phaseNote.judging',
  approved: 'cycles.categories.phaseNote.closed',
  published: 'cycles.categories.phaseNote.closed',
  archived: 'cycles.categories.phaseNote.closed',
};

/** The categories (номинации) of a cycle: add, edit, reorder, delete an empty one. */
export function registerCategoryAdminRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;

  const formPage = (req: Request, res: Response, status: number, state: FormState) => {
    const phase = state.cycle.status;
    res.status(status).render(state.category ? 'admin/category-edit' : 'admin/category-new', {
      title: state.category ? state.category.name : req.t('cycles.categories.new'),
      ...state,
      documents: documentChoices(state.values.requiredDocuments),
      canDelete: state.category ? state.nominations === 0 : false,
      // what the phase allows (category-rules.ts): locked fields are shown disabled, and the server refuses them too
      locked: Object.fromEntries(lockedFields(phase).map((f) => [f, true])),
      phaseNote: state.category && PHASE_NOTE[phase] ? req.t(PHASE_NOTE[phase]!, { phase: req.t(`phases.${phase}`) }) : null,
      canSave: state.category ? mayEditCategory(phase) : mayChangeCategory(phase, 'add'),
      addClosed: !state.category && !mayChangeCategory(phase, 'add'),
    });
  };

  /** A field the phase locks is disabled in the form, so the browser does not send it: it stays as stored. */
  const withLockedKept = (cycle: Cycle, category: Category, body: Record<string, unknown>) => {
    const stored = categoryFormValues(category);
    const values = { ...body };
    for (const field of lockedFields(cycle.status)) {
      // as a browser would have sent it: numbers as text (the form's parser reads text)
      if (values[field] === undefined) values[field] = typeof stored[field] === 'number' ? String(stored[field]) : stored[field];
    }
    return values;
  };

  const phaseRefusal = (req: Request, result: { phase: Cycle['status']; fields: Array<keyof CategoryInput> }, editing: boolean) => {
    const phase = req.t(`phases.${result.phase}`);
    const key = result.fields.length ? 'cycles.categories.problem.phaseFields' : editing ? 'cycles.categories.phaseNote.closed' : 'cycles.categories.addClosed';
    return {
      formError: req.t(key, { phase }),
      errors: Object.fromEntries(result.fields.map((f) => [f, req.t('cycles.categories.problem.locked', { phase })])) as FieldErrors,
    };
  };

  const cycleOr404 = async (raw: unknown) => {
    const id = parseId(raw);
    const cycle = id ? await getCycle(m, id) : null;
    // a programme has tracks instead (src/programmes)
    if (!cycle || cycle.kind !== 'award') throw notFound();
    return cycle;
  };

  const categoryOr404 = async (raw: unknown) => {
    const id = parseId(raw);
    const category = id ? await getCategory(m, id) : null;
    const cycle = category ? await getCycle(m, category.cycleId) : null;
    // a programme's rankings follow its tracks (src/programmes/selection.ts): never edited by hand
    if (!category || !cycle || cycle.kind !== 'award') throw notFound();
    return { category, cycle };
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
      if ('phase' in result) return formPage(req, res, 409, { cycle: { ...cycle, status: result.phase }, values, ...phaseRefusal(req, result, false) });
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
    const values = withLockedKept(cycle, category, req.body ?? {});
    const state = { cycle, category, nominations: await countNominationsIn(m, category.id), values };
    const form = parseForm(categorySchema, values, req.t);
    if (!form.ok) return formPage(req, res, 400, { ...state, errors: form.errors });
    const result = await dataSource.transaction((tx) => updateCategory(tx, category.id, form.data, req.user!.id)).catch(nameRace);
    if (!result.ok) {
      if ('notFound' in result) throw notFound();
      if ('phase' in result) return formPage(req, res, 409, { ...state, cycle: { ...cycle, status: result.phase }, ...phaseRefusal(req, result, true) });
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
