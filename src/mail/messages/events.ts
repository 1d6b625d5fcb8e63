import type { EntityManager } from 'typeorm';
import { subscribeInTransaction } from '../../domain-events/bus';
import { Event } from '../../events/event.entity';
import { Registration } from '../../events/registration.entity';
import { registrantPath } from '../../events/registration-links';
import { isLocale, DEFAULT_LOCALE } from '../../web/i18n';
import { fullName } from '../../text/normalise';
import { composeMail } from '../compose';
import { enqueueMail } from '../outbox';
import type { MailKind } from '../kinds';

/**
 * The mail of event registrations (issue 13). Registrants are not users: each letter goes to the address of
 * the registration, in the language of its form. Enqueued in the transaction of the move, so a rolled-back
 * move mails nothing; the personal link's token comes with the domain event (the database keeps its hash).
 */
async function mailRegistrant(m: EntityManager, registrationId: number, kind: MailKind, key: string, extra: (e: Event) => Record<string, unknown>) {
  const r = await m.findOne(Registration, { where: { id: registrationId } });
  const event = r && (await m.findOne(Event, { where: { id: r.eventId } }));
  if (!r || !event) return;
  const language = isLocale(r.language) ? r.language : DEFAULT_LOCALE;
  const name = fullName(r);
  const data = {
    name: [r.firstName, r.patronymic].filter(Boolean).join(' ') || name,
    eventName: event.name,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    venue: event.venue,
    online: event.format !== 'in_person',
    number: r.number,
    ...extra(event),
  };
  await enqueueMail(m, { kind, to: { userId: null, email: r.email, name }, language, idempotencyKey: key, content: composeMail(kind, language, data) });
}

// one letter per link: a new link is a new letter (the key carries the start of the token)
subscribeInTransaction('registration.requested', (e, m) =>
  mailRegistrant(m, e.registrationId, 'event_confirm', `event_confirm:${e.registrationId}:${e.token.slice(0, 12)}`, (ev) => ({ path: registrantPath(ev.slug, e.token) })),
);

subscribeInTransaction('registration.repeated', (e, m) =>
  mailRegistrant(m, e.registrationId, 'event_already_registered', `event_already_registered:${e.registrationId}:${e.token.slice(0, 12)}`, (ev) => ({ path: registrantPath(ev.slug, e.token) })),
);

subscribeInTransaction('registration.invited', (e, m) =>
  mailRegistrant(m, e.registrationId, 'event_invitation', `event_invitation:${e.registrationId}`, (ev) => ({ path: registrantPath(ev.slug, e.token) })),
);

subscribeInTransaction('registration.placed', (e, m) => {
  const kind: MailKind = e.promoted ? 'event_promoted' : e.seated ? 'event_confirmed' : 'event_waiting';
  return mailRegistrant(m, e.registrationId, kind, `${kind}:${e.registrationId}`, (ev) => ({ path: e.token ? registrantPath(ev.slug, e.token) : null }));
});

subscribeInTransaction('registration.joinLinkReleased', (e, m) =>
  mailRegistrant(m, e.registrationId, 'event_join_link', `event_join_link:${e.registrationId}`, (ev) => ({ joinUrl: ev.joinUrl })),
);
