import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './http-error';

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
  }
}

/** The session's synchronizer token, created on first use (so anonymous pages without forms stay sessionless). */
export function csrfToken(req: Request): string {
  if (!req.session.csrfToken) req.session.csrfToken = crypto.randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

/** Refuses a state-changing request whose `_csrf` field (or X-CSRF-Token header) does not match the session's. */
export function verifyCsrf(req: Request, _res: Response, next: NextFunction): void {
  const sent = (req.body && typeof req.body._csrf === 'string' ? req.body._csrf : undefined) ?? req.get('x-csrf-token');
  const expected = req.session?.csrfToken;
  if (!sent || !expected || !safeEqual(sent, expected)) return next(new HttpError(403, 'errors.csrf'));
  next();
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
