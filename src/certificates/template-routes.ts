import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { parseId, type FieldErrors } from '../web/forms';
import { notFound } from '../web/http-error';
import { getCycle } from '../cycles/cycles-query';
import { isCertificateKindOf, certificateKindsOf } from './cycle-kinds';
import { PLACEHOLDERS } from './placeholders';
import { renderCertificate } from './render';
import { sampleRecord } from './sample';
import { saveTemplate, templateAssets, templateForEditing } from './templates';
import { LIMITS, SIGNATORY_ROWS, parseTemplateForm, problemMessages, templateMultipart } from './template-form';
import { sendPdf } from './responses';

/** The admin's template editor per cycle and kind, with a preview of the real PDF on sample data. */
export function registerTemplateRoutes(app: Express, dataSource: DataSource, baseUrl: string, regionTz: string): void {
  const m = dataSource.manager;
  const base = '/admin/cycles/:id/certificates/templates/:kind';

  const target = async (req: Request) => {
    const id = parseId(req.params.id);
    const cycle = id ? await getCycle(m, id) : null;
    // a kind the cycle does not give (an award's completion, a programme's diploma) has no template here
    if (!cycle || !isCertificateKindOf(cycle.kind, req.params.kind)) throw notFound();
    return { cycle, kind: req.params.kind };
  };

  const editor = async (req: Request, res: Response, status: number, state: { values?: Record<string, unknown>; errors?: FieldErrors } = {}) => {
    const { cycle, kind } = await target(req);
    const template = await templateForEditing(m, cycle.id, kind);
    const values = state.values ?? {
      title: template.title,
      body: template.body,
      accentColor: template.accentColor,
      ...Object.fromEntries(template.signatories.flatMap((s, i) => [[`signatory${i + 1}Name`, s.name], [`signatory${i + 1}Title`, s.title]])),
    };
    const errors = state.errors ?? {};
    res.status(status).render('certificates/template', {
      title: req.t('certificates.template.title', { kind: req.t(`certificates.kinds.${kind}`) }),
      cycle,
      kind,
      listTitleKey: cycle.kind === 'programme' ? 'programmeCertificates.title' : 'certificates.list.title',
      // the name line of a certificate of completion is {holder.fullName}: the award's hint names the award's
      bodyHintKey: kind === 'completion' ? 'programmeCertificates.bodyHint' : 'certificates.template.bodyHint',
      kinds: certificateKindsOf(cycle.kind).map((k) => ({ kind: k, current: k === kind })),
      template: { version: template.version, saved: template.saved, hasEmblem: !!template.emblemMime, hasBackground: !!template.backgroundMime },
      values,
      errors,
      limits: LIMITS,
      signatories: SIGNATORY_ROWS.map((i) => ({ i, name: values[`signatory${i}Name`] ?? '', title: values[`signatory${i}Title`] ?? '', nameError: errors[`signatory${i}Name`], titleError: errors[`signatory${i}Title`] })),
      placeholders: PLACEHOLDERS[kind].map((name) => ({ name: `{${name}}`, key: `certificates.placeholder.${name.replace(/\./g, '_')}` })),
      previewUrl: `/admin/cycles/${cycle.id}/certificates/templates/${kind}/preview.pdf?v=${template.version}`,
      // the PDF viewer opens without its thumbnail pane, the page fitted to the frame
      previewFrameUrl: `/admin/cycles/${cycle.id}/certificates/templates/${kind}/preview.pdf?v=${template.version}#navpanes=0&view=Fit`,
    });
  };

  route(app, { method: 'get', path: base, policy: 'admin' }, async (req, res) => editor(req, res, 200));

  const refusal = (req: Request, res: Response, status: 400 | 413, errors: FieldErrors) => editor(req, res, status, { values: req.body ?? {}, errors });
  route(app, { method: 'post', path: base, policy: 'admin', before: [templateMultipart(refusal)] }, async (req, res) => {
    const { cycle, kind } = await target(req);
    const form = await parseTemplateForm(req);
    if (!form.ok) return editor(req, res, form.status, { values: req.body, errors: form.errors });
    const result = await dataSource.transaction((tx) => saveTemplate(tx, cycle.id, kind, form.input, req.user!.id));
    if (!result.ok) return editor(req, res, 400, { values: req.body, errors: problemMessages(req.t, result.problems) });
    flash(req, 'success', 'certificates.template.saved', { version: result.version });
    res.redirect(303, `/admin/cycles/${cycle.id}/certificates/templates/${kind}`);
  });

  route(app, { method: 'get', path: `${base}/preview.pdf`, policy: 'admin' }, async (req, res) => {
    const { cycle, kind } = await target(req);
    const template = await templateForEditing(m, cycle.id, kind);
    const assets = template.id ? await templateAssets(m, template.id) : { emblem: null, background: null };
    const { pdf } = await renderCertificate({ record: sampleRecord(kind, cycle, regionTz), template, assets, baseUrl, sample: true });
    // shown in a frame of the editor page: allowed for this same-origin response only
    sendPdf(res, pdf, { fileName: `${req.t(`certificates.kinds.${kind}`)} — ${req.t('certificates.template.sample')}.pdf`, asciiFallback: `sample-${kind}.pdf`, cache: 'private, no-store', frameable: true });
  });
}
