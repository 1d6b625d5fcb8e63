import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { shownFileName } from '../web/uploads/file-names';
import { uploadMessageParams } from '../web/uploads/judge';
import { checkUpload, MAX_FILE_BYTES, MAX_FILES_PER_NOMINATION, type CheckedFile } from './uploads';
import { UPLOAD_SLOTS, fileField } from './nomination-form';
import { Slots } from './document-store';

/**
 * Multipart parsing of the nomination form. Files go to a temporary folder as they arrive (never whole in
 * memory: 60 officers sending 10 files of 10 MB at the deadline would be 6 GB), are judged by checkUpload()
 * from there, and stored from there in pieces by the save; they are removed when the request is over,
 * whatever its outcome (saved, refused, failed, or the client gone mid-way — multer removes what it was
 * writing). Fields come first in the form and files last, so when an upload is cut off (too big, too many)
 * everything typed above it has already been read and is shown again.
 */

let tempDir: string | null = null;

/** This process's folder of uploads in progress, made on first use under the system's temporary folder. */
export function uploadTempDir(): string {
  if (tempDir) return tempDir;
  const made = fs.mkdtempSync(path.join(os.tmpdir(), 'laureate-uploads-'));
  // the folder goes with the process (its files are removed one by one as their requests end)
  process.once('exit', () => fs.rmSync(made, { recursive: true, force: true }));
  tempDir = made;
  return made;
}

export interface UploadRefusal {
  status: 400 | 413;
  /** the message, already in the person's language */
  message: string;
}

const realFiles = new WeakMap<Request, number>();

const parser = multer({
  storage: multer.diskStorage({ destination: (_req, _file, done) => done(null, uploadTempDir()) }),
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
      const files = Object.values((req.files ?? {}) as Record<string, Express.Multer.File[]>).flat();
      // the client left as its last byte arrived: nobody to answer, nothing to save
      if (req.socket.destroyed) return removeTempFiles(files);
      if (files.length) res.once('close', () => removeTempFiles(files));
      if (!err) return next();
      req.body ??= {};
      // req.files stays: a file multer was still opening when it refused finishes later and is removed from there
      showRefusal(req, res, refusalOf(err, req.t)).catch(next);
    });
  };
}

/** Removes a request's temporary files (a file multer already removed is simply gone). */
function removeTempFiles(files: Express.Multer.File[]): void {
  for (const f of files) if (f.path) fs.rm(f.path, { force: true }, () => undefined);
}

export type CheckedUploads = { ok: true; files: CheckedFile[] } | { ok: false; status: 400 | 413; messages: string[] };

/**
 * Files judged at once in this process. A PDF scan works in slices of a few milliseconds between which the
 * event loop answers others; 60 scans at once at a deadline would make each turn of the loop 60 slices
 * long, and every page (and /healthz) wait. Two keep both cores busy and the turns short; the rest queue.
 */
const checks = new Slots(2);

/**
 * Every uploaded file judged by its bytes, one after another (each PDF scan yields to the event loop, and
 * one at a time keeps a hostile form from taking more than its share); one refused file refuses the whole
 * save, naming each bad file.
 */
export async function checkedUploads(req: Request, kinds: string[]): Promise<CheckedUploads> {
  const groups = (req.files ?? {}) as Record<string, Express.Multer.File[]>;
  const files: CheckedFile[] = [];
  const messages: string[] = [];
  let tooLarge = false;
  for (const slot of UPLOAD_SLOTS) {
    for (const f of groups[fileField(slot)] ?? []) {
      const r = await checks.run(() => checkUpload(f.originalname, { path: f.path, size: f.size }, kinds[slot] ?? 'other'));
      if (r.ok) files.push(r.file);
      else {
        tooLarge ||= r.problem === 'tooLarge';
        messages.push(req.t(`nominations.uploads.${r.problem}`, uploadMessageParams(shownFileName(f.originalname))));
      }
    }
  }
  return messages.length ? { ok: false, status: tooLarge ? 413 : 400, messages } : { ok: true, files };
}
