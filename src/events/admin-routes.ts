import type { Express, Request, Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { fields, parseForm, parseId, type FieldErrors } from '../web/forms';
import { HttpError, notFound } from '../web/http-error';
import { pageNumber } from '../web/paging';
import { isUniqueViolation } from '../db/unique-violation';
import type { Translator } from '../web/i18n';
import type { Event } from './event.entity';
import { cycleChoices, getEvent, listEvents } from './events-query';
import { createEvent, slugRace, updateEvent, type EventProblems, type SaveEventResult } from './events';
import { eventChoices, eventFormValues, eventSchema, newEventValues } from './event-forms';
import { defaultConsentText } from './consent-text';
import { eventPageView } from './event-page';
import { registrationCountsByEvent, registrationFilter } from './registration-queries';
import { invitationSchema } from './registration-form';
import { inviteLaureates, invitePerson } from './registrations';
import { cancelByOrganiser } from './registrant-actions';
import { lockEvent } from './registration-lifecycle';
import { undoCheckIn } from './checkin-undo';

export interface EventAdminSettings {
  regionTz: string;
  operator: { name: string | null; address: string | null };
}

type FormState = { event?: Event; values: Record<string, unknown>; errors?: FieldErrors; formError?: string };
type InviteState = { values: Record<string, unknown>; errors?: FieldErrors; formError?: string };

const problemMessages = (t: Translator, problems: EventProblems): FieldErrors =>
  Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, t(p.key, p.params ?? {})]));

const reasonSchema = z.object({ reason: fields.requiredText(500) });

/** The organiser's pages of events (issue 13): the list, the form, the event's page with its registrations. */
export function registerEventAdminRoutes(app: Express, dataSource: DataSource, settings: EventAdminSettings): void {
  const m = dataSource.manager;
  const tz = settings.regionTz;

  const formPage = async (req: Request, res: Response, status: number, state: FormState) => {
    res.status(status).render('admin/events/form', {
      title: state.event ? state.event.name : req.t('events.admin.new'),
      ...state,
      ...eventChoices(state.values, await cycleChoices(m)),
      action: state.event ? `/admin/events/${state.event.id}` : '/admin/events',
    });
  };

  const eventOr404 = async (raw: unknown) => {
    const id = parseId(raw);
    const event = id ? await getEvent(m, id) : null;
    if (!event) throw notFound();
    return event;
  };

  const eventPage = async (req: Request, res: Response, status: number, event: Event, extra: { invite?: InviteState; withoutEmail?: string[] } = {}) => {
    const view = await eventPageView(m, event, registrationFilter(req.query as Record<string, unknown>, pageNumber(req.query.page)));
    res.status(status).render('admin/events/event', {
      title: event.name,
      ...view,
      invite: extra.invite ?? { values: { participantType: event.participantTypes[0]?.type } },
      withoutEmail: extra.withoutEmail ?? [],
    });
  };

  const saved = (req: Request, res: Response, state: FormState, result: SaveEventResult) => {
    if (result.ok) {
      flash(req, 'success', state.event ? 'events.admin.saved' : 'events.admin.created');
      return res.redirect(303, `/admin/events/${result.id}`);
    }
    if ('notFound' in result) throw notFound();
    return formPage(req, res, 400, { ...state, errors: problemMessages(req.t, result.problems) });
  };

  route(app, { method: 'get', path: '/admin/events', policy: 'admin' }, async (req, res) => {
    const events = await listEvents(m);
    const counts = await registrationCountsByEvent(m, events.map((e) => e.id));
    res.render('admin/events/list', {
      title: req.t('events.admin.title'),
      events: events.map((e) => ({ ...e, formatKey: `events.formats.${e.format}`, confirmed: counts.get(e.id)!.confirmed, waiting: counts.get(e.id)!.waiting })),
    });
  });

  route(app, { method: 'get', path: '/admin/events/new', policy: 'admin' }, async (req, res) => {
    await formPage(req, res, 200, { values: newEventValues(await defaultConsentText(m, settings.operator)) });
  });

  route(app, { method: 'post', path: '/admin/events', policy: 'admin' }, async (req, res) => {
    const values = req.body ?? {};
    const form = parseForm(eventSchema(tz), values, req.t);
    if (!form.ok) return formPage(req, res, 400, { values, errors: form.errors });
    const result = await dataSource.transaction((tx) => createEvent(tx, form.data, req.user!.id)).catch(slugRace);
    return saved(req, res, { values }, result);
  });

  route(app, { method: 'get', path: '/admin/events/:id/edit', policy: 'admin' }, async (req, res) => {
    const event = await eventOr404(req.params.id);
    await formPage(req, res, 200, { event, values: eventFormValues(event, tz) });
  });

  route(app, { method: 'post', path: '/admin/events/:id', policy: 'admin' }, async (req, res) => {
    const event = await eventOr404(req.params.id);
    const values = req.body ?? {};
    const form = parseForm(eventSchema(tz), values, req.t);
    if (!form.ok) return formPage(req, res, 400, { event, values, errors: form.errors });
    const result = await dataSource.transaction((tx) => updateEvent(tx, event.id, form.data, req.user!.id)).catch(slugRace);
    return saved(req, res, { event, values }, result);
  });

  route(app, { method: 'get', path: '/admin/events/:id', policy: 'admin' }, async (req, res) => {
    await eventPage(req, res, 200, await eventOr404(req.params.id));
  });

  route(app, { method: 'post', path: '/admin/events/:id/invitations', policy: 'admin' }, async (req, res) => {
    const event = await eventOr404(req.params.id);
    const values = req.body ?? {};
    const form = parseForm(invitationSchema(event), values, req.t);
    if (!form.ok) return eventPage(req, res, 400, event, { invite: { values, errors: form.errors } });
    const alreadyRegistered = () => eventPage(req, res, 400, event, { invite: { values, errors: { email: req.t('events.invite.alreadyRegistered') } } });
    const result = await dataSource
      .transaction((tx) => invitePerson(tx, event, form.data, req.user!.id, req.locale, new Date()))
      .catch((err) => {
        if (isUniqueViolation(err)) return { ok: false as const, alreadyRegistered: true as const };
        throw err;
      });
    if (!result.ok) return alreadyRegistered();
    flash(req, 'success', 'events.invite.sent', { email: form.data.email });
    res.redirect(303, `/admin/events/${event.id}#registration-${result.id}`);
  });

  route(app, { method: 'post', path: '/admin/events/:id/invite-laureates', policy: 'admin' }, async (req, res) => {
    const event = await eventOr404(req.params.id);
    const result = await dataSource.transaction(async (tx) => {
      const locked = await lockEvent(tx, event.id);
      return locked ? inviteLaureates(tx, locked, req.user!.id, new Date()) : null;
    });
    if (!result) throw notFound();
    if (!result.ok) throw new HttpError(409, `events.laureates.problem.${result.problem}`);
    flash(req, 'success', 'events.laureates.done', { invited: String(result.invited), already: String(result.already) });
    if (!result.withoutEmail.length) return res.redirect(303, `/admin/events/${event.id}#laureates`);
    // those who could not be invited are listed on the page itself (a flash could not hold the names)
    await eventPage(req, res, 200, (await getEvent(m, event.id))!, { withoutEmail: result.withoutEmail });
  });

  type Said = { kind: 'success' | 'error'; key: string; params?: Record<string, unknown> };
  /**
   * An organiser's action on one registration that needs a reason (cancel, undo a check-in): the event and the
   * registration from the URL, the reason from the form (missing: said in a flash, nothing done), then `act` in
   * a transaction, which answers what to say; back to the registration's row either way.
   */
  const actionWithReason = (path: string, reasonMissingKey: string, act: (tx: EntityManager, eventId: number, rid: number, reason: string, actorId: number) => Promise<Said | null>) =>
    route(app, { method: 'post', path: `/admin/events/:id/registrations/:rid/${path}`, policy: 'admin' }, async (req, res) => {
      const event = await eventOr404(req.params.id);
      const rid = parseId(req.params.rid);
      if (!rid) throw notFound();
      const form = parseForm(reasonSchema, req.body, req.t);
      const said: Said | null = form.ok
        ? await dataSource.transaction((tx) => act(tx, event.id, rid, form.data.reason, req.user!.id))
        : { kind: 'error', key: reasonMissingKey };
      if (!said) throw notFound();
      flash(req, said.kind, said.key, said.params);
      res.redirect(303, `/admin/events/${event.id}#registration-${rid}`);
    });

  actionWithReason('cancel', 'events.admin.reasonRequired', async (tx, eventId, rid, reason, actorId) => {
    const result = await cancelByOrganiser(tx, eventId, rid, reason, actorId, new Date());
    if (!result.ok && 'notFound' in result) return null;
    return result.ok ? { kind: 'success', key: 'events.admin.cancelled' } : { kind: 'error', key: 'events.admin.notCancellable' };
  });

  actionWithReason('undo-check-in', 'events.admin.undoReasonRequired', async (tx, eventId, rid, reason, actorId) => {
    const result = await undoCheckIn(tx, actorId, eventId, rid, reason, new Date());
    if (!result.ok) return result.problem === 'notFound' ? null : { kind: 'error', key: 'events.admin.notCheckedIn' };
    return result.revokedCertificate
      ? { kind: 'success', key: 'events.admin.checkInUndoneRevoked', params: { number: result.revokedCertificate } }
      : { kind: 'success', key: 'events.admin.checkInUndone' };
  });
}
