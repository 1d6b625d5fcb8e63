import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { fields, parseForm, parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import { getEvent } from './events-query';
import { bindRegistrar, unbindRegistrar } from './registrars';

const bindForm = z.object({ userId: fields.id() });

/** The admin binds registrars to an event and unbinds them, from the event's page (its «Вход и бейджи» part). */
export function registerRegistrarRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;

  const eventOr404 = async (raw: unknown) => {
    const id = parseId(raw);
    const event = id ? await getEvent(m, id) : null;
    if (!event) throw notFound();
    return event;
  };
  const back = (id: number) => `/admin/events/${id}#checkin`;

  route(app, { method: 'post', path: '/admin/events/:id/registrars', policy: 'admin' }, async (req, res) => {
    const event = await eventOr404(req.params.id);
    const form = parseForm(bindForm, req.body, req.t);
    const result = form.ok ? await dataSource.transaction((tx) => bindRegistrar(tx, event.id, form.data.userId, req.user!.id)) : null;
    if (!result?.ok) {
      // the choice is a list of registrars: only a stale page or a forged form gets here
      flash(req, 'error', 'checkin.admin.notRegistrar');
      return res.redirect(303, back(event.id));
    }
    flash(req, 'success', 'checkin.admin.bound', { name: result.name });
    res.redirect(303, back(event.id));
  });

  route(app, { method: 'post', path: '/admin/events/:id/registrars/:userId/remove', policy: 'admin' }, async (req, res) => {
    const event = await eventOr404(req.params.id);
    const userId = parseId(req.params.userId);
    const name = userId ? await dataSource.transaction((tx) => unbindRegistrar(tx, event.id, userId, req.user!.id)) : null;
    if (name) flash(req, 'success', 'checkin.admin.unbound', { name });
    res.redirect(303, back(event.id));
  });
}
