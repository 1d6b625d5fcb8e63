import type { EntityManager } from 'typeorm';
import { pager, queryString } from '../web/paging';
import { PUBLIC_STATUSES } from '../results/cycle-lock';
import { PARTICIPANT_TYPES, type Event } from './event.entity';
import { listRegistrations, registrationCounts, type RegistrationFilter } from './registration-queries';
import { REGISTRATION_STATUSES, canMoveRegistration, registrationStatusKey } from './registration-statuses';
import { typeChoices } from './registration-form';
import { eventAfterwardsView } from './afterwards-view';
import { checkinSummary } from './checkin-summary';

/**
 * The admin's page of one event: details, counters, the registrations (filtered, paged), the invitation forms.
 * Other parts of the events domain add their data here, one line each (check-in, afterwards).
 */
export async function eventPageView(m: EntityManager, event: Event, filter: RegistrationFilter) {
  const counts = await registrationCounts(m, event.id);
  const list = await listRegistrations(m, event.id, filter);
  const keep = { surname: filter.surname, status: filter.status, type: filter.type };
  const [cycle] = event.cycleId ? await m.query(`SELECT id, name, status FROM cycle WHERE id = $1`, [event.cycleId]) : [];
  return {
    event,
    formatKey: `events.formats.${event.format}`,
    typeLabels: event.participantTypes.map((p) => ({ labelKey: `events.types.${p.type}`, selfService: p.selfService })),
    counts,
    placesLeft: Math.max(0, event.capacity - counts.confirmed),
    cycle: cycle ? { id: cycle.id, name: cycle.name } : null,
    mayInviteLaureates: !!cycle && PUBLIC_STATUSES.includes(cycle.status) && event.participantTypes.some((p) => p.type === 'laureate'),
    filter: {
      ...keep,
      statuses: REGISTRATION_STATUSES.map((s) => ({ value: s, labelKey: registrationStatusKey(s), selected: filter.status === s })),
      types: PARTICIPANT_TYPES.map((t) => ({ value: t, labelKey: `events.types.${t}`, selected: filter.type === t })),
      active: !!(filter.surname || filter.status || filter.type),
    },
    registrations: list.rows.map((r) => ({
      ...r,
      statusKey: registrationStatusKey(r.status),
      typeKey: `events.types.${r.participantType}`,
      mayCancel: canMoveRegistration('cancel', r.status),
    })),
    pager: pager(list.total, list.page, (page) => `/admin/events/${event.id}${queryString({ ...keep, page: page > 1 ? page : null })}#registrations`),
    inviteTypes: typeChoices(event, null, false),
    checkin: await checkinSummary(m, event),
    afterwards: await eventAfterwardsView(m, event),
  };
}
