import type { EntityManager } from 'typeorm';
import { Event } from './event.entity';

/** One event by id, published or not (admins and registrars see drafts). */
export function getEvent(m: EntityManager, id: number): Promise<Event | null> {
  return m.findOne(Event, { where: { id } });
}

/** One event by its public slug, published or not: the public routes check `published` themselves. */
export function getEventBySlug(m: EntityManager, slug: string): Promise<Event | null> {
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return Promise.resolve(null);
  return m.findOne(Event, { where: { slug } });
}

/** Every event for the admin's list, soonest last-created first. */
export function listEvents(m: EntityManager): Promise<Event[]> {
  return m.find(Event, { order: { startsAt: 'DESC', id: 'DESC' } });
}

/** Published events whose registration is open now or still to open (the home page lists them). */
export function upcomingPublicEvents(m: EntityManager, now: Date): Promise<Event[]> {
  return m
    .createQueryBuilder(Event, 'e')
    .where('e.published AND e.registration_closes_at > :now', { now })
    .orderBy('e.starts_at', 'ASC')
    .addOrderBy('e.id', 'ASC')
    .limit(20)
    .getMany();
}

/** Award cycles an event may be the ceremony of (the form's select). */
export function cycleChoices(m: EntityManager): Promise<Array<{ id: number; name: string }>> {
  return m.query(`SELECT id, name FROM cycle WHERE kind = 'award' ORDER BY year DESC, id DESC`);
}
