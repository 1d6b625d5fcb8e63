import type { EntityManager } from 'typeorm';
import { allows } from '../auth/policies';
import type { SessionUser } from '../auth/session-user';
import { Event } from './event.entity';

/**
 * Who may stand at an event's door, and which events: one scoped query for reads and writes alike. A registrar
 * sees only the events bound to them (event_registrar), the admin every event; any other event is simply not
 * found (404), so a registrar of one congress learns nothing of another.
 */
export interface DoorKeeper {
  readonly kind: 'admin' | 'registrar';
  readonly id: number;
}

/** The person at the door in a request that passed the `door` policy. */
export function doorKeeperOf(user: SessionUser | undefined): DoorKeeper {
  if (!user || !allows('door', user)) throw new Error('doorKeeperOf: the route does not declare the door policy');
  return { kind: user.role === 'admin' ? 'admin' : 'registrar', id: user.id };
}

/** How long after its end an event still shows on the door's list (a late certificate question, a last count). */
const LISTED_AFTER_END_MS = 24 * 3600 * 1000;

/**
 * The events on this person's door list, soonest first: a registrar's bound events, the admin's every event
 * not yet over (a day's grace after the end).
 */
export function eventsForRegistrar(m: EntityManager, actor: DoorKeeper, now: Date): Promise<Event[]> {
  const q = m.createQueryBuilder(Event, 'e').where('e.ends_at >= :since', { since: new Date(now.getTime() - LISTED_AFTER_END_MS) });
  if (actor.kind === 'registrar') q.andWhere('EXISTS (SELECT 1 FROM event_registrar er WHERE er.event_id = e.id AND er.user_id = :me)', { me: actor.id });
  return q.orderBy('e.starts_at', 'ASC').addOrderBy('e.id', 'ASC').limit(200).getMany();
}

/** One event whose door this person may keep (bound, or admin), whenever it is; else null. */
export function doorEvent(m: EntityManager, actor: DoorKeeper, eventId: number): Promise<Event | null> {
  const q = m.createQueryBuilder(Event, 'e').where('e.id = :eventId', { eventId });
  if (actor.kind === 'registrar') q.andWhere('EXISTS (SELECT 1 FROM event_registrar er WHERE er.event_id = e.id AND er.user_id = :me)', { me: actor.id });
  return q.getOne();
}
