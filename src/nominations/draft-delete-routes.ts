import type { Express, Request, Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import { formatDateTime } from '../web/format';
import { fullName } from '../text/normalise';
import { Attachment } from './attachment.entity';
import { officerEditWindow } from './rules';
import { deletable, deleteDraft, type DeleteDraftResult } from './draft-delete';
import { officerNomination } from './scope';
import { officerOf } from '../auth/policies';

type Refusal = Exclude<DeleteDraftResult, { ok: true }>;

/** Why a draft cannot be deleted, in the reader's words. */
function refusalText(req: Request, res: Response, r: Refusal): string {
  if (r.problem === 'closed') return req.t('officer.delete.closed', { deadline: r.deadline ? formatDateTime(r.deadline, req.locale, res.locals.timeZone) : '—' });
  return req.t(`officer.delete.${r.problem}`);
}

/**
 * Deleting a draft that was never submitted: a confirmation page that says what goes, then a POST that
 * checks everything again in one transaction. Another municipality's nomination is "not found".
 */
export function registerDraftDeletionRoutes(app: Express, dataSource: DataSource): void {
  /** The confirmation page as the draft is now; a refusal (from the POST, or found now) replaces the button. */
  const page = async (req: Request, res: Response, m: EntityManager, id: number, refusal: Refusal | null, status: number) => {
    const n = id ? await officerNomination(m, officerOf(req.user), id) : null;
    if (!n) throw notFound();
    const window = officerEditWindow(n.cycle, n.status, new Date());
    const found: Refusal | null = !deletable(n) ? { ok: false, problem: 'notDraft' } : !window.open ? { ok: false, problem: 'closed', deadline: window.deadline } : null;
    const why = refusal ?? found;
    const documents = await m.count(Attachment, { where: { nominationId: n.id } });
    res.status(why && status === 200 ? 409 : status).render('officer/delete-draft', {
      title: req.t('officer.delete.title'),
      nomination: { id: n.id, version: n.version, name: fullName(n.nominee) || req.t('officer.nomination.untitled'), cycleName: n.cycle.name, categoryName: n.category?.name ?? null },
      documents,
      // a draft changed meanwhile can still be deleted: the page shows it afresh with the new version
      canDelete: !found,
      refusal: why ? refusalText(req, res, why) : null,
    });
  };

  route(app, { method: 'get', path: '/officer/nominations/:id/delete', policy: 'officer' }, async (req, res) => {
    await dataSource.transaction((m) => page(req, res, m, parseId(req.params.id) ?? 0, null, 200));
  });

  route(app, { method: 'post', path: '/officer/nominations/:id/delete', policy: 'officer' }, async (req, res) => {
    const id = parseId(req.params.id);
    if (!id) throw notFound();
    const version = parseId(typeof req.body?.version === 'string' ? req.body.version : '') ?? 0;
    const result = await dataSource.transaction((m) => deleteDraft(m, officerOf(req.user), id, version));
    if (result.ok) {
      flash(req, 'success', 'officer.flash.deleted');
      return res.redirect(303, '/officer');
    }
    if (result.problem === 'notFound') throw notFound();
    await dataSource.transaction((m) => page(req, res, m, id, result, 409));
  });
}
