import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { parseForm, parseId, type FieldErrors } from '../web/forms';
import { notFound } from '../web/http-error';
import { isUniqueViolation, violatedConstraint } from '../db/unique-violation';
import { createCycle, updateCycle, type CycleProblems } from './cycles';
import { getCycle, listCategories, listCycles } from './cycles-query';
import { CYCLE_CODE_YEAR_INDEX, type Cycle } from './cycle.entity';
import { cycleFormErrors, cycleFormValues, cycleProblemMessages, cycleSchema, kindChoices, phaseFieldsView, reminderFormDefaults, versionSchema } from './cycle-forms';
import { phaseKeys } from './phases';
import { programmePageView } from '../programmes/programme-view';
import { cyclePageView } from './cycle-view';
import { rankingScopeField } from '../programmes/selection-view';

type FormState = { cycle?: Cycle; values: Record<string, unknown>; errors?: FieldErrors; stale?: boolean };

/** The admin's cycles (конкурсы): list, create, show, edit. Phase moves: cycle-phase-routes.ts. */
export function registerCycleAdminRoutes(app: Express, dataSource: DataSource, regionTz: string): void {
  const m = dataSource.manager;
  const schema = cycleSchema(regionTz);

  const formPage = (req: Request, res: Response, status: number, state: FormState) => {
    const view = state.cycle ? 'admin/cycle-edit' : 'admin/cycle-new';
    res.status(status).render(view, {
      title: state.cycle ? state.cycle.name : req.t('cycles.new'),
      ...state,
      phaseFields: phaseFieldsView(state.values, state.errors, state.cycle?.kind ?? (state.values.kind === 'programme' ? 'programme' : 'award')),
      kinds: state.cycle ? null : kindChoices(state.values.kind),
      rankingScope: rankingScopeField(state.cycle, state.values),
      regionTz,
    });
  };

  const cycleOr404 = async (raw: unknown) => {
    const id = parseId(raw);
    const cycle = id ? await getCycle(m, id) : null;
    if (!cycle) throw notFound();
    return cycle;
  };

  // A slug, or a code and year, taken by a request that passed the same check a moment earlier: the
  // unique index refuses it, and the form says which, as the check would have.
  const uniqueRace = (input: { code: string; year: number }) => (err: unknown): { ok: false; problems: CycleProblems } => {
    if (!isUniqueViolation(err)) throw err;
    if (violatedConstraint(err) === CYCLE_CODE_YEAR_INDEX) return { ok: false, problems: { code: { key: 'cycles.problem.codeYearTaken', params: { code: input.code, year: input.year } } } };
    return { ok: false, problems: { slug: { key: 'cycles.problem.slugTaken' } } };
  };

  route(app, { method: 'get', path: '/admin/cycles', policy: 'admin' }, async (req, res) => {
    const cycles = (await listCycles(m)).map((c) => ({ ...c, statusKey: phaseKeys(c.kind, c.status).label, kindKey: `programmes.kinds.${c.kind}` }));
    res.render('admin/cycles', { title: req.t('cycles.title'), cycles });
  });

  route(app, { method: 'get', path: '/admin/cycles/new', policy: 'admin' }, (req, res) => {
    // ?kind=programme: the list's «new programme» button opens the form with the programme's phases
    const kind = req.query.kind === 'programme' ? 'programme' : 'award';
    formPage(req, res, 200, { values: { year: new Date().getFullYear() + 1, kind, ...reminderFormDefaults() } });
  });

  route(app, { method: 'post', path: '/admin/cycles', policy: 'admin' }, async (req, res) => {
    const values = req.body ?? {};
    const form = parseForm(schema, values, req.t);
    if (!form.ok) return formPage(req, res, 400, { values, errors: cycleFormErrors(req.t, regionTz, values, form.errors) });
    const result = await dataSource.transaction((tx) => createCycle(tx, form.data, req.user!.id)).catch(uniqueRace(form.data));
    if (!result.ok) return formPage(req, res, 400, { values, errors: cycleProblemMessages(req.t, result.problems) });
    flash(req, 'success', form.data.kind === 'programme' ? 'programmes.created' : 'cycles.created');
    res.redirect(303, `/admin/cycles/${result.id}`);
  });

  route(app, { method: 'get', path: '/admin/cycles/:id', policy: 'admin' }, async (req, res) => {
    const cycle = await cycleOr404(req.params.id);
    if (cycle.kind === 'programme') return res.render('admin/programmes/programme', { title: cycle.name, ...(await programmePageView(m, cycle)), regionTz });
    res.render('admin/cycle', { title: cycle.name, ...cyclePageView(cycle, await listCategories(m, cycle.id)), regionTz });
  });

  route(app, { method: 'get', path: '/admin/cycles/:id/edit', policy: 'admin' }, async (req, res) => {
    const cycle = await cycleOr404(req.params.id);
    formPage(req, res, 200, { cycle, values: cycleFormValues(cycle, regionTz) });
  });

  route(app, { method: 'post', path: '/admin/cycles/:id', policy: 'admin' }, async (req, res) => {
    const cycle = await cycleOr404(req.params.id);
    const values = req.body ?? {};
    const version = versionSchema.safeParse(values);
    // Without the version we cannot tell what the admin saw: treat it as stale rather than overwrite.
    if (!version.success) return formPage(req, res, 409, { cycle, values, stale: true });
    const form = parseForm(schema, values, req.t);
    if (!form.ok) return formPage(req, res, 400, { cycle, values, errors: cycleFormErrors(req.t, regionTz, values, form.errors) });
    const result = await dataSource.transaction((tx) => updateCycle(tx, cycle.id, version.data.version, form.data, req.user!.id)).catch(uniqueRace(form.data));
    if (!result.ok) {
      if ('notFound' in result) throw notFound();
      if ('stale' in result) return formPage(req, res, 409, { cycle, values, stale: true });
      return formPage(req, res, 400, { cycle, values, errors: cycleProblemMessages(req.t, result.problems) });
    }
    flash(req, 'success', 'cycles.saved');
    res.redirect(303, `/admin/cycles/${cycle.id}`);
  });
}
