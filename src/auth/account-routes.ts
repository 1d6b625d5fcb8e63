import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { csrfToken } from '../web/csrf';
import { flash } from '../web/flash';
import { formatDateTime } from '../web/format';
import { parseForm } from '../web/forms';
import { MIN_PASSWORD_LENGTH } from './password';
import { changePassword } from './users';
import { acceptInvitation, findInvitation } from './invitations';

const newPassword = z
  .string({ error: 'validation.required' })
  .min(MIN_PASSWORD_LENGTH, `validation.passwordShort|min=${MIN_PASSWORD_LENGTH}`)
  .max(200, 'validation.tooLong|max=200');

export const passwordPair = z
  .object({ password: newPassword, passwordConfirm: z.string({ error: 'validation.required' }) })
  .refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: 'validation.passwordMismatch' });

const changeSchema = z
  .object({ currentPassword: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(1000, 'validation.invalid') })
  .and(passwordPair);

/** The person's own account (password) and the one-time invitation links. */
export function registerAccountRoutes(app: Express, dataSource: DataSource): void {
  route(app, { method: 'get', path: '/account/password', policy: 'signedIn' }, (req, res) => {
    res.render('auth/password', { title: req.t('auth.changePassword') });
  });

  route(app, { method: 'post', path: '/account/password', policy: 'signedIn' }, async (req, res, next) => {
    const title = req.t('auth.changePassword');
    const form = parseForm(changeSchema, req.body, req.t);
    if (!form.ok) return res.status(400).render('auth/password', { title, errors: form.errors });
    const result = await changePassword(dataSource.manager, req.user!.id, form.data.currentPassword, form.data.password);
    if (!result.ok && result.reason === 'locked') {
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil((result.lockedUntil.getTime() - Date.now()) / 1000))));
      return res.status(429).render('auth/password', { title, formError: req.t('auth.locked', { time: formatDateTime(result.lockedUntil, req.locale, res.locals.timeZone) }) });
    }
    if (!result.ok) return res.status(400).render('auth/password', { title, errors: { currentPassword: req.t('auth.currentPasswordWrong') } });
    // Every session of the person has ended; this one goes on under a new id (passport regenerates it).
    req.login(req.user!, (err) => {
      if (err) return next(err);
      flash(req, 'success', 'auth.passwordChanged');
      res.redirect(303, '/account/password');
    });
  });

  route(app, { method: 'get', path: '/invite/:token', policy: 'public' }, async (req, res) => {
    const found = await findInvitation(dataSource.manager, String(req.params.token));
    if (found.state !== 'valid') return res.status(found.state === 'unknown' ? 404 : 410).render('auth/invite-invalid', { title: req.t('auth.inviteTitle'), reason: req.t(`auth.invite.${found.state}`) });
    res.render('auth/invite', { title: req.t('auth.inviteTitle'), csrfToken: csrfToken(req), fullName: found.user.fullName, email: found.user.email });
  });

  route(app, { method: 'post', path: '/invite/:token', policy: 'public' }, async (req, res) => {
    const token = String(req.params.token);
    const form = parseForm(passwordPair, req.body, req.t);
    if (!form.ok) {
      const found = await findInvitation(dataSource.manager, token);
      if (found.state !== 'valid') return res.status(found.state === 'unknown' ? 404 : 410).render('auth/invite-invalid', { title: req.t('auth.inviteTitle'), reason: req.t(`auth.invite.${found.state}`) });
      return res.status(400).render('auth/invite', { title: req.t('auth.inviteTitle'), csrfToken: csrfToken(req), fullName: found.user.fullName, email: found.user.email, errors: form.errors });
    }
    const result = await dataSource.transaction((m) => acceptInvitation(m, token, form.data.password));
    if (result.state !== 'valid') return res.status(result.state === 'unknown' ? 404 : 410).render('auth/invite-invalid', { title: req.t('auth.inviteTitle'), reason: req.t(`auth.invite.${result.state}`) });
    flash(req, 'success', 'auth.passwordSet');
    res.redirect(303, '/login');
  });
}
