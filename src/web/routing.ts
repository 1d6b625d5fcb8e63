import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { allows, type PolicyName } from '../auth/policies';
import { verifyCsrf } from './csrf';
import { HttpError } from './http-error';
import { inFlightOf } from './in-flight';
import { refuseBadBodyText } from './text-boundary';

export type Method = 'get' | 'post';

export interface RouteSpec {
  method: Method;
  path: string;
  policy: PolicyName;
  /** multipart routes parse the body first, then check the CSRF token from it */
  before?: RequestHandler[];
}

/** Every route the app registered, with its policy; the security tests walk this and the router. */
export const declaredRoutes: RouteSpec[] = [];

/**
 * Registers a route that declares its policy. Order: policy → body parsers of the route → CSRF
 * (state-changing methods) → handler. Anonymous visitors are sent to /login (HTML) or get 401.
 */
export function route(app: Express, spec: RouteSpec, handler: RequestHandler): void {
  if (!declaredRoutes.some((r) => r.method === spec.method && r.path === spec.path)) declaredRoutes.push(spec);
  // a body the route parses itself (multipart) is checked for bad text as soon as it is read (app.ts checks the others)
  const chain: RequestHandler[] = [enforce(spec.policy), ...(spec.before ? [...spec.before, refuseBadBodyText] : [])];
  if (spec.method !== 'get') chain.push(verifyCsrf);
  const inFlight = inFlightOf(app);
  // the handler is counted until it returns, even after its visitor has gone (see in-flight.ts)
  const counted: RequestHandler = (req, res, next) => Promise.resolve(handler(req, res, next)).finally(inFlight.start());
  app[spec.method](spec.path, ...chain, counted);
}

function enforce(policy: PolicyName): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (allows(policy, req.user)) return next();
    if (!req.user) {
      if (wantsHtml(req)) {
        const nextUrl = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
        return res.redirect(303, `/login${nextUrl}`);
      }
      return next(new HttpError(401, 'errors.unauthorized'));
    }
    next(new HttpError(403, 'errors.forbidden'));
  };
}

/** Pages get a redirect to the sign-in form; downloads and data (.csv, .json, .pdf, ...) get a 401. */
export function wantsHtml(req: Request): boolean {
  if (/\.[a-z0-9]{2,5}$/i.test(req.path)) return false;
  return req.accepts(['html', 'json']) === 'html';
}
