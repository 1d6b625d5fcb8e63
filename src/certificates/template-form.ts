import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import PDFDocument from 'pdfkit';
import { z } from 'zod';
import { fields, parseForm, type FieldErrors } from '../web/forms';
import type { Translator } from '../web/i18n';
import { fileNameRefused, shownFileName } from '../web/uploads/file-names';
import { judgeUpload, uploadMessageParams } from '../web/uploads/judge';
import { sniffMime } from '../web/uploads/sniff';
import { MAX_SIGNATORIES, ACCENT_COLOR, type ImageChange, type TemplateInput, type TemplateProblems } from './templates';
import { toBuffer, unfitSignatoryNames } from './render';

/**
 * The template editor's form ↔ TemplateInput. Text fields are checked here for shape and length; the
 * placeholders and the rest are the domain's rules (templates.ts). The emblem and the background are
 * PNG or JPEG up to 2 MB, judged by their bytes like every other upload, and opened once by the PDF
 * library, so a file that only looks like an image is refused now rather than breaking certificates later.
 */

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const IMAGE_FIELDS = ['emblem', 'background'] as const;
export const SIGNATORY_ROWS = Array.from({ length: MAX_SIGNATORIES }, (_, i) => i + 1);
export const LIMITS = { title: 150, body: 2000, signatoryName: 120, signatoryTitle: 200 } as const;

const text = (max: number) => z.preprocess((v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v ?? ''), z.string({ error: 'validation.invalid' }).trim().max(max, `validation.tooLong|max=${max}`));
const required = (max: number) => text(max).refine((v) => v.length > 0, 'validation.required');

const schema = z.object({
  title: required(LIMITS.title),
  body: required(LIMITS.body),
  accentColor: z.string({ error: 'certificates.problem.badColor' }).trim().regex(ACCENT_COLOR, 'certificates.problem.badColor'),
  removeEmblem: z.unknown().optional(),
  removeBackground: z.unknown().optional(),
  ...Object.fromEntries(SIGNATORY_ROWS.flatMap((i) => [[`signatory${i}Name`, text(LIMITS.signatoryName)], [`signatory${i}Title`, text(LIMITS.signatoryTitle)]])),
});

export type ParsedTemplate = { ok: true; input: TemplateInput } | { ok: false; status: 400 | 413; errors: FieldErrors };

/** Reads the submitted form (fields and files); every problem lands next to its field. */
export async function parseTemplateForm(req: Request): Promise<ParsedTemplate> {
  const form = parseForm(schema, req.body, req.t);
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  const body = (req.body ?? {}) as Record<string, unknown>;
  const signatories = [];
  const rows: number[] = [];
  for (const i of SIGNATORY_ROWS) {
    const name = form.ok ? (form.data as Record<string, string>)[`signatory${i}Name`] : String(body[`signatory${i}Name`] ?? '').trim();
    const title = form.ok ? (form.data as Record<string, string>)[`signatory${i}Title`] : String(body[`signatory${i}Title`] ?? '').trim();
    if (name && title) {
      signatories.push({ name, title });
      rows.push(i);
    } else if (name || title) errors[name ? `signatory${i}Title` : `signatory${i}Name`] ??= req.t('certificates.problem.signatoryIncomplete');
  }
  // A name prints on one line under its signature line; how long it may be depends on how many share the band.
  for (const k of unfitSignatoryNames(signatories)) errors[`signatory${rows[k]}Name`] ??= req.t('certificates.problem.signatoryNameTooLong', { count: signatories.length });
  let status: 400 | 413 = 400;
  const images: Partial<Record<(typeof IMAGE_FIELDS)[number], ImageChange>> = {};
  for (const field of IMAGE_FIELDS) {
    const file = ((req.files ?? {}) as Record<string, Express.Multer.File[]>)[field]?.[0];
    const remove = body[field === 'emblem' ? 'removeEmblem' : 'removeBackground'] !== undefined;
    if (!file) {
      images[field] = { action: remove ? 'remove' : 'keep' };
      continue;
    }
    const refusal = await imageRefusal(file, req.t);
    if (refusal) {
      errors[field] = refusal;
      if (file.size > MAX_IMAGE_BYTES) status = 413;
    } else images[field] = { action: 'replace', data: file.buffer, mime: file.mimetype as 'image/png' | 'image/jpeg' };
  }
  if (!form.ok || Object.keys(errors).length) return { ok: false, status, errors };
  const d = form.data as { title: string; body: string; accentColor: string };
  return { ok: true, input: { title: d.title, body: d.body, accentColor: d.accentColor, signatories, emblem: images.emblem!, background: images.background! } };
}

async function imageRefusal(file: Express.Multer.File, t: Translator): Promise<string | null> {
  const name = shownFileName(file.originalname);
  if (file.size > MAX_IMAGE_BYTES) return t('certificates.problem.imageTooLarge', { name, max: 2 });
  // a PDF is refused as not an image before it is judged (and scanned) like a document
  if (sniffMime(file.buffer) === 'application/pdf' && !fileNameRefused(file.originalname)) return t('certificates.problem.imageType', { name });
  const checked = await judgeUpload(file.originalname, file.buffer, { maxBytes: MAX_IMAGE_BYTES });
  if (!checked.ok) return t(`nominations.uploads.${checked.problem}`, uploadMessageParams(name));
  file.mimetype = checked.mime;
  try {
    const doc = new PDFDocument({ autoFirstPage: true, compress: false });
    doc.image(file.buffer, 0, 0, { width: 10 });
    await toBuffer(doc);
  } catch {
    return t('certificates.problem.imageUnreadable', { name });
  }
  return null;
}

/** Messages of the domain's problems, by field. */
export function problemMessages(t: Translator, problems: TemplateProblems): FieldErrors {
  return Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, t(p!.key, p!.params)]));
}

const parser = multer({
  storage: multer.memoryStorage(),
  defParamCharset: 'utf8',
  // the name as sent, so judgeUpload() refuses a name with folders in it rather than keeping its last part
  preservePath: true,
  // one byte over the limit, so a file of exactly 2 MB passes and imageRefusal() has the last word
  limits: { fileSize: MAX_IMAGE_BYTES + 1, files: IMAGE_FIELDS.length, fields: 30, fieldSize: 16 * 1024, parts: 40 },
}).fields(IMAGE_FIELDS.map((name) => ({ name, maxCount: 1 })));

export type RefusalPage = (req: Request, res: Response, status: 400 | 413, errors: FieldErrors) => Promise<void>;

/**
 * The editor's body parser (in the route's `before`, so the CSRF token is read from the parsed body).
 * When multer refuses the request (a file far too big, an unexpected field) the form is shown again
 * with what was read: nothing is saved, so this answer needs no CSRF check.
 */
export function templateMultipart(showRefusal: RefusalPage): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    parser(req, res, (err?: unknown) => {
      if (!err) return next();
      req.body ??= {};
      req.files = undefined;
      const e = err as { code?: string; field?: string };
      const field = e.field && (IMAGE_FIELDS as readonly string[]).includes(e.field) ? e.field : '_form';
      const tooLarge = e.code === 'LIMIT_FILE_SIZE' || e.code === 'LIMIT_FIELD_VALUE';
      const message = tooLarge && field !== '_form' ? req.t('certificates.problem.fileTooLarge', { max: 2 }) : req.t(tooLarge ? 'errors.tooLarge' : 'errors.badRequest');
      showRefusal(req, res, tooLarge ? 413 : 400, { [field]: message }).catch(next);
    });
  };
}
