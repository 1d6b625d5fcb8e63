import type { Express } from 'express';
import QRCode from 'qrcode';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { parseId } from '../web/forms';
import { HttpError, notFound } from '../web/http-error';
import { sendPdf } from '../certificates/responses';
import { PARTICIPANT_TYPES, type ParticipantType } from './event.entity';
import { getEvent, getEventBySlug } from './events-query';
import { findRegistrationByToken, getRegistration } from './registration-queries';
import type { Registration } from './registration.entity';
import { isInRegistrationGroup } from './registration-statuses';
import { badgePeople } from './badge-queries';
import { badgeQrPayload, renderBadge, renderBadges } from './badge';

/** «Бейдж 0042 Иванова.pdf», without characters file systems refuse. */
export function badgeFileName(r: Pick<Registration, 'number' | 'lastName'>, word: string): { fileName: string; asciiFallback: string } {
  const number = String(r.number ?? '').padStart(4, '0');
  const name = `${word} ${number} ${r.lastName}`.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
  return { fileName: `${name}.pdf`, asciiFallback: `badge-${number}.pdf` };
}

/**
 * Badges (issue 13): the registrant's own (by the personal link), its QR code as an image for the registrant's
 * page, and the admin's — one person's, or sheets of everyone confirmed (optionally of one type).
 */
export function registerBadgeRoutes(app: Express, dataSource: DataSource, timeZone: string): void {
  const m = dataSource.manager;

  /** The registrant's confirmed registration; a place not (or no longer) held has no badge: 409 with why. */
  const registrantSeated = async (slug: unknown, token: unknown) => {
    const event = typeof slug === 'string' ? await getEventBySlug(m, slug) : null;
    const r = event ? await findRegistrationByToken(m, event.id, token) : null;
    if (!event || !r) throw notFound();
    if (!isInRegistrationGroup('seated', r.status) || !r.badgeCode) throw new HttpError(409, 'checkin.badge.notConfirmed');
    return { event, r };
  };

  route(app, { method: 'get', path: '/events/:slug/r/:token/badge.pdf', policy: 'public' }, async (req, res) => {
    const { event, r } = await registrantSeated(req.params.slug, req.params.token);
    const pdf = await renderBadge(r, event, 'single', timeZone);
    sendPdf(res, pdf, { ...badgeFileName(r, req.t('checkin.badge.fileName')), cache: 'private, no-store' });
  });

  route(app, { method: 'get', path: '/events/:slug/r/:token/qr.png', policy: 'public' }, async (req, res) => {
    const { r } = await registrantSeated(req.params.slug, req.params.token);
    const png = await QRCode.toBuffer(badgeQrPayload(r.badgeCode!), { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 8 });
    res.setHeader('Content-Type', 'image/png');
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(png);
  });

  route(app, { method: 'get', path: '/admin/events/:id/badges.pdf', policy: 'admin' }, async (req, res) => {
    const id = parseId(req.params.id);
    const event = id ? await getEvent(m, id) : null;
    if (!event) throw notFound();
    const type = typeof req.query.type === 'string' && (PARTICIPANT_TYPES as readonly string[]).includes(req.query.type) ? (req.query.type as ParticipantType) : null;
    const { pdf } = await renderBadges(await badgePeople(m, event.id, type), event, 'sheet', timeZone);
    const word = req.t('checkin.badge.sheetFileName');
    const suffix = type ? ` ${req.t(`checkin.types.${type}`)}` : '';
    sendPdf(res, pdf, { fileName: `${word} ${event.name}${suffix}.pdf`.replace(/[\\/:*?"<>|]/g, ' '), asciiFallback: `badges-${event.slug}${type ? `-${type}` : ''}.pdf`, cache: 'private, no-store' });
  });

  route(app, { method: 'get', path: '/admin/events/:id/registrations/:rid/badge.pdf', policy: 'admin' }, async (req, res) => {
    const id = parseId(req.params.id);
    const rid = parseId(req.params.rid);
    const event = id ? await getEvent(m, id) : null;
    const r = event && rid ? await getRegistration(m, event.id, rid) : null;
    if (!event || !r) throw notFound();
    if (!isInRegistrationGroup('seated', r.status) || !r.badgeCode) throw new HttpError(409, 'checkin.badge.notConfirmed');
    const pdf = await renderBadge(r, event, 'single', timeZone);
    sendPdf(res, pdf, { ...badgeFileName(r, req.t('checkin.badge.fileName')), cache: 'private, no-store' });
  });
}
