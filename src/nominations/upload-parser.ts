import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { checkUpload, shownFileName, MAX_FILE_BYTES, MAX_FILES_PER_NOMINATION, type CheckedFile } from './uploads';
import { UPLOAD_SLOTS, fileField } from './nomination-form';

/**
 * Multipart parsing of the nomination form. Files stay in memory (≤ 10 files × 10 MB) and are judged by
 * checkUpload() before anything is saved. Fields come first in the form and files last, so when an
 * upload is cut off (too big, too many) everything typed above it has already been read and is shown
 * again.
 */

export interface UploadRefusal {
  status: 400 | 413;
  /** the message, already in the person's language */
  message: string;
}

const realFiles = new WeakMap<Request, number>();

const parser = multer({
  storage: multer.memoryStorage(),
  // Browsers send file names as raw UTF-8; busboy's default (latin1) would garble «Ходатайство.pdf».
  defParamCharset: 'utf8',
  // the name as sent, folders and all: checkUpload() refuses a name with a path instead of quietly cutting it
  preservePath: true,
  limits: {
    // one byte over the limit, so a file of exactly 10 MB passes and checkUpload() has the last word
    fileSize: MAX_FILE_BYTES + 1,
    // every upload row sends a part even when no file was chosen; the real count is held by fileFilter
    files: MAX_FILES_PER_NOMINATION + UPLOAD_SLOTS.length,
    fields: 100,
    fieldSize: 64 * 1024,
    parts: 100 + MAX_FILES_PER_NOMINATION + UPLOAD_SLOTS.length,
  },
  fileFilter: (req, file, done) => {
    const n = (realFiles.get(req) ?? 0) + 1;
    realFiles.set(req, n);
    if (n > MAX_FILES_PER_NOMINATION) return done(new multer.MulterError('LIMIT_FILE_COUNT', file.fieldname));
    done(null, true);
  },
}).fields(UPLOAD_SLOTS.map((slot) => ({ name: fileField(slot), maxCount: MAX_FILES_PER_NOMINATION })));

function refusalOf(err: unknown, t: Request['t']): UploadRefusal {
  if (!(err instanceof multer.MulterError)) return { status: 400, message: t('officer.upload.malformed') };
  switch (err.code) {
    case 'LIMIT_FILE_SIZE':
      return { status: 413, message: t('nominations.uploads.tooLarge', { name: shownFileName((err as { filename?: string }).filename ?? '') }) };
    case 'LIMIT_FILE_COUNT':
      return { status: 400, message: t('nominations.uploads.tooMany', { max: MAX_FILES_PER_NOMINATION }) };
    case 'LIMIT_UNEXPECTED_FILE':
      return { status: 400, message: t('officer.upload.unexpected') };
    case 'LIMIT_FIELD_VALUE':
    case 'LIMIT_FIELD_COUNT':
    case 'LIMIT_PART_COUNT':
      return { status: 413, message: t('officer.upload.formTooLarge') };
    default:
      return { status: 400, message: t('officer.upload.malformed') };
  }
}

export type RefusalPage = (req: Request, res: Response, refusal: UploadRefusal) => Promise<void>;

/**
 * The route's body parser (put in `before`, so the CSRF token is read from the parsed body). When
 * multer itself refuses the request, the form is shown again with the message and the fields read so
 * far: nothing was saved, so this answer needs no CSRF check — it changes no state.
 */
export function multipartForm(showRefusal: RefusalPage): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    parser(req, res, (err?: unknown) => {
      realFiles.delete(req);
      if (!err) return next();
      req.body ??= {};
      req.files = undefined;
      showRefusal(req, res, refusalOf(err, req.t)).catch(next);
    });
  };
}

export type CheckedUploads = { ok: true; files: CheckedFile[] } | { ok: false; status: 400 | 413; messages: string[] };

/** Every uploaded file judged by its bytes; one refused file refuses the whole save, naming each bad file. */
export function checkedUploads(req: Request, kinds: string[]): CheckedUploads {
  const groups = (req.files ?? {}) as Record<string, Express.Multer.File[]>;
  const files: CheckedFile[] = [];
  const messages: string[] = [];
  let tooLarge = false;
  for (const slot of UPLOAD_SLOTS) {
    for (const f of groups[fileField(slot)] ?? []) {
      const r = checkUpload(f.originalname, f.buffer, kinds[slot] ?? 'other');
      if (r.ok) files.push(r.file);
      else {
        tooLarge ||= r.problem === 'tooLarge';
        messages.push(req.t(`nominations.uploads.${r.problem}`, { name: shownFileName(f.originalname) }));
      }
    }
  }
  return messages.length ? { ok: false, status: tooLarge ? 413 : 400, messages } : { ok: true, files };
}
