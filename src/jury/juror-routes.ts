import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { fields, parseForm, parseId, type FieldErrors } from '../web/forms';
import { HttpError, notFound } from '../web/http-error';
import { formatDateTime } from '../web/format';
import { jurorNomination, type JurorNomination } from './juror-queries';
import { scoringRows, type JurorPagesCache, type ScoringRows } from './juror-pages-cache';
import { confirmAsJuror, recuseAsJuror, scoreAsJuror } from './juror-actions';
import { criterionInputs, windowState } from './juror-view';
import type { JudgingWindow } from './judging-window';
import { jurorOf } from '../auth/policies';

const COMMENT_MAX = 5000;
const REASON_MAX = 2000;
const scorecardSchema = z.object({
  action: z.enum(['save', 'submit'], { error: 'validation.invalid' }),
  comment: fields.optionalText(COMMENT_MAX),
});
const recuseSchema = z.object({ reason: fields.requiredText(REASON_MAX) });

/** The scores typed into the form: fields named score_<criterion id>, kept as typed (the domain checks them). */
function typedScores(body: Record<string, unknown>): Record<string, unknown> {
  const scores: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    const m = /^score_(\d{1,10})$/.exec(k);
    if (m) scores[m[1]] = v;
  }
  return scores;
}

interface PageState {
  values?: Record<string, string>;
  comment?: string;
  errors?: FieldErrors;
  formError?: string;
  reason?: string;
}

/**
 * A juror's work on one nomination: confirm no conflict (or recuse with a reason) before anything of the
 * file opens, then score it on one page. Anything not theirs is a 404, whatever the id.
 */
export function registerJurorRoutes(app: Express, dataSource: DataSource, cache: JurorPagesCache): void {
  const m = dataSource.manager;

  const nominationOr404 = async (req: Request) => {
    const id = parseId(req.params.id);
    const n = id ? await jurorNomination(m, jurorOf(req.user), id) : null;
    if (!n) throw notFound();
    return n;
  };

  /** The page of a nomination; `scoring` as the page cache kept it, else read afresh (after a refused action). */
  const page = async (req: Request, res: Response, status: number, n: JurorNomination, state: PageState = {}, scoring?: ScoringRows | null) => {
    const window = windowState(n, new Date());
    const common = { title: n.fullName, n, window, errors: state.errors ?? {}, formError: state.formError, reason: state.reason ?? '' };
    if (!n.confirmed) return res.status(status).render('jury/confirm', common);
    const { criteria, card, documents } = scoring ?? (await scoringRows(m, req.user!.id, n));
    const values = state.values ?? card?.values ?? {};
    res.status(status).render('jury/scorecard', {
      ...common,
      criteria: criterionInputs(criteria, values, state.errors ?? {}),
      comment: state.comment ?? card?.comment ?? '',
      submitted: card?.status === 'submitted',
      submittedAt: card?.submittedAt ?? null,
      documents: documents.map((d) => ({ ...d, href: `/jury/nominations/${n.id}/documents/${d.id}`, kindKey: `nominations.documentKinds.${d.kind}` })),
    });
  };

  /** Why the juror's action was refused, in the same words as the page's window line (one rule decides both). */
  const closedMessage = (req: Request, res: Response, w: JudgingWindow) => {
    const state = windowState({ cycleStatus: w.status, judgingStart: w.judgingStart, judgingEnd: w.judgingEnd }, new Date());
    return req.t(state.messageKey, { date: state.date ? formatDateTime(state.date, req.locale, res.locals.timeZone) : '' });
  };

  route(app, { method: 'get', path: '/jury/nominations/:id', policy: 'juror' }, async (req, res) => {
    const id = parseId(req.params.id);
    const rows = id ? await cache.nomination(m, jurorOf(req.user), id) : null;
    if (!rows) throw notFound();
    await page(req, res, 200, rows.n, {}, rows.scoring);
  });

  route(app, { method: 'post', path: '/jury/nominations/:id/confirm', policy: 'juror' }, async (req, res) => {
    const n = await nominationOr404(req);
    const result = await dataSource.transaction((tx) => confirmAsJuror(tx, jurorOf(req.user), n.id));
    if (result.ok) return res.redirect(303, `/jury/nominations/${n.id}`);
    if (result.problem === 'closed') return page(req, res, 409, n, { formError: closedMessage(req, res, result.window) });
    throw notFound();
  });

  route(app, { method: 'post', path: '/jury/nominations/:id/recuse', policy: 'juror' }, async (req, res) => {
    const n = await nominationOr404(req);
    const reason = typeof req.body?.reason === 'string' ? req.body.reason : '';
    const form = parseForm(recuseSchema, req.body, req.t);
    if (!form.ok) return page(req, res, 400, n, { reason, errors: { reason: reason.trim() ? form.errors.reason : req.t('jury.recuse.reasonRequired') } });
    const result = await dataSource.transaction((tx) => recuseAsJuror(tx, jurorOf(req.user), n.id, form.data.reason));
    if (result.ok) {
      flash(req, 'success', 'jury.recuse.done', { name: n.fullName });
      return res.redirect(303, '/jury');
    }
    if (result.problem === 'reasonRequired') return page(req, res, 400, n, { reason, errors: { reason: req.t('jury.recuse.reasonRequired') } });
    if (result.problem === 'closed') return page(req, res, 409, n, { reason, formError: closedMessage(req, res, result.window) });
    throw notFound();
  });

  route(app, { method: 'post', path: '/jury/nominations/:id/scorecard', policy: 'juror' }, async (req, res) => {
    const n = await nominationOr404(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const scores = typedScores(body);
    const values = Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
    const comment = typeof body.comment === 'string' ? body.comment : '';
    const form = parseForm(scorecardSchema, body, req.t);
    if (!form.ok) {
      if (form.errors.action) throw new HttpError(400, 'errors.badRequest');
      return page(req, res, 400, n, { values, comment, errors: { comment: form.errors.comment } });
    }
    const { action } = form.data;
    const result = await dataSource.transaction((tx) => scoreAsJuror(tx, jurorOf(req.user), n.id, { scores, comment: form.data.comment }, action));
    if (result.ok) {
      if (result.status === 'draft') {
        flash(req, 'success', 'jury.scorecard.savedDraft');
        return res.redirect(303, `/jury/nominations/${n.id}`);
      }
      // Back to the list, where the flash says what was sent and the progress counts it. The form posts to
      // a plain address: a fragment there (#scores) would be carried over to this redirect by the browser.
      flash(req, 'success', 'jury.scorecard.submittedFlash', { name: n.fullName });
      return res.redirect(303, '/jury');
    }
    switch (result.problem) {
      case 'scores': {
        const errors = Object.fromEntries(result.problems.map((p) => [String(p.criterionId), req.t(p.key, { min: p.min, max: p.max })]));
        return page(req, res, 400, n, { values, comment, errors, formError: req.t('jury.scorecard.fixScores') });
      }
      case 'closed':
        return page(req, res, 409, n, { values, comment, formError: closedMessage(req, res, result.window) });
      case 'notConfirmed':
        return res.redirect(303, `/jury/nominations/${n.id}`);
      default:
        throw notFound();
    }
  });
}
