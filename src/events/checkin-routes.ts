import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import { sendPdf } from '../certificates/responses';
import type { Event } from './event.entity';
import { doorEvent, doorKeeperOf, eventsForRegistrar } from './registrar-scope';
import { checkIn, doorOpensAt, doorPerson, doorWindow, lookUpAtDoor, readDoorQuery } from './checkin';
import { doorCounters } from './checkin-counters';
import { countersView, doorCard, doorListItem, notFoundCard } from './checkin-view';
import { badgeFileName } from './badge-routes';
import { renderBadge } from './badge';
import { getRegistration } from './registration-queries';
import { isInRegistrationGroup } from './registration-statuses';

/**
 * The door of an event (issue 13), phone-first: /checkin lists the events this person keeps the door of,
 * /checkin/:eventId scans (public/js/checkin.js) or finds a person by number, code or surname, and their card
 * checks them in with one tap. Every event is reached through doorEvent(): another event's door is 404.
 */
export function registerCheckinRoutes(app: Express, dataSource: DataSource, timeZone: string): void {
  const m = dataSource.manager;

  const eventOr404 = async (req: Request): Promise<Event> => {
    const id = parseId(req.params.eventId);
    const event = id ? await doorEvent(m, doorKeeperOf(req.user), id) : null;
    if (!event) throw notFound();
    return event;
  };

  const doorPage = async (req: Request, res: Response, event: Event, status: number, extra: Record<string, unknown> = {}) => {
    const window = doorWindow(event, new Date());
    res.status(status).render('checkin/door', {
      title: `${req.t('checkin.door.title')} · ${event.name}`,
      event,
      counters: countersView(event, await doorCounters(m, event)),
      notYet: window === 'notYet',
      over: window === 'over',
      opensAt: doorOpensAt(event),
      ...extra,
    });
  };

  /** The door page with one person's card: what the door says of them, and the button when they may enter. */
  const cardPage = async (req: Request, res: Response, event: Event, registrationId: number | null, status: number, justCheckedIn = false) => {
    const person = registrationId ? await doorPerson(m, event.id, registrationId) : null;
    if (!person) throw notFound();
    await doorPage(req, res, event, status, { card: doorCard(event, person, doorWindow(event, new Date()), req.locale, timeZone, justCheckedIn) });
  };

  route(app, { method: 'get', path: '/checkin', policy: 'door' }, async (req, res) => {
    const actor = doorKeeperOf(req.user);
    const events = await eventsForRegistrar(m, actor, new Date());
    res.render('checkin/index', { title: req.t('checkin.door.events'), events, noEventsKey: actor.kind === 'admin' ? 'checkin.door.noEventsAdmin' : 'checkin.door.noEvents' });
  });

  route(app, { method: 'get', path: '/checkin/:eventId', policy: 'door' }, async (req, res) => {
    const event = await eventOr404(req);
    const typed = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '';
    if (!typed.trim()) return doorPage(req, res, event, 200);
    const found = await lookUpAtDoor(m, event.id, readDoorQuery(typed));
    if (found.kind === 'person') return res.redirect(303, `/checkin/${event.id}/r/${found.id}`);
    if (found.kind === 'tooShort') return doorPage(req, res, event, 400, { q: typed, findError: req.t('checkin.door.tooShort') });
    if (found.kind === 'notFound') return doorPage(req, res, event, 404, { q: typed, card: notFoundCard(req.locale) });
    await doorPage(req, res, event, 200, { q: typed, results: found.people.map((p) => doorListItem(event, p, req.locale)), more: found.more });
  });

  route(app, { method: 'get', path: '/checkin/:eventId/r/:rid', policy: 'door' }, async (req, res) => {
    // ?done: the redirect after this registrar's own successful tap
    await cardPage(req, res, await eventOr404(req), parseId(req.params.rid), 200, req.query.done === '1');
  });

  route(app, { method: 'post', path: '/checkin/:eventId/r/:rid', policy: 'door' }, async (req, res) => {
    const event = await eventOr404(req);
    const rid = parseId(req.params.rid);
    if (!rid) throw notFound();
    const result = await dataSource.transaction((tx) => checkIn(tx, doorKeeperOf(req.user), event, rid, new Date()));
    if (result.kind === 'notFound') throw notFound();
    if (result.kind === 'checkedIn') return res.redirect(303, `/checkin/${event.id}/r/${rid}?done=1`);
    // already in, not admitted, or the door not open: the card says which, with 409
    await cardPage(req, res, event, rid, 409);
  });

  route(app, { method: 'get', path: '/checkin/:eventId/r/:rid/badge.pdf', policy: 'door' }, async (req, res) => {
    const event = await eventOr404(req);
    const rid = parseId(req.params.rid);
    const r = rid ? await getRegistration(m, event.id, rid) : null;
    if (!r || !r.badgeCode || !isInRegistrationGroup('seated', r.status)) throw notFound();
    sendPdf(res, await renderBadge(r, event, 'single', timeZone), { ...badgeFileName(r, req.t('checkin.badge.fileName')), cache: 'private, no-store' });
  });

  route(app, { method: 'get', path: '/checkin/:eventId/counters.json', policy: 'door' }, async (req, res) => {
    const event = await eventOr404(req);
    res.setHeader('Cache-Control', 'private, no-store');
    res.json(await doorCounters(m, event));
  });
}
