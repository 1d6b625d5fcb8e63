import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { parseForm, parseId } from '../web/forms';
import { HttpError, notFound } from '../web/http-error';
import { toLocalInput } from '../web/zoned-time';
import { getCycle } from '../cycles/cycles-query';
import { phaseKeys } from '../cycles/phases';
import { allocationPageView, type SectionForm } from './allocation-view';
import { approveSchema, fixSchema, unfixSchema } from './allocation-forms';
import { approveAllocation, fixPlace, unfixPlace, type AllocationChange } from './allocations';
import { mayReadAllocation } from './allocation-rules';

/** The deadline the approval form suggests: a week, time enough to ask a head doctor's leave. */
const SUGGESTED_DAYS = 7;

/** The allocation of a programme's places (issue 12): who got which track and why, fixed places, approval. */
export function registerAllocationRoutes(app: Express, dataSource: DataSource, timeZone: string): void {
  const m = dataSource.manager;

  /** An award has no allocation (404); a programme before «распределение мест» has none yet (409, said why). */
  const programmeOr404 = async (req: Request) => {
    const id = parseId(req.params.id);
    const cycle = id ? await getCycle(m, id) : null;
    if (!cycle || cycle.kind !== 'programme') throw notFound();
    if (!mayReadAllocation(cycle.status)) throw new HttpError(409, 'programmeAllocation.notYet', { phase: req.t(phaseKeys('programme', cycle.status).label) });
    return cycle;
  };

  const page = async (req: Request, res: Response, status: number, sent?: SectionForm) => {
    const cycle = await programmeOr404(req);
    const view = await allocationPageView(m, req.t, cycle, sent);
    const suggested = toLocalInput(new Date(Date.now() + SUGGESTED_DAYS * 86_400_000), timeZone);
    res.status(status).render('admin/programmes/allocation', {
      title: req.t('programmeAllocation.title', { cycle: cycle.name }),
      ...view,
      sections: view.sections.map((s) => ({ ...s, deadlineValue: s.approve?.values?.expiresAt ?? suggested })),
    });
  };

  /** A refused change: phase, stale page, approved already → 409; input that does not fit → 400; the input kept. */
  const refused = (req: Request, res: Response, categoryId: number, form: SectionForm['form'], values: Record<string, unknown>, result: Exclude<AllocationChange, { ok: true }>) => {
    if ('refused' in result) {
      if (result.refused === 'notFound') throw notFound();
      const formError =
        result.refused === 'phase'
          ? req.t('programmeAllocation.closed', { phase: req.t(phaseKeys('programme', result.phase).label) })
          : req.t(`programmeAllocation.${result.refused}`);
      return page(req, res, 409, { categoryId, form, values, formError });
    }
    return page(req, res, 400, { categoryId, form, values, formError: req.t(`programmeAllocation.problem.${result.problem}`, result.params ?? {}) });
  };

  const categoryOf = (raw: unknown) => {
    const id = parseId(raw);
    if (!id) throw notFound();
    return id;
  };

  route(app, { method: 'get', path: '/admin/cycles/:id/allocation', policy: 'admin' }, async (req, res) => {
    await page(req, res, 200);
  });

  route(app, { method: 'post', path: '/admin/cycles/:id/allocation/:categoryId/fix', policy: 'admin' }, async (req, res) => {
    const cycle = await programmeOr404(req);
    const categoryId = categoryOf(req.params.categoryId);
    const values = req.body ?? {};
    const form = parseForm(fixSchema, values, req.t);
    if (!form.ok) return page(req, res, 400, { categoryId, form: 'fix', values, errors: form.errors });
    const result = await dataSource.transaction((tx) => fixPlace(tx, { cycleId: cycle.id, categoryId, ...form.data, actorId: req.user!.id }));
    if (!result.ok) return refused(req, res, categoryId, 'fix', values, result);
    flash(req, 'success', 'programmeAllocation.fix.done');
    res.redirect(303, `/admin/cycles/${cycle.id}/allocation#ranking-${categoryId}`);
  });

  route(app, { method: 'post', path: '/admin/cycles/:id/allocation/:categoryId/unfix', policy: 'admin' }, async (req, res) => {
    const cycle = await programmeOr404(req);
    const categoryId = categoryOf(req.params.categoryId);
    const values = req.body ?? {};
    const form = parseForm(unfixSchema, values, req.t);
    if (!form.ok) return page(req, res, 400, { categoryId, form: 'unfix', values, errors: form.errors });
    const result = await dataSource.transaction((tx) => unfixPlace(tx, { cycleId: cycle.id, categoryId, ...form.data, actorId: req.user!.id }));
    if (!result.ok) return refused(req, res, categoryId, 'unfix', values, result);
    flash(req, 'success', 'programmeAllocation.unfix.done');
    res.redirect(303, `/admin/cycles/${cycle.id}/allocation#ranking-${categoryId}`);
  });

  route(app, { method: 'post', path: '/admin/cycles/:id/allocation/:categoryId/approve', policy: 'admin' }, async (req, res) => {
    const cycle = await programmeOr404(req);
    const categoryId = categoryOf(req.params.categoryId);
    const values = req.body ?? {};
    const form = parseForm(approveSchema(timeZone), values, req.t);
    if (!form.ok) return page(req, res, 400, { categoryId, form: 'approve', values, errors: form.errors });
    const result = await dataSource.transaction((tx) => approveAllocation(tx, { cycleId: cycle.id, categoryId, ...form.data, actorId: req.user!.id }));
    if (!result.ok) return refused(req, res, categoryId, 'approve', values, result);
    flash(req, 'success', 'programmeAllocation.approve.done', { count: 'offered' in result ? result.offered : 0 });
    res.redirect(303, `/admin/cycles/${cycle.id}/allocation#ranking-${categoryId}`);
  });
}
