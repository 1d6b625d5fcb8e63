import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { fields, parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import type { Cycle } from '../cycles/cycle.entity';
import { getCycle } from '../cycles/cycles-query';
import { gatherPhaseFacts } from '../cycles/phase-facts';
import { checkMove, type PhaseProblem } from '../cycles/phases';
import { moveCyclePhase } from '../cycles/cycle-phase';
import { closeJudgingWarning } from '../jury/overview-queries';

const moveSchema = z.object({ to: z.string().max(40), version: fields.id() });

interface PhasePage {
  to: string;
  problems?: PhaseProblem[];
  notAvailable?: boolean;
  stale?: boolean;
  /** a caution that does not block the move (scorecards still missing when judging closes) */
  warning?: PhaseProblem | null;
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
    res.status(status).render('admin/cycle-phase', {
      title: req.t('cycles.phase.title'),
      cycle,
      fromKey: `phases.${cycle.status}`,
      // only a known phase name is looked up in the catalog; anything else is just "not available"
      toKey: !p.notAvailable ? `phases.${p.to}` : null,
      effectKey: !blocked ? `cycles.phase.effect.${p.to}` : null,
      actionKey: `cycles.phase.action.${p.to}`,
      toPhase: p.to,
      problems,
      notAvailable: p.notAvailable,
      stale: p.stale,
      canConfirm: !blocked,
      warning: p.warning ? req.t(p.warning.key, p.warning.params) : null,
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
    const check = checkMove(await gatherPhaseFacts(m, cycle), to);
    if (check.ok) return page(req, res, 200, cycle, { to, warning: cycle.status === 'judging' && to === 'deliberation' ? await closeJudgingWarning(m, cycle.id) : null });
    if (check.reason === 'notAvailable') return page(req, res, 400, cycle, { to, notAvailable: true });
    page(req, res, 200, cycle, { to, problems: check.problems });
  });

  route(app, { method: 'post', path: '/admin/cycles/:id/phase', policy: 'admin' }, async (req, res) => {
    const cycle = await cycleOr404(req.params.id);
    const form = moveSchema.safeParse(req.body ?? {});
    if (!form.success) return page(req, res, 400, cycle, { to: '', notAvailable: true });
    const { to, version } = form.data;
    const result = await dataSource.transaction((tx) => moveCyclePhase(tx, cycle.id, to, version, req.user!.id));
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
