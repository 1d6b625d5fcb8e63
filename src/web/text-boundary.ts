import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './http-error';

/**
 * Text that no page may receive, refused once, here, before any route runs: NUL and the other C0 control
 * characters, and lone UTF-16 surrogates. PostgreSQL refuses a NUL in text (the query failed: a 500), a lone
 * surrogate cannot be written as UTF-8 (it would be stored as «�»), and nobody types either. Tab, line feed
 * and carriage return are text in a form's fields (a textarea's lines); the address and its query are one
 * line, so there they are refused too.
 */
const CONTROL_IN_FIELD = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const CONTROL_IN_ADDRESS = /[\u0000-\u001F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const badAddress = () => new HttpError(400, 'errors.badAddress');
export const badText = () => new HttpError(400, 'errors.badText');

export function isAcceptableText(value: string, multiLine = true): boolean {
  return !(multiLine ? CONTROL_IN_FIELD : CONTROL_IN_ADDRESS).test(value) && !LONE_SURROGATE.test(value);
}

/** Percent-decoding that refuses what does not decode to well-formed UTF-8 (`%ZZ`, a cut sequence, an encoded surrogate). */
function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/**
 * The address as the routes will read it: each path segment (a route's `:param` is one) and each key and
 * value of the query, decoded. Express itself would decode a bad segment only once a route matched it, and
 * the query parser quietly turns broken bytes into «�»; here both are a 400.
 */
export function addressIsAcceptable(url: string): boolean {
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  for (const segment of path.split('/')) {
    const text = decoded(segment);
    if (text === null || !isAcceptableText(text, false)) return false;
  }
  if (at < 0) return true;
  for (const pair of url.slice(at + 1).split('&')) {
    const text = decoded(pair.replace(/\+/g, ' '));
    if (text === null || !isAcceptableText(text, false)) return false;
  }
  return true;
}

/**
 * Every string of a parsed body: keys, values, lists, nested objects (`a[b]` fields). An uploaded file's name
 * is the upload check's to judge (checkUpload): it refuses a bad name with the form again, naming the file.
 */
export function bodyIsAcceptable(body: unknown): boolean {
  const acceptable = (value: unknown, depth = 0): boolean => {
    if (typeof value === 'string') return isAcceptableText(value);
    if (depth > 8 || value === null || typeof value !== 'object') return true;
    if (Array.isArray(value)) return value.every((v) => acceptable(v, depth + 1));
    return Object.entries(value).every(([k, v]) => isAcceptableText(k) && acceptable(v, depth + 1));
  };
  return acceptable(body);
}

/**
 * The app's boundary (app.ts, after the url-encoded and JSON body parsers): the address, the query and the
 * body. A multipart body is parsed later, by its route's own parser; routing.ts checks it right after that.
 * The answer is the error page (or JSON) with a message in the person's language, not the form again: nobody
 * can type these characters, a browser's form sends a lone surrogate as «�», so what arrives here comes from a
 * tool or, rarely, text pasted from another program (PowerPoint's line break is a vertical tab) — and one check
 * for every form and every address beats a re-rendering branch in each of forty routes. Nothing is saved.
 */
export function refuseBadText(req: Request, _res: Response, next: NextFunction): void {
  if (!addressIsAcceptable(req.originalUrl)) return next(badAddress());
  if (!bodyIsAcceptable(req.body)) return next(badText());
  next();
}

/** The same check for a body its route parsed itself (multipart: multer reads the text fields). */
export function refuseBadBodyText(req: Request, _res: Response, next: NextFunction): void {
  next(bodyIsAcceptable(req.body) ? undefined : badText());
}
