import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { csrfToken } from '../web/csrf';
import { parseForm, type FieldErrors } from '../web/forms';
import { HttpError, notFound } from '../web/http-error';
import { isUniqueViolation } from '../db/unique-violation';
import type { Event } from './event.entity';
import { getEventBySlug } from './events-query';
import { findRegistrationByToken, registrationCounts } from './registration-queries';
import { OTHER_MUNICIPALITY, registrationSchema, selfServiceTypes, typeChoices } from './registration-form';
import { register } from './registrations';
import { actOnRegistration } from './registrant-actions';
import { registrantPageView } from './registrant-page';
import { registrantPath, isWellFormedToken } from './registration-links';
import { registrationWindow } from './registration-window';

type FormState = { values: Record<string, unknown>; errors?: FieldErrors; formError?: string };

/**
 * The public side of events (issue 13): the event's page with the registration form, the «check your mail»
 * answer, and the registrant's own page behind their personal link (confirm, accept, cancel — all POST, so a
 * mail scanner following the link changes nothing).
 */
export function registerEventPublicRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;

  const publishedOr404 = async (slug: unknown) => {
    const event = typeof slug === 'string' ? await getEventBySlug(m, slug) : null;
    if (!event || !event.published) throw notFound();
    return event;
  };

  const region = async () => {
    const [r] = await m.query(`SELECT id, name FROM region ORDER BY id LIMIT 1`);
    const municipalities: Array<{ id: number; name: string }> = r ? await m.query(`SELECT id, name FROM municipality WHERE region_id = $1 ORDER BY name`, [r.id]) : [];
    return { name: (r?.name as string) ?? '', municipalities };
  };

  const eventPage = async (req: Request, res: Response, status: number, event: Event, state: FormState) => {
    const counts = await registrationCounts(m, event.id);
    const window = registrationWindow(event, new Date());
    const { municipalities } = await region();
    const types = selfServiceTypes(event);
    res.status(status).render('events/event', {
      title: event.name,
      event,
      online: event.format === 'online',
      hybrid: event.format === 'hybrid',
      placesLeft: Math.max(0, event.capacity - counts.confirmed),
      notYetOpen: window === 'notYetOpen',
      closed: window === 'closed',
      noTypes: window === 'open' && !types.length,
      open: window === 'open' && types.length > 0,
      required: Object.fromEntries(event.requiredFields.map((f) => [f, true])),
      municipalities: municipalities.map((mu) => ({ ...mu, selected: String(state.values.municipality ?? '') === String(mu.id) })),
      otherSelected: state.values.municipality === OTHER_MUNICIPALITY,
      types: typeChoices(event, state.values.participantType, true),
      // a session (for the form's token) only where there is a form to send
      csrfToken: window === 'open' && types.length ? csrfToken(req) : undefined,
      ...state,
    });
  };

  route(app, { method: 'get', path: '/events/:slug', policy: 'public' }, async (req, res) => {
    const event = await publishedOr404(req.params.slug);
    await eventPage(req, res, 200, event, { values: { region: (await region()).name } });
  });

  route(app, { method: 'post', path: '/events/:slug/register', policy: 'public' }, async (req, res) => {
    const event = await publishedOr404(req.params.slug);
    const values = req.body ?? {};
    const window = registrationWindow(event, new Date());
    if (window !== 'open') return eventPage(req, res, 409, event, { values, formError: req.t(`events.public.refused.${window}`) });
    const { municipalities } = await region();
    const form = parseForm(registrationSchema(event, municipalities.map((mu) => mu.id)), values, req.t);
    if (!form.ok) return eventPage(req, res, 400, event, { values, errors: form.errors });
    await dataSource.transaction((tx) => register(tx, event, form.data, req.locale, new Date())).catch((err) => {
      // the same address sent twice at the same moment: the unique index kept one, and the answer is the same
      if (!isUniqueViolation(err)) throw err;
    });
    res.render('events/check-mail', { title: req.t('events.checkMail.title'), event });
  });

  // the personal link: of a draft event too (an invitation may come before publication)
  const registrantOr404 = async (req: Request) => {
    const event = typeof req.params.slug === 'string' ? await getEventBySlug(m, req.params.slug) : null;
    const token = req.params.token;
    if (!event || !isWellFormedToken(token)) throw notFound();
    const registration = await findRegistrationByToken(m, event.id, token);
    if (!registration) throw notFound();
    return { event, registration, token };
  };

  const registrantPage = async (req: Request, res: Response, status: number, errors?: FieldErrors) => {
    const { event, registration, token } = await registrantOr404(req);
    res.status(status).render('events/registrant', {
      title: req.t('events.registrant.title'),
      ...(await registrantPageView(m, event, registration, token, new Date())),
      csrfToken: csrfToken(req),
      errors,
    });
  };

  route(app, { method: 'get', path: '/events/:slug/r/:token', policy: 'public' }, async (req, res) => {
    // a personal page: never kept by a shared cache, never sent on as a referrer
    res.setHeader('Referrer-Policy', 'no-referrer');
    await registrantPage(req, res, 200);
  });

  for (const action of ['confirm', 'accept', 'cancel'] as const) {
    route(app, { method: 'post', path: `/events/:slug/r/:token/${action}`, policy: 'public' }, async (req, res) => {
      const { event, token } = await registrantOr404(req);
      if (action === 'accept' && !['on', '1', 'true'].includes(String(req.body?.consent ?? ''))) {
        return registrantPage(req, res, 400, { consent: req.t('events.validation.consent') });
      }
      const result = await dataSource.transaction((tx) => actOnRegistration(tx, event.id, token, action, new Date()));
      if (!result.ok && 'notFound' in result) throw notFound();
      if (!result.ok && 'over' in result) throw new HttpError(409, 'events.registrant.overError');
      // done, or already done by an earlier click: the page says where the registration stands
      res.redirect(303, registrantPath(event.slug, token));
    });
  }
}
