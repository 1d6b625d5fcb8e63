import type { EntityManager } from 'typeorm';
import type { Event } from './event.entity';
import { doorCounters } from './checkin-counters';
import { countersView } from './checkin-view';
import { eventRegistrars, registrarCandidates } from './registrars';

/** The «Вход и бейджи» part of the admin's event page: registrars, live counters, badge sheets, the door. */
export async function checkinSummary(m: EntityManager, event: Event) {
  const counters = countersView(event, await doorCounters(m, event));
  return {
    registrars: await eventRegistrars(m, event.id),
    candidates: await registrarCandidates(m, event.id),
    counters,
    // a sheet per type the event admits, for printing each type on its own stock if wanted
    sheetTypes: counters.byType.filter((t) => t.registered > 0).map((t) => ({ type: t.type, labelKey: t.labelKey })),
  };
}
