import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { fields, parseForm } from '../web/forms';
import { HttpError, notFound } from '../web/http-error';
import { formatDateTime } from '../web/format';
import { buildMatrix } from './matrix';
import { matrixFacts, type CategoryHead } from './matrix-queries';
import { judgingOpen } from './judging-window';
import { windowState } from './juror-view';
import { cancelRecusal, type CancelRecusalResult } from './recusal-cancel';
import { categoryOr404, tabsOf } from './admin-pages';

const REASON_MAX = 2000;
const pairSchema = z.object({ jurorId: fields.id(), nominationId: fields.id() });
const reasonSchema = z.object({ reason: fields.requiredText(REASON_MAX) });

/** A refused cancellation shown on its own row of the list: what was typed, and why it was refused. */
interface RowState {
  jurorId: number;
  nominationId: number;
  reason: string;
  error?: string;
}

/** Every conflict of a category with its reason; the admin may undo a recusal, with a reason, while judging is open. */
export function registerConflictRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;

  const page = async (req: Request, res: Response, status: number, head: CategoryHead, state: { row?: RowState; formError?: string } = {}) => {
    const matrix = buildMatrix(await matrixFacts(m, head), new Date());
    const open = judgingOpen({ status: head.cycleStatus, judgingStart: head.judgingStart, judgingEnd: head.judgingEnd }, new Date());
    const row = state.row;
    res.status(status).render('admin/jury/conflicts', {
      title: req.t('juryAdmin.conflicts.title', { category: head.name }),
      head,
      tabs: tabsOf(head, 'conflicts'),
      formError: state.formError,
      canCancelRecusal: open,
      conflicts: matrix.conflicts.map((c) => {
        const mine = row && row.jurorId === c.juror.id && row.nominationId === c.nomination.id;
        return {
          jurorId: c.juror.id,
          jurorName: c.juror.fullName,
          member: c.juror.member,
          nomineeName: c.nomination.fullName,
          nominationId: c.nomination.id,
          kindKey: `juryAdmin.conflicts.kind.${c.kind}`,
          declared: c.kind === 'declared',
          reason: c.reason,
          cancelReason: mine ? row.reason : '',
          cancelError: mine ? row.error : undefined,
        };
      }),
    });
  };

  route(app, { method: 'get', path: '/admin/categories/:id/conflicts', policy: 'admin' }, async (req, res) => {
    await page(req, res, 200, await categoryOr404(m, req.params.id));
  });

  route(app, { method: 'post', path: '/admin/categories/:id/conflicts/cancel-recusal', policy: 'admin' }, async (req, res) => {
    const head = await categoryOr404(m, req.params.id);
    const pair = pairSchema.safeParse(req.body ?? {});
    if (!pair.success) throw new HttpError(400, 'errors.badRequest');
    const { jurorId, nominationId } = pair.data;
    const reason = typeof req.body?.reason === 'string' ? req.body.reason : '';
    const form = parseForm(reasonSchema, req.body, req.t);
    if (!form.ok) {
      const error = reason.trim() ? form.errors.reason : req.t('juryAdmin.conflicts.refused.reasonRequired');
      return page(req, res, 400, head, { row: { jurorId, nominationId, reason, error } });
    }
    const result = await dataSource.transaction((tx) => cancelRecusal(tx, req.user!.id, head.id, jurorId, nominationId, form.data.reason));
    if (result.ok) {
      flash(req, 'success', result.reopened ? 'juryAdmin.conflicts.cancelled.reopened' : 'juryAdmin.conflicts.cancelled.done');
      return res.redirect(303, `/admin/categories/${head.id}/conflicts`);
    }
    if (result.problem === 'notFound') throw notFound();
    if (result.problem === 'notRecused') {
      flash(req, 'info', 'juryAdmin.conflicts.notRecused');
      return res.redirect(303, `/admin/categories/${head.id}/conflicts`);
    }
    const row = { jurorId, nominationId, reason };
    if (result.problem === 'closed') {
      const w = windowState({ cycleStatus: result.window.status, judgingStart: result.window.judgingStart, judgingEnd: result.window.judgingEnd }, new Date());
      const why = req.t(w.messageKey, { date: w.date ? formatDateTime(w.date, req.locale, res.locals.timeZone) : '' });
      return page(req, res, 409, head, { row, formError: req.t('juryAdmin.conflicts.cancelClosed', { why }) });
    }
    await page(req, res, result.problem === 'reasonRequired' ? 400 : 409, head, { row: { ...row, error: refusal(req, result) } });
  });
}

function refusal(req: Request, result: Exclude<CancelRecusalResult, { ok: true } | { problem: 'notFound' | 'notRecused' | 'closed' }>): string {
  if (result.problem === 'full') return req.t('juryAdmin.conflicts.refused.full', { count: result.k });
  return req.t(`juryAdmin.conflicts.refused.${result.problem}`);
}
