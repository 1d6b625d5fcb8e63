import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { fields, parseForm, parseId, type FieldErrors } from '../web/forms';
import { notFound } from '../web/http-error';
import { checkedUploads, multipartForm } from '../nominations/upload-parser';
import { fileField } from '../nominations/nomination-form';
import { CONSENT_SCOPES } from './consent-withdrawal.entity';
import { PUBLIC_FIELDS } from './public-fields';
import { consentPage, recordPublicationConsent, recordWithdrawal } from './person-data-consents';

/**
 * A nomination's consents, for the admin: what may be public now, the withdrawals recorded, and two forms —
 * record a person's withdrawal (with their written request, a scanned upload), and record or correct the
 * consent to publication (for winners published before the app kept consents). Both forms are multipart;
 * a refused upload shows the form again with what was typed, and nothing is saved.
 */

const NOTE_MAX = 2000;
/** the written request goes in the first upload field the nomination form's parser knows */
const FILE_FIELD = fileField(0);

const isoDate = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'consentAdmin.withdrawal.badDate')
  .transform((s) => new Date(`${s}T00:00:00Z`))
  .refine((d) => !Number.isNaN(d.getTime()), 'consentAdmin.withdrawal.badDate')
  // a request cannot come from the future (a day's leeway for the region's time zone)
  .refine((d) => d.getTime() <= Date.now() + 24 * 3600 * 1000, 'consentAdmin.withdrawal.futureDate');

const withdrawalSchema = z.object({
  scope: z.enum(CONSENT_SCOPES, { error: 'consentAdmin.withdrawal.scopeRequired' }),
  requestedOn: isoDate,
  note: fields.optionalText(NOTE_MAX),
});

const listOf = (v: unknown) => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]);
const publicationSchema = z.object({
  fields: z.preprocess(listOf, z.array(z.enum(PUBLIC_FIELDS, { error: 'validation.invalid' })).max(PUBLIC_FIELDS.length, 'validation.invalid')),
});

interface FormState {
  form: 'withdrawal' | 'publication';
  values: Record<string, unknown>;
  errors?: FieldErrors;
  formError?: string;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const withdrawalValues = (body: Record<string, unknown> | undefined) => ({ scope: text(body?.scope), requestedOn: text(body?.requestedOn), note: text(body?.note) });
const publicationValues = (body: Record<string, unknown> | undefined) => ({ fields: listOf(body?.fields).map(String) });

export function registerWithdrawalRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;

  const idOf = (req: Request) => {
    const id = parseId(req.params.id);
    if (!id) throw notFound();
    return id;
  };

  const render = async (req: Request, res: Response, status: number, id: number, state: FormState | null = null) => {
    const page = await consentPage(m, id);
    if (!page) throw notFound();
    const fieldsNow = page.publication && !page.publication.withdrawnAt ? page.publication.fields : [];
    const picked = state?.form === 'publication' ? (state.values.fields as string[]) : fieldsNow;
    res.status(status).render('admin/consent/nomination', {
      title: req.t('consentAdmin.title', { id }),
      n: { ...page, statusKey: `nominations.status.${page.status}`, erasureKey: page.erasure ? `personalData.erasure.${page.erasure.reason}` : null },
      publicNow: fieldsNow.map((f) => req.t(`personalData.fields.${f}`)).join(', '),
      withdrawals: page.withdrawals.map((w) => ({ ...w, scopeKey: `consentAdmin.scope.${w.scope}`, href: w.attachmentId ? `/admin/nominations/${id}/documents/${w.attachmentId}` : null })),
      documents: page.documents.map((d) => ({ ...d, kindKey: `nominations.documentKinds.${d.kind}`, href: `/admin/nominations/${id}/documents/${d.id}` })),
      fieldChoices: PUBLIC_FIELDS.map((f) => ({ value: f, label: req.t(`personalData.fields.${f}`), checked: picked.includes(f) })),
      scopes: CONSENT_SCOPES.map((s) => ({ value: s, label: req.t(`consentAdmin.scope.${s}`), checked: state?.form === 'withdrawal' && state.values.scope === s })),
      withdrawal: state?.form === 'withdrawal' ? { values: state.values, errors: state.errors ?? {}, formError: state.formError } : { values: {}, errors: {} },
      publication: state?.form === 'publication' ? { errors: state.errors ?? {}, formError: state.formError } : { errors: {} },
    });
  };

  route(app, { method: 'get', path: '/admin/nominations/:id/consent', policy: 'admin' }, async (req, res) => {
    await render(req, res, 200, idOf(req));
  });

  const refusedUpload = (form: FormState['form']) =>
    // async, so a malformed id in the address is a rejected promise (404), not a throw inside the parser
    multipartForm(async (req, res, refusal) =>
      render(req, res, refusal.status, idOf(req), { form, values: form === 'withdrawal' ? withdrawalValues(req.body) : publicationValues(req.body), formError: refusal.message }),
    );

  route(app, { method: 'post', path: '/admin/nominations/:id/consent/withdrawal', policy: 'admin', before: [refusedUpload('withdrawal')] }, async (req, res) => {
    const id = idOf(req);
    const values = withdrawalValues(req.body);
    const again = (status: number, errors: FieldErrors, formError?: string) => render(req, res, status, id, { form: 'withdrawal', values, errors, formError });
    const form = parseForm(withdrawalSchema, req.body, req.t);
    const uploads = await checkedUploads(req, ['consent_withdrawal']);
    const files = uploads.ok ? uploads.files : [];
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    if (uploads.ok && files.length !== 1) errors[FILE_FIELD] = req.t(files.length ? 'consentAdmin.withdrawal.oneFile' : 'consentAdmin.withdrawal.fileRequired');
    if (!uploads.ok) return again(uploads.status, errors, uploads.messages.join(' '));
    if (!form.ok || Object.keys(errors).length) return again(400, errors, req.t('consentAdmin.notSaved'));
    const outcome = await recordWithdrawal(dataSource, req.user!.id, id, { ...form.data, request: files[0] });
    if (!outcome) throw notFound();
    flash(req, 'success', `consentAdmin.withdrawal.done.${outcome}`);
    res.redirect(303, `/admin/nominations/${id}/consent`);
  });

  route(app, { method: 'post', path: '/admin/nominations/:id/consent/publication', policy: 'admin', before: [refusedUpload('publication')] }, async (req, res) => {
    const id = idOf(req);
    const values = publicationValues(req.body);
    const again = (status: number, errors: FieldErrors, formError?: string) => render(req, res, status, id, { form: 'publication', values, errors, formError });
    const form = parseForm(publicationSchema, req.body, req.t);
    if (!form.ok) return again(400, form.errors, req.t('consentAdmin.notSaved'));
    const uploads = await checkedUploads(req, ['consent_publication']);
    if (!uploads.ok) return again(uploads.status, {}, uploads.messages.join(' '));
    if (uploads.files.length > 1) return again(400, { [FILE_FIELD]: req.t('consentAdmin.publication.oneFile') }, req.t('consentAdmin.notSaved'));
    const result = await recordPublicationConsent(dataSource, req.user!.id, id, form.data.fields, uploads.files[0] ?? null);
    if (!result.ok) {
      if (result.problem === 'notFound') throw notFound();
      return again(400, { [FILE_FIELD]: req.t('consentAdmin.publication.documentRequired') }, req.t('consentAdmin.notSaved'));
    }
    flash(req, 'success', 'consentAdmin.publication.done');
    res.redirect(303, `/admin/nominations/${id}/consent`);
  });
}
