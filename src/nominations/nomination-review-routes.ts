import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { fields, parseForm, parseId, type FieldErrors } from '../web/forms';
import { notFound } from '../web/http-error';
import { setDownloadHeaders } from '../web/download';
import { entityHistory } from '../audit/audit-queries';
import { auditRowView } from '../audit/audit-view';
import { decideNomination } from './screening';
import { isIn } from './statuses';
import { inScreeningPhase } from './screening-routes';
import { sendDocument } from './document-store';
import { documentFile, nominationDetail, nominationDocuments, type NominationDetail } from './nomination-detail-queries';
import { consentFormLinks, consentSummary } from '../consent/consent-summary';

const REASON_MAX = 2000;
const decisionSchema = z.object({
  decision: z.enum(['accept', 'reject', 'return'], { error: 'validation.invalid' }),
  reason: fields.optionalText(REASON_MAX),
  version: z.coerce.number({ error: 'validation.invalid' }).int('validation.invalid').positive('validation.invalid'),
});

const EXTENSIONS: Record<string, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png' };

/** Why the admin cannot decide now, as a catalog key; null when the decision form is open. */
function closedBecause(n: NominationDetail): string | null {
  if (!inScreeningPhase(n.cycleStatus)) return 'screening.decision.problem.phase';
  if (!isIn('awaitingDecision', n.status)) return 'screening.decision.problem.notSubmitted';
  return null;
}


const sizeText = (req: Request, bytes: number) =>
  bytes >= 1024 * 1024 ? req.t('screening.nomination.sizeMb', { size: (bytes / 1024 / 1024).toFixed(1) }) : req.t('screening.nomination.sizeKb', { size: Math.max(1, Math.round(bytes / 1024)) });

interface FormState {
  values?: Record<string, unknown>;
  errors?: FieldErrors;
  formError?: string;
}

/** A nomination's page for the admin (data, texts, documents, history) and the screening decision on it. */
export function registerNominationReviewRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;

  const render = async (req: Request, res: Response, status: number, id: number, form: FormState = {}) => {
    const n = await nominationDetail(m, id);
    if (!n) throw notFound();
    const [documents, history, consents] = await Promise.all([nominationDocuments(m, id), entityHistory(m, 'nomination', id), consentSummary(m, id)]);
    const closed = closedBecause(n);
    res.status(status).render('admin/screening/nomination', {
      title: n.fullName || req.t('screening.nomination.title', { id }),
      n: { ...n, decidedAt: isIn('screened', n.status) ? n.decidedAt : null },
      documents: documents.map((d) => ({ ...d, kindKey: `nominations.documentKinds.${d.kind}`, sizeText: sizeText(req, d.size), href: `/admin/nominations/${id}/documents/${d.id}` })),
      history: history.map((row) => auditRowView(row, req.locale)),
      consents,
      // a past winner's consents are signed on these, when the admin records them
      consentForms: consentFormLinks(id, 'admin'),
      canDecide: !closed,
      closedMessage: closed ? req.t(closed, { status: req.t(`nominations.status.${n.status}`) }) : null,
      values: { reason: '', ...form.values, version: n.version },
      errors: form.errors ?? {},
      formError: form.formError,
    });
  };
  const idOf = (req: Request) => {
    const id = parseId(req.params.id);
    if (!id) throw notFound();
    return id;
  };

  route(app, { method: 'get', path: '/admin/nominations/:id', policy: 'admin' }, async (req, res) => {
    await render(req, res, 200, idOf(req));
  });

  route(app, { method: 'post', path: '/admin/nominations/:id/decision', policy: 'admin' }, async (req, res) => {
    const id = idOf(req);
    const values = { reason: typeof req.body?.reason === 'string' ? req.body.reason : '' };
    const form = parseForm(decisionSchema, req.body, req.t);
    if (!form.ok) {
      const { reason, ...others } = form.errors;
      const formError = Object.keys(others).length ? req.t('screening.decision.problem.badForm') : undefined;
      return render(req, res, 400, id, { values, errors: reason ? { reason } : {}, formError });
    }
    const { decision, reason, version } = form.data;
    const result = await dataSource.transaction((tx) => decideNomination(tx, req.user!.id, id, decision, reason, version));
    if (result.ok) {
      flash(req, 'success', `screening.decision.done.${decision}`);
      return res.redirect(303, `/admin/nominations/${id}`);
    }
    switch (result.problem) {
      case 'notFound':
        throw notFound();
      case 'reasonRequired':
        return render(req, res, 400, id, { values, errors: { reason: req.t(`screening.decision.reasonRequired.${decision}`) } });
      default: {
        // phase, notSubmitted, conflict: the page is shown as it is now, with what was typed kept.
        const current = await nominationDetail(m, id);
        const formError = req.t(`screening.decision.problem.${result.problem}`, { status: current ? req.t(`nominations.status.${current.status}`) : '' });
        return render(req, res, 409, id, { values, formError });
      }
    }
  });

  route(app, { method: 'get', path: '/admin/nominations/:id/documents/:docId', policy: 'admin' }, async (req, res) => {
    const id = idOf(req);
    const docId = parseId(req.params.docId);
    const file = docId ? await documentFile(m, id, docId) : null;
    if (!file) throw notFound();
    setDownloadHeaders(res, { fileName: file.fileName, asciiFallback: `document-${file.id}${EXTENSIONS[file.mime] ?? ''}`, contentType: file.mime, length: file.size });
    await sendDocument(dataSource, res, file);
  });
}
