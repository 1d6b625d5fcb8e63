import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { fields, parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import type { Cycle } from './cycle.entity';
import { getCycle } from './cycles-query';
import { phaseKeys, windowLegendKey, type PhaseProblem } from './phases';
import { moveCyclePhase, previewPhaseMove } from './cycle-phase';
import { windowOfPhase, type DateChange } from './phase-move-dates';
import { CLOCK_TRANSITIONS } from './phase-clock';
import { closeJudgingWarning } from '../jury/overview-queries';

// start=planned: announce nominations now and open them on their planned start (offered only then)
const moveSchema = z.object({ to: z.string().max(40), version: fields.id(), start: z.enum(['now', 'planned']).optional() });

interface PhasePage {
  to: string;
  problems?: PhaseProblem[];
  notAvailable?: boolean;
  stale?: boolean;
  /** a caution that does not block the move (scorecards still missing when judging closes) */
  warning?: PhaseProblem | null;
  /** the dates the move will set (a phase started early starts now) */
  changes?: DateChange[];
  mayKeepPlannedStart?: boolean;
}

const DATE_PROBLEMS = new Set(['cycles.phase.problem.noNominationWindow', 'cycles.phase.problem.nominationsEndPassed', 'cycles.phase.problem.judgingEndPassed']);

/** The new phase's window once the move is made: from when to when it runs (the clock closes it at the end). */
function windowAfter(cycle: Cycle, to: string, changes: DateChange[]) {
  const window = windowOfPhase(to as Cycle['status']);
  if (!window) return null;
  const valueOf = (field: DateChange['field']) => {
    const change = changes.find((c) => c.field === field);
    return change ? change.to : cycle[field];
  };
  const end = valueOf(window.end);
  // the phase clock closes these phases at their end (phase-clock.ts); the others wait for the admin
  return { legendKey: windowLegendKey(cycle.kind, window.phase), start: valueOf(window.start), end, closesItself: !!end && CLOCK_TRANSITIONS.some((t) => t.from === to) };
}

/**
 * Moving a cycle to its next phase by hand: a confirmation page that says what will change (or which
 * preconditions fail), then a POST that re-checks everything in one transaction.
 */
export function registerCyclePhaseRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;

  const page = (req: Request, res: Response, status: number, cycle: Cycle, p: PhasePage) => {
    const problems = (p.problems ?? []).map((x) => req.t(x.key, x.params));
    const blocked = !!(p.notAvailable || p.stale || problems.length);
    const to = phaseKeys(cycle.kind, p.to);
    res.status(status).render('admin/cycle-phase', {
      title: req.t('cycles.phase.title'),
      cycle,
      fromKey: phaseKeys(cycle.kind, cycle.status).label,
      // only a known phase name is looked up in the catalog; anything else is just "not available"
      toKey: !p.notAvailable ? to.label : null,
      effectKey: !blocked ? to.effect : null,
      actionKey: to.action,
      toPhase: p.to,
      problems,
      notAvailable: p.notAvailable,
      stale: p.stale,
      canConfirm: !blocked,
      warning: p.warning ? req.t(p.warning.key, p.warning.params) : null,
      dateChanges: blocked ? [] : (p.changes ?? []).map((c) => ({ labelKey: `cycles.fields.${c.field}`, from: c.from, to: c.to, reasonKey: `cycles.phase.dateChange.${c.reason}` })),
      windowAfter: blocked ? null : windowAfter(cycle, p.to, p.changes ?? []),
      plannedStart: !blocked && p.mayKeepPlannedStart ? cycle.nominationsStart : null,
      // a date that blocks the move is fixed in the cycle's form: link to it
      datesBlock: (p.problems ?? []).some((x) => DATE_PROBLEMS.has(x.key)),
    });
  };

  const cycleOr404 = async (raw: unknown) => {
    const id = parseId(raw);
    const cycle = id ? await getCycle(m, id) : null;
    if (!cycle) throw notFound();
    return cycle;
  };

  route(app, { method: 'get', path: '/admin/cycles/:id/phase', policy: 'admin' }, async (req, res) => {
    const cycle = await cycleOr404(req.params.id);
    const to = typeof req.query.to === 'string' ? req.query.to : '';
    const { check, changes, mayKeepPlannedStart } = await previewPhaseMove(m, cycle, to);
    if (check.ok) {
      // selection closes the same way in a programme (judging → allocation)
      const warning = cycle.status === 'judging' && (to === 'deliberation' || to === 'allocation') ? await closeJudgingWarning(m, cycle.id) : null;
      return page(req, res, 200, cycle, { to, warning, changes, mayKeepPlannedStart });
    }
    if (check.reason === 'notAvailable') return page(req, res, 400, cycle, { to, notAvailable: true });
    page(req, res, 200, cycle, { to, problems: check.problems });
  });

  route(app, { method: 'post', path: '/admin/cycles/:id/phase', policy: 'admin' }, async (req, res) => {
    const cycle = await cycleOr404(req.params.id);
    const form = moveSchema.safeParse(req.body ?? {});
    if (!form.success) return page(req, res, 400, cycle, { to: '', notAvailable: true });
    const { to, version, start } = form.data;
    const result = await dataSource.transaction((tx) => moveCyclePhase(tx, cycle.id, to, version, req.user!.id, new Date(), { keepPlannedStart: start === 'planned' }));
    if (result.ok) {
      flash(req, 'success', 'cycles.phase.moved');
      return res.redirect(303, `/admin/cycles/${cycle.id}`);
    }
    if ('notFound' in result) throw notFound();
    const fresh = (await getCycle(m, cycle.id)) ?? cycle;
    if ('stale' in result) return page(req, res, 409, fresh, { to, stale: true });
    if ('notAvailable' in result) return page(req, res, 409, fresh, { to, notAvailable: true });
    page(req, res, 409, fresh, { to, problems: result.problems });
  });
}
