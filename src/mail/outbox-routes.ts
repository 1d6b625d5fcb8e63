import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { fields, parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import { PAGE_SIZE, queryString } from '../web/paging';
import { PEOPLE_SHOWN } from '../audit/audit-queries';
import { MAIL_KINDS } from './kinds';
import { MAIL_STATUS_LABEL_KEYS, MAIL_STATUSES, type MailStatus } from './statuses';
import { outboxMessageHtml } from './outbox-queries';
import { loadOutboxList, loadOutboxMessage, outboxChoices, resolveRecipients, type RecipientFilter } from './outbox-view';
import { resendMail } from './resend';

const querySchema = z.object({
  status: z.enum(MAIL_STATUSES).optional().catch(undefined),
  kind: z.enum(MAIL_KINDS).optional().catch(undefined),
  /** one person, pinned from their page or from the search's list of matches */
  recipientId: fields.optionalId().catch(undefined),
  /** a name or an address, or the start of one: the messages to the people it finds (and to that address) */
  q: z.string().trim().max(200).optional().catch(undefined),
});

/** A cursor in a link is a message id, as the page wrote it; anything else is refused. */
const cursor = z.string().regex(/^[1-9][0-9]{0,9}$/).transform(Number).pipe(z.number().max(2_147_483_647));
const positionSchema = z.object({ before: cursor.optional(), after: cursor.optional() }).refine((p) => !(p.before && p.after));

/**
 * What the stored HTML of a message may do in its frame: nothing but show itself. `sandbox` gives it an origin
 * of its own with no scripts, forms or navigation of the app; no fetches, no remote images (a tracking pixel
 * would tell the sender the admin read it), only its inline styles and embedded images; framed by the app only.
 */
export const MESSAGE_HTML_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

/** The outbox for the admin: every message Laureate composed, its status, and the message itself as it was sent. */
export function registerOutboxRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;

  route(app, { method: 'get', path: '/admin/outbox', policy: 'admin' }, async (req, res) => {
    const q = querySchema.parse(req.query);
    const position = positionSchema.safeParse({ before: req.query.before, after: req.query.after });
    const recipient: RecipientFilter = q.q ? { typed: q.q } : q.recipientId ? { recipientId: q.recipientId } : null;
    const recipients = await resolveRecipients(m, recipient);
    // the filters every link of the page keeps: the typed text, or the person pinned from a list of matches
    const kept = { status: q.status, kind: q.kind, q: q.q, recipientId: q.q ? undefined : q.recipientId };
    const hrefOf = (at: { before?: number; after?: number; status?: MailStatus | null } = {}) =>
      `/admin/outbox${queryString({ ...kept, status: at.status === null ? undefined : (at.status ?? kept.status), before: at.before, after: at.after })}`;
    const base = {
      title: req.t('outbox.title'),
      values: { ...q, q: recipients.shown },
      ...outboxChoices(req.locale),
      matches: recipients.matches.map((p) => ({ ...p, roleKey: `roles.${p.role}`, href: `/admin/outbox${queryString({ ...kept, q: undefined, recipientId: p.id })}` })),
      recipientError: recipients.problem === 'tooMany'
        ? req.t('outbox.filter.tooMany', { typed: recipients.shown, max: PEOPLE_SHOWN })
        : recipients.problem === 'nobody' ? req.t('outbox.filter.nobody', { typed: recipients.shown }) : null,
      newestHref: hrefOf(),
    };
    if (!position.success) return res.status(400).render('admin/outbox/list', { ...base, rows: [], invalid: true, badCursor: true });
    if (recipients.problem === 'tooMany') return res.status(400).render('admin/outbox/list', { ...base, rows: [], invalid: true });

    const at = position.data;
    const list = await loadOutboxList(m, { status: q.status, kind: q.kind, ...recipients.filter }, at, PAGE_SIZE, req.locale);
    res.render('admin/outbox/list', {
      ...base,
      ...list,
      counts: list.counts.map((c) => ({ ...c, href: hrefOf({ status: c.status }), current: c.status === q.status })),
      allHref: hrefOf({ status: null }),
      // not `nav`: the layout's header reads its menu from that name
      pages: {
        newest: at.before || at.after ? hrefOf() : null,
        newer: list.newer ? hrefOf({ after: list.newer }) : null,
        older: list.older ? hrefOf({ before: list.older }) : null,
      },
    });
  });

  const messagePage = async (req: Request, res: Response, status: number, id: number | null, extra: Record<string, unknown> = {}) => {
    const message = id ? await loadOutboxMessage(m, id, req.locale) : null;
    if (!message) throw notFound();
    res.status(status).render('admin/outbox/message', { title: message.subject, message, ...extra });
  };

  route(app, { method: 'get', path: '/admin/outbox/:id', policy: 'admin' }, async (req, res) => {
    await messagePage(req, res, 200, parseId(req.params.id));
  });

  route(app, { method: 'get', path: '/admin/outbox/:id/html', policy: 'admin' }, async (req, res) => {
    const id = parseId(req.params.id);
    const html = id ? await outboxMessageHtml(m, id) : null;
    if (html === null) throw notFound();
    res.setHeader('Content-Security-Policy', MESSAGE_HTML_CSP);
    res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    res.type('html').send(html);
  });

  route(app, { method: 'post', path: '/admin/outbox/:id/resend', policy: 'admin' }, async (req, res) => {
    const id = parseId(req.params.id);
    if (!id) throw notFound();
    const outcome = await dataSource.transaction((tx) => resendMail(tx, id, req.user!.id));
    if (!outcome.ok && 'notFound' in outcome) throw notFound();
    if (!outcome.ok) {
      const error = req.t('outbox.resend.refused', { status: req.t(MAIL_STATUS_LABEL_KEYS[outcome.status]) });
      return messagePage(req, res, 409, id, { resendError: error });
    }
    flash(req, 'success', 'outbox.resend.done');
    res.redirect(303, `/admin/outbox/${id}`);
  });
}
