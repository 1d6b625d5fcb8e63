import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { csrfToken } from '../web/csrf';
import { flash } from '../web/flash';
import { fields, parseForm } from '../web/forms';
import { formatDateTime } from '../web/format';
import { hashPassword } from './password';
import { passwordPair } from './account-routes';
import { checkLoginThrottle, countFailedLogin } from './throttle';
import { completePasswordReset, findPasswordReset, requestPasswordReset, RESET_LINK_MINUTES, type ResetLinkState } from './password-reset';

const forgotSchema = z.object({ email: fields.email() });

/**
 * «Забыли пароль?»: a form that mails a one-time link to an active account, and the page behind the link
 * that sets a new password. Requests are limited per client address the way failed sign-ins are (every
 * request counts: each one may send a letter), under a key of their own.
 */
export function registerPasswordResetRoutes(app: Express, dataSource: DataSource, timeZone: string): void {
  const title = (req: Request) => req.t('passwordReset.title');
  const renderForgot = (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) =>
    res.status(status).render('auth/forgot', { title: title(req), csrfToken: csrfToken(req), ...extra });
  const renderInvalid = (req: Request, res: Response, state: Exclude<ResetLinkState['state'], 'valid'>) =>
    res.status(state === 'unknown' ? 404 : 410).render('auth/reset-invalid', { title: title(req), reason: req.t(`passwordReset.link.${state}`) });

  route(app, { method: 'get', path: '/password/forgot', policy: 'public' }, (req, res) => {
    renderForgot(req, res, 200, { values: { email: '' } });
  });

  route(app, { method: 'post', path: '/password/forgot', policy: 'public' }, async (req, res) => {
    const values = { email: String(req.body?.email ?? '') };
    const form = parseForm(forgotSchema, req.body, req.t);
    if (!form.ok) return renderForgot(req, res, 400, { values, errors: form.errors });
    const clientKey = `reset:ip:${req.ip}`;
    const throttle = await checkLoginThrottle(dataSource.manager, clientKey);
    if (!throttle.allowed) {
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil((throttle.retryAt.getTime() - Date.now()) / 1000))));
      return renderForgot(req, res, 429, { values, formError: req.t('passwordReset.throttled', { time: formatDateTime(throttle.retryAt, req.locale, timeZone) }) });
    }
    await countFailedLogin(dataSource.manager, clientKey);
    // The same page whether or not the address has an account, and sent before anything that depends on the
    // account is done: a letter to compose and enqueue for a real one takes time that an answer sent after it
    // would show. The work goes on once the answer has left (shutdown waits for it; an error is logged).
    await sendPage(res, 'auth/forgot-sent', { title: title(req), email: form.data.email, minutes: RESET_LINK_MINUTES });
    await dataSource.transaction((m) => requestPasswordReset(m, form.data.email));
  });

  route(app, { method: 'get', path: '/password/reset/:token', policy: 'public' }, async (req, res) => {
    const found = await findPasswordReset(dataSource.manager, String(req.params.token));
    if (found.state !== 'valid') return renderInvalid(req, res, found.state);
    res.render('auth/reset', { title: title(req), csrfToken: csrfToken(req), fullName: found.user.fullName, email: found.user.email });
  });

  route(app, { method: 'post', path: '/password/reset/:token', policy: 'public' }, async (req, res, next) => {
    const token = String(req.params.token);
    const found = await findPasswordReset(dataSource.manager, token);
    if (found.state !== 'valid') return renderInvalid(req, res, found.state);
    const form = parseForm(passwordPair, req.body, req.t);
    if (!form.ok) return res.status(400).render('auth/reset', { title: title(req), csrfToken: csrfToken(req), fullName: found.user.fullName, email: found.user.email, errors: form.errors });
    const passwordHash = await hashPassword(form.data.password);
    const result = await dataSource.transaction((m) => completePasswordReset(m, token, passwordHash));
    if (result.state !== 'valid') return renderInvalid(req, res, result.state);
    // Whatever session this browser had ends too (the person's own were deleted with the others): a fresh,
    // anonymous one carries the message to the sign-in page.
    req.session.regenerate((err) => {
      if (err) return next(err);
      flash(req, 'success', 'passwordReset.done');
      res.redirect(303, '/login');
    });
  });
}

/** Renders and sends a page; resolves once the answer has left (or the visitor has gone). */
function sendPage(res: Response, view: string, data: Record<string, unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    res.render(view, data, (err, html) => {
      if (err) return reject(err);
      res.once('finish', resolve).once('close', resolve);
      res.send(html);
    });
  });
}
