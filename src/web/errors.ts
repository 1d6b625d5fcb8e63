import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { HttpError } from './http-error';
import { wantsHtml } from './routing';
import { translate, DEFAULT_LOCALE } from './i18n';

const DB_DOWN_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '53300']);

/** A database that cannot be reached is a 503 with a friendly page, not a 500. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; driverError?: unknown } | undefined;
  if (!e) return false;
  // When PostgreSQL drops a connection between two queries of a transaction, TypeORM releases the broken
  // connection at once, and the transaction's next query throws one of these instead of the connection error.
  if (err instanceof QueryRunnerAlreadyReleasedError || err instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  if (e.driverError && isDatabaseUnavailable(e.driverError)) return true;
  if (e.code && (DB_DOWN_CODES.has(e.code) || e.code.startsWith('08'))) return true;
  const m = e.message ?? '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|the database system is (shutting down|starting up)/i.test(m);
}

export function notFoundHandler(_req: Request, _res: Response, next: NextFunction): void {
  next(new HttpError(404, 'errors.notFound'));
}

/** Renders every error as a page (or JSON) in the person's language; never shows a stack trace. */
export function errorHandler(logger: Logger) {
  // Express recognises an error handler by its four parameters.
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const { status, key, params } = classify(err);
    if (status >= 500 && status !== 503) logger.error({ err, reqId: req.id }, 'request failed');
    else if (status === 503) logger.warn({ err: String((err as Error)?.message ?? err), reqId: req.id }, 'database unavailable');
    if (res.headersSent) return res.end();
    if (status === 503) res.setHeader('Retry-After', '5');
    const t = req.t ?? ((k: string, p?: Record<string, unknown>) => translate(DEFAULT_LOCALE, k, p));
    const message = t(key, params);
    res.status(status);
    if (!wantsHtml(req)) return res.json({ error: message, status });
    res.render('errors/error', { status, message, title: t(`errors.title${status}`) }, (renderErr, html) => {
      if (renderErr) {
        logger.error({ err: renderErr }, 'error page failed to render');
        return res.type('text/plain').send(message);
      }
      res.send(html);
    });
  };
}

function classify(err: unknown): { status: number; key: string; params?: Record<string, unknown> } {
  if (err instanceof HttpError) return { status: err.status, key: err.messageKey, params: err.params };
  if (isDatabaseUnavailable(err)) return { status: 503, key: 'errors.unavailable' };
  const e = err as { status?: number; type?: string } | undefined;
  if (e?.type === 'entity.too.large') return { status: 413, key: 'errors.tooLarge' };
  if (e?.type === 'entity.parse.failed' || e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return { status: 400, key: 'errors.badRequest' };
  if (e?.status && e.status >= 400 && e.status < 500) return { status: e.status, key: e.status === 404 ? 'errors.notFound' : 'errors.badRequest' };
  return { status: 500, key: 'errors.internal' };
}
