import type { Express, NextFunction, Request, Response } from 'express';
import type passport from 'passport';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { csrfToken } from '../web/csrf';
import { flash } from '../web/flash';
import { parseForm } from '../web/forms';
import { safeLocalPath } from '../web/locale';
import { formatDateTime } from '../web/format';
import { startPageFor } from './policies';
import { checkLoginThrottle, countFailedLogin } from './throttle';
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from './login';
import type { SessionUser } from './session-user';

const loginSchema = z.object({
  email: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(254, 'validation.email'),
  password: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(1000, 'validation.invalid'),
  next: z.string().optional(),
});

/** Sign-in and sign-out. Failed sign-ins are throttled per client address, and an account locks after repeated failures. */
export function registerLoginRoutes(app: Express, dataSource: DataSource, auth: passport.PassportStatic, timeZone: string): void {
  const renderLogin = (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) =>
    res.status(status).render('auth/login', { title: req.t('auth.signIn'), csrfToken: csrfToken(req), ...extra });

  route(app, { method: 'get', path: '/login', policy: 'public' }, (req, res) => {
    if (req.user) return res.redirect(303, startPageFor(req.user));
    renderLogin(req, res, 200, { values: { next: safeLocalPath(req.query.next, '') } });
  });

  route(app, { method: 'post', path: '/login', policy: 'public' }, async (req, res, next) => {
    const values = { email: String(req.body?.email ?? ''), next: safeLocalPath(req.body?.next, '') };
    const form = parseForm(loginSchema, req.body, req.t);
    if (!form.ok) return renderLogin(req, res, 400, { values, errors: form.errors });
    const clientKey = `ip:${req.ip}`;
    const throttle = await checkLoginThrottle(dataSource.manager, clientKey);
    if (!throttle.allowed) {
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil((throttle.retryAt.getTime() - Date.now()) / 1000))));
      return renderLogin(req, res, 429, { values, formError: req.t('auth.throttled', { time: formatDateTime(throttle.retryAt, req.locale, timeZone) }) });
    }
    auth.authenticate('local', (err: unknown, user: SessionUser | false) => {
      if (err) return next(err);
      if (!user) {
        // A wrong password, an unknown or inactive address and a locked account get one answer (status, page
        // and argon2 work alike), so a refusal never tells whether an account exists. Each counts against the
        // address; a success never does.
        return void countFailedLogin(dataSource.manager, clientKey)
          .then(() => renderLogin(req, res, 401, { values, formError: req.t('auth.invalid', { max: MAX_FAILED_LOGINS, minutes: LOCKOUT_MINUTES }) }))
          .catch(next);
      }
      // passport regenerates the session id here, so a session fixed before sign-in is useless.
      req.login(user, (loginErr) => {
        if (loginErr) return next(loginErr);
        res.redirect(303, safeLocalPath(form.data.next, startPageFor(user)));
      });
    })(req, res, next);
  });

  route(app, { method: 'post', path: '/logout', policy: 'signedIn' }, (req: Request, res: Response, next: NextFunction) => {
    req.logout((err) => {
      if (err) return next(err);
      req.session.destroy((destroyErr) => {
        if (destroyErr) return next(destroyErr);
        res.clearCookie('laureate.sid');
        res.redirect(303, '/');
      });
    });
  });

}
