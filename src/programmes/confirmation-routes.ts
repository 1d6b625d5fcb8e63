import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { csrfToken } from '../web/csrf';
import { fields, parseForm } from '../web/forms';
import { phaseKeys } from '../cycles/phases';
import { formatDate, formatDateTime, zoneName } from '../web/format';
import { confirmOffer, declineOffer, findOffer, type OfferState } from './offer-link';

const declineSchema = z.object({
  reason: fields.optionalText(2000),
  sure: z.literal('1', { error: 'programmeConfirmation.offer.decline.sureMissing' }),
});

type Refusal = Exclude<OfferState, { state: 'valid' }>;

/** How each dead link answers: spent or unknown is not found, expired or moved is gone, a later phase a conflict. */
const STATUS: Record<Refusal['state'], number> = { used: 404, expired: 410, moved: 410, closed: 409 };

function refuse(req: Request, res: Response, s: Refusal): void {
  const reason =
    s.state === 'expired'
      ? req.t('programmeConfirmation.invalid.expired', { time: formatDateTime(s.expiresAt, req.locale, res.locals.timeZone), zone: zoneName(res.locals.timeZone, req.locale) })
      : s.state === 'closed'
        ? req.t('programmeConfirmation.invalid.closed', { cycle: s.cycleName, phase: req.t(phaseKeys('programme', s.phase).label) })
        : req.t(`programmeConfirmation.invalid.${s.state}`);
  res.status(STATUS[s.state]).render('public/participation-invalid', { title: req.t('programmeConfirmation.invalid.title'), reason });
}

/**
 * The one-time link of an offered place (issue 12), public: the person has no account, the link is their key.
 * The page shows the offer with «Подтверждаю участие» and «Отказываюсь»; both are POSTs (a mail scanner's GET
 * answers nothing) and each is one transaction.
 */
export function registerConfirmationRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;
  const title = (req: Request) => req.t('programmeConfirmation.offer.title');

  route(app, { method: 'get', path: '/participation/:token', policy: 'public' }, async (req, res) => {
    const token = String(req.params.token);
    const found = await findOffer(m, token);
    if (found.state !== 'valid') return refuse(req, res, found);
    res.render('public/participation', { title: title(req), csrfToken: csrfToken(req), offer: found.offer, token, values: {} });
  });

  route(app, { method: 'post', path: '/participation/:token/confirm', policy: 'public' }, async (req, res) => {
    const done = await dataSource.transaction((tx) => confirmOffer(tx, String(req.params.token)));
    if (done.state !== 'valid') return refuse(req, res, done);
    const o = done.offer;
    res.render('public/participation-answered', {
      title: req.t('programmeConfirmation.answered.confirmedTitle'),
      heading: req.t('programmeConfirmation.answered.confirmedTitle'),
      message: req.t('programmeConfirmation.answered.confirmed', { track: o.trackName, host: o.hostInstitution, start: dateOf(req, res, o.startDate), end: dateOf(req, res, o.endDate) }),
    });
  });

  route(app, { method: 'post', path: '/participation/:token/decline', policy: 'public' }, async (req, res) => {
    const token = String(req.params.token);
    const form = parseForm(declineSchema, req.body, req.t);
    if (!form.ok) {
      const found = await findOffer(m, token);
      if (found.state !== 'valid') return refuse(req, res, found);
      const values = { reason: typeof req.body?.reason === 'string' ? req.body.reason : '', sure: req.body?.sure === '1' };
      return res.status(400).render('public/participation', { title: title(req), csrfToken: csrfToken(req), offer: found.offer, token, values, errors: form.errors });
    }
    const done = await dataSource.transaction((tx) => declineOffer(tx, token, form.data.reason));
    if (done.state !== 'valid') return refuse(req, res, done);
    res.render('public/participation-answered', {
      title: req.t('programmeConfirmation.answered.declinedTitle'),
      heading: req.t('programmeConfirmation.answered.declinedTitle'),
      message: req.t('programmeConfirmation.answered.declined', { track: done.offer.trackName }),
    });
  });
}

const dateOf = (req: Request, res: Response, day: string) => formatDate(day, req.locale, res.locals.timeZone);
