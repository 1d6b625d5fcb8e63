import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import { isUniqueViolation } from '../db/unique-violation';
import { Event } from './event.entity';
import type { EventInput } from './event-forms';
import { slugFromName } from './event-forms';
import { fillFreePlaces, lockEvent, seatedCount } from './registration-lifecycle';

/** A refusal of a save: the field and the catalog key of the message, with its parameters. */
export type EventProblems = Record<string, { key: string; params?: Record<string, string> }>;
export type SaveEventResult = { ok: true; id: number; slug: string } | { ok: false; problems: EventProblems } | { ok: false; notFound: true };

async function slugTaken(m: EntityManager, slug: string, exceptId: number | null): Promise<boolean> {
  const rows = await m.query(`SELECT 1 FROM event WHERE slug = $1 AND id IS DISTINCT FROM $2`, [slug, exceptId]);
  return rows.length > 0;
}

/** The slug typed, or one made from the name (with -2, -3 … when taken). */
async function chooseSlug(m: EntityManager, input: EventInput, exceptId: number | null): Promise<{ slug: string } | { problems: EventProblems }> {
  if (input.slug) return (await slugTaken(m, input.slug, exceptId)) ? { problems: { slug: { key: 'events.validation.slugTaken' } } } : { slug: input.slug };
  const base = slugFromName(input.name);
  for (let n = 1; n < 100; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await slugTaken(m, slug, exceptId))) return { slug };
  }
  return { problems: { slug: { key: 'events.validation.slugTaken' } } };
}

const columns = (input: EventInput, slug: string) => ({
  slug, name: input.name, description: input.description, startsAt: input.startsAt, endsAt: input.endsAt, format: input.format, venue: input.venue,
  joinUrl: input.joinUrl, capacity: input.capacity, registrationOpensAt: input.registrationOpensAt, registrationClosesAt: input.registrationClosesAt,
  participantTypes: input.participantTypes, requiredFields: input.requiredFields, consentText: input.consentText, cycleId: input.cycleId, published: input.published,
});

/** Two saves racing for one slug: the unique index refuses the second (catch it outside the transaction). */
export const slugRace = (err: unknown): SaveEventResult => {
  if (!isUniqueViolation(err)) throw err;
  return { ok: false, problems: { slug: { key: 'events.validation.slugTaken' } } };
};

/** The ceremony's cycle must be an award that exists (the select offers only those; a forged id is refused). */
async function cycleProblem(m: EntityManager, cycleId: number | null): Promise<EventProblems | null> {
  if (cycleId === null) return null;
  const rows = await m.query(`SELECT 1 FROM cycle WHERE id = $1 AND kind = 'award'`, [cycleId]);
  return rows.length ? null : { cycleId: { key: 'validation.invalid' } };
}

export async function createEvent(m: EntityManager, input: EventInput, actorId: number): Promise<SaveEventResult> {
  const badCycle = await cycleProblem(m, input.cycleId);
  if (badCycle) return { ok: false, problems: badCycle };
  const chosen = await chooseSlug(m, input, null);
  if ('problems' in chosen) return { ok: false, problems: chosen.problems };
  const saved = await m.save(Event, m.create(Event, columns(input, chosen.slug)));
  await recordAudit(m, { actorId, entity: 'event', entityId: saved.id, action: 'event.created', data: { slug: saved.slug, published: saved.published } });
  return { ok: true, id: saved.id, slug: saved.slug };
}

/**
 * Saves the organiser's changes under the event's lock: the capacity may not drop below the places already
 * taken; raised, it moves the waiting list up at once.
 */
export async function updateEvent(m: EntityManager, id: number, input: EventInput, actorId: number): Promise<SaveEventResult> {
  const event = await lockEvent(m, id);
  if (!event) return { ok: false, notFound: true };
  const seated = await seatedCount(m, id);
  if (input.capacity < seated) return { ok: false, problems: { capacity: { key: 'events.validation.capacityBelowConfirmed', params: { count: String(seated) } } } };
  const badCycle = await cycleProblem(m, input.cycleId);
  if (badCycle) return { ok: false, problems: badCycle };
  const chosen = await chooseSlug(m, input.slug ? input : { ...input, slug: event.slug }, id);
  if ('problems' in chosen) return { ok: false, problems: chosen.problems };
  // the personal links already mailed carry the slug: once anyone has registered, it stays
  if (chosen.slug !== event.slug && (await m.query(`SELECT 1 FROM registration WHERE event_id = $1 LIMIT 1`, [id])).length) {
    return { ok: false, problems: { slug: { key: 'events.validation.slugFrozen' } } };
  }
  const next = columns(input, chosen.slug);
  const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(event[k]));
  await m.update(Event, { id }, next);
  await recordAudit(m, { actorId, entity: 'event', entityId: id, action: 'event.updated', data: { changed, capacity: input.capacity } });
  if (input.capacity > event.capacity) await fillFreePlaces(m, Object.assign(event, next), { actorId, now: new Date() });
  return { ok: true, id, slug: chosen.slug };
}
