import type { Express, Request, Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { fields, parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import type { Cycle, CycleStatus } from '../cycles/cycle.entity';
import { getCycle } from '../cycles/cycles-query';
import { approvalProblems, approveResults, reopenResults, type ApprovalConfirmations, type ResultsMoveResult } from './approval';
import { publishResults, unpublishResults } from './publication';
import { cycleResults } from './category-results';
import { REASON_MAX } from './deliberation';
import { unscoredOf, type UnscoredInCategory } from './unscored';
import { unconsentedWinnersOf, type UnconsentedInCategory } from './unconsented';

type Action = 'approve' | 'reopen' | 'publish' | 'unpublish';

interface ActionSpec {
  from: CycleStatus;
  needsReason: boolean;
  run(m: EntityManager, cycleId: number, version: number, reason: string, actorId: number, confirmed: ApprovalConfirmations): Promise<ResultsMoveResult>;
}

/** The four moves of results, each from one phase; reopening and unpublishing need a written reason. */
const ACTIONS: Record<Action, ActionSpec> = {
  approve: { from: 'deliberation', needsReason: false, run: (m, id, v, _r, a, confirmed) => approveResults(m, id, v, a, new Date(), confirmed) },
  reopen: { from: 'approved', needsReason: true, run: (m, id, v, r, a) => reopenResults(m, id, v, r, a) },
  publish: { from: 'approved', needsReason: false, run: (m, id, v, _r, a) => publishResults(m, id, v, a) },
  unpublish: { from: 'published', needsReason: true, run: (m, id, v, r, a) => unpublishResults(m, id, v, r, a) },
};

const formSchema = z.object({
  version: fields.id(),
  reason: z.string().trim().max(REASON_MAX, `validation.tooLong|max=${REASON_MAX}`).optional().default(''),
  // the checkbox: sent as "on" when ticked, absent otherwise
  confirmUnscored: z.unknown().optional().transform((v) => v === 'on'),
  confirmConsent: z.unknown().optional().transform((v) => v === 'on'),
});

interface ConfirmState {
  problems?: string[];
  stale?: boolean;
  notAvailable?: boolean;
  reason?: string;
  reasonError?: string;
  /** approval: accepted nominations without a counted scorecard, which the admin must confirm */
  unscored?: UnscoredInCategory[];
  unscoredError?: string;
  /** approval: winners whose publication consent is missing or partial, which the admin must confirm */
  unconsented?: UnconsentedInCategory[];
  consentError?: string;
  /** what the admin ticked, kept when the page comes back */
  confirmUnscored?: boolean;
  confirmConsent?: boolean;
}

/**
 * Approve, reopen, publish, unpublish: a confirmation page that says what will happen (or why it cannot),
 * then a POST that re-checks everything in one transaction on the locked cycle, at the version the admin saw.
 */
export function registerDecisionRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;
  const cycleOr404 = async (raw: unknown) => {
    const id = parseId(raw);
    const cycle = id ? await getCycle(m, id) : null;
    if (!cycle) throw notFound();
    return cycle;
  };

  const page = (req: Request, res: Response, status: number, cycle: Cycle, action: Action, s: ConfirmState) => {
    const spec = ACTIONS[action];
    const blocked = !!(s.stale || s.notAvailable || s.problems?.length);
    res.status(status).render('admin/results/confirm', {
      title: req.t(`results.actions.${action}.title`),
      cycle,
      action,
      statusKey: `phases.${cycle.status}`,
      titleKey: `results.actions.${action}.title`,
      effectKey: `results.actions.${action}.effect`,
      buttonKey: `results.actions.${action}.button`,
      needsReason: spec.needsReason,
      canConfirm: !blocked,
      needsUnscoredConfirmation: !!s.unscored?.length,
      needsConsentConfirmation: !!s.unconsented?.length,
      ...s,
      unconsented: s.unconsented?.map((c) => ({
        ...c,
        winners: c.winners.map((w) => ({ ...w, allowedText: w.allowed.length ? req.t('consentPublic.approval.partial', { fields: w.allowed.map((f) => req.t(`consentPublic.fields.${f}`)).join(', ') }) : req.t('consentPublic.approval.missing') })),
      })),
    });
  };

  for (const action of Object.keys(ACTIONS) as Action[]) {
    const spec = ACTIONS[action];
    const path = `/admin/cycles/:id/results/${action}`;

    route(app, { method: 'get', path, policy: 'admin' }, async (req, res) => {
      const cycle = await cycleOr404(req.params.id);
      if (cycle.status !== spec.from) return page(req, res, 409, cycle, action, { notAvailable: true });
      if (action !== 'approve') return page(req, res, 200, cycle, action, {});
      const results = await cycleResults(m, cycle.id);
      page(req, res, 200, cycle, action, { problems: approvalProblems(results).map((p) => req.t(p.key, p.params)), unscored: unscoredOf(results), unconsented: await unconsentedWinnersOf(m, results) });
    });

    route(app, { method: 'post', path, policy: 'admin' }, async (req, res) => {
      const cycle = await cycleOr404(req.params.id);
      const form = formSchema.safeParse(req.body ?? {});
      if (!form.success) {
        const tooLong = form.error.issues.some((i) => i.path[0] === 'reason');
        return page(req, res, 400, cycle, action, tooLong ? { reason: String(req.body?.reason ?? ''), reasonError: req.t('validation.tooLong', { max: REASON_MAX }) } : { stale: true });
      }
      const { version, reason, confirmUnscored, confirmConsent } = form.data;
      const result = await dataSource.transaction((tx) => spec.run(tx, cycle.id, version, reason, req.user!.id, { unscored: confirmUnscored, consent: confirmConsent }));
      // the public winners cache is dropped after the commit by the results.published/unpublished subscribers (events/subscribers.ts)
      if (result.ok) {
        flash(req, 'success', `results.actions.${action}.done`);
        return res.redirect(303, `/admin/cycles/${cycle.id}/results`);
      }
      if (result.problem === 'notFound') throw notFound();
      const fresh = (await getCycle(m, cycle.id)) ?? cycle;
      if (result.problem === 'reasonRequired') return page(req, res, 400, fresh, action, { reason, reasonError: req.t('results.reasonRequired') });
      if (result.problem === 'blocked') return page(req, res, 409, fresh, action, { problems: result.problems.map((p) => req.t(p.key, p.params)) });
      if (result.problem === 'unscoredNotConfirmed' || result.problem === 'consentNotConfirmed') {
        // both lists again, a message at each box that must be ticked and was not, the ticks the admin made kept
        const results = await cycleResults(m, cycle.id);
        const unscored = unscoredOf(results);
        const unconsented = await unconsentedWinnersOf(m, results);
        return page(req, res, 400, fresh, action, {
          unscored, unconsented, confirmUnscored, confirmConsent,
          unscoredError: unscored.length && !confirmUnscored ? req.t('results.unscored.confirmRequired') : undefined,
          consentError: unconsented.length && !confirmConsent ? req.t('consentPublic.approval.confirmRequired') : undefined,
        });
      }
      page(req, res, 409, fresh, action, { [result.problem]: true, reason });
    });
  }
}
