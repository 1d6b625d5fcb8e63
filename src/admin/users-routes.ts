import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { fields, parseForm, parseId, type FieldErrors } from '../web/forms';
import { notFound } from '../web/http-error';
import { lastPage, PAGE_SIZE, pageNumber, pager, queryString } from '../web/paging';
import { ROLES } from '../auth/user.entity';
import { inviteUser, setUserActive, updateUser, type UserProblem } from '../auth/users';
import { issueInvitation } from '../auth/invitations';
import { getUser, listMunicipalities, listUsers } from './users-query';
import { loadPersonMail } from '../mail/outbox-view';
import { latestInvitationMail } from '../mail/messages/account';

const profile = z.object({
  fullName: fields.requiredText(200),
  role: z.enum(ROLES, { error: 'validation.invalid' }),
  municipalityId: fields.optionalId(),
  institution: fields.optionalText(300),
});
const inviteSchema = profile.extend({ email: fields.email() });
const listSchema = z.object({
  role: z.enum(ROLES).optional().catch(undefined),
  municipalityId: fields.optionalId().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
});

const problemErrors = (req: Request, problems: Partial<Record<string, UserProblem>>): FieldErrors =>
  Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, req.t(`admin.users.problem.${p}`)]));

/** The admin's user management: invite, edit role and bindings, deactivate, issue a new link. */
export function registerUserAdminRoutes(app: Express, dataSource: DataSource, baseUrl: string): void {
  const m = dataSource.manager;
  const formPage = async (req: Request, res: Response, status: number, view: 'admin/user-new' | 'admin/user-edit', data: Record<string, unknown>) =>
    res.status(status).render(view, { title: req.t(view === 'admin/user-new' ? 'admin.users.invite' : 'admin.users.edit'), municipalities: await listMunicipalities(m), roles: ROLES, ...data });

  route(app, { method: 'get', path: '/admin/users', policy: 'admin' }, async (req, res) => {
    const filter = listSchema.parse(req.query);
    const wanted = pageNumber(req.query.page);
    let { rows, total } = await listUsers(m, filter, wanted, PAGE_SIZE);
    // a page past the end (the list got shorter since the link was made) shows the last one
    const page = Math.min(wanted, lastPage(total));
    if (page !== wanted) ({ rows } = await listUsers(m, filter, page, PAGE_SIZE));
    const hrefOf = (p: number) => `/admin/users${queryString({ q: filter.q, role: filter.role, municipalityId: filter.municipalityId, page: p > 1 ? p : undefined })}`;
    res.render('admin/users', {
      title: req.t('admin.users.title'),
      users: rows,
      filter,
      roles: ROLES,
      municipalities: await listMunicipalities(m),
      pager: pager(total, page, hrefOf),
    });
  });

  route(app, { method: 'get', path: '/admin/users/new', policy: 'admin' }, async (req, res) => {
    await formPage(req, res, 200, 'admin/user-new', { values: { role: 'officer' } });
  });

  route(app, { method: 'post', path: '/admin/users', policy: 'admin' }, async (req, res) => {
    const values = req.body ?? {};
    const form = parseForm(inviteSchema, values, req.t);
    if (!form.ok) return formPage(req, res, 400, 'admin/user-new', { values, errors: form.errors });
    const result = await dataSource.transaction((tx) => inviteUser(tx, form.data, req.user!.id));
    if (!result.ok) return formPage(req, res, 400, 'admin/user-new', { values, errors: problemErrors(req, result.problems) });
    res.render('admin/user-invited', {
      title: req.t('admin.users.invited'), link: `${baseUrl}/invite/${result.token}`, email: form.data.email, userId: result.userId,
      invitationMail: await latestInvitationMail(m, result.userId, req.locale),
    });
  });

  route(app, { method: 'get', path: '/admin/users/:id', policy: 'admin' }, async (req, res) => {
    const id = parseId(req.params.id);
    const user = id ? await getUser(m, id) : null;
    if (!user) throw notFound();
    await formPage(req, res, 200, 'admin/user-edit', { user, values: user, isSelf: user.id === req.user!.id, mail: await loadPersonMail(m, user.id, req.locale) });
  });

  route(app, { method: 'post', path: '/admin/users/:id', policy: 'admin' }, async (req, res) => {
    const id = parseId(req.params.id);
    const user = id ? await getUser(m, id) : null;
    if (!user) throw notFound();
    const values = { ...req.body, email: user.email };
    const form = parseForm(profile, req.body, req.t);
    if (!form.ok) return formPage(req, res, 400, 'admin/user-edit', { user, values, errors: form.errors });
    const result = await dataSource.transaction((tx) => updateUser(tx, user.id, form.data, req.user!.id));
    if (!result.ok) {
      if ('notFound' in result) throw notFound();
      return formPage(req, res, 400, 'admin/user-edit', { user, values, errors: problemErrors(req, result.problems) });
    }
    flash(req, 'success', 'admin.users.saved');
    res.redirect(303, `/admin/users/${user.id}`);
  });

  for (const active of [false, true]) {
    route(app, { method: 'post', path: `/admin/users/:id/${active ? 'activate' : 'deactivate'}`, policy: 'admin' }, async (req, res) => {
      const id = parseId(req.params.id);
      if (!id || !(await getUser(m, id))) throw notFound();
      const done = await dataSource.transaction((tx) => setUserActive(tx, id, active, req.user!.id));
      flash(req, done ? 'success' : 'error', done ? (active ? 'admin.users.activated' : 'admin.users.deactivated') : 'admin.users.cannotDeactivateSelf');
      res.redirect(303, `/admin/users/${id}`);
    });
  }

  route(app, { method: 'post', path: '/admin/users/:id/invitation', policy: 'admin' }, async (req, res) => {
    const id = parseId(req.params.id);
    const user = id ? await getUser(m, id) : null;
    if (!user) throw notFound();
    const token = await dataSource.transaction((tx) => issueInvitation(tx, user.id, req.user!.id));
    res.render('admin/user-invited', {
      title: req.t('admin.users.invited'), link: `${baseUrl}/invite/${token}`, email: user.email, userId: user.id,
      invitationMail: await latestInvitationMail(m, user.id, req.locale),
    });
  });
}
