import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import type { Event, ParticipantType } from './event.entity';
import { BADGE_QR_PREFIX } from './badge';
import type { DoorKeeper } from './registrar-scope';
import { isInRegistrationGroup, registrationStatusIn, type RegistrationStatus } from './registration-statuses';

/**
 * Checking in at the door (issue 13). Not a status move: a confirmed registration gets checkedInAt and
 * checkedInById, once. The UPDATE itself carries the condition (confirmed, not yet checked in), so of two
 * registrars tapping at the same moment exactly one succeeds and the other is told «уже отмечен».
 */

/** A person as the door sees them. */
export interface DoorPerson {
  id: number;
  number: number | null;
  status: RegistrationStatus;
  lastName: string;
  firstName: string;
  patronymic: string;
  organisation: string;
  participantType: ParticipantType;
  checkedInAt: Date | null;
  /** the registrar (or admin) who checked them in */
  checkedInBy: string | null;
}

const PERSON_COLUMNS = `r.id, r.number, r.status, r.last_name AS "lastName", r.first_name AS "firstName", r.patronymic,
  r.organisation, r.participant_type AS "participantType", r.checked_in_at AS "checkedInAt", u.full_name AS "checkedInBy"`;
const PERSON_FROM = `registration r LEFT JOIN app_user u ON u.id = r.checked_in_by_id`;

export async function doorPerson(m: EntityManager, eventId: number, registrationId: number): Promise<DoorPerson | null> {
  const rows: DoorPerson[] = await m.query(`SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM} WHERE r.event_id = $1 AND r.id = $2`, [eventId, registrationId]);
  return rows[0] ?? null;
}

/** How many people a surname search lists; a longer list asks for more letters. */
export const SEARCH_LIMIT = 20;

export type DoorQuery = { kind: 'code'; code: string } | { kind: 'number'; number: number } | { kind: 'surname'; prefix: string } | { kind: 'tooShort' };

/**
 * What the registrar typed or the scanner read: the QR's text (LAUREATE-EVENT:<code>), a bare badge code,
 * a number (42, 0042, «№ 42»), or the start of a surname.
 */
export function readDoorQuery(typed: string): DoorQuery {
  const text = typed.trim();
  const code = text.startsWith(BADGE_QR_PREFIX) ? text.slice(BADGE_QR_PREFIX.length) : text;
  const number = /^(?:№|N|No\.?)?\s*0*(\d{1,9})$/i.exec(text);
  if (number && Number(number[1]) > 0) return { kind: 'number', number: Number(number[1]) };
  // badge codes are 16 characters of base64url (12 random bytes); surnames are Cyrillic, or not that long in Latin
  if (/^[A-Za-z0-9_-]{16}$/.test(code)) return { kind: 'code', code };
  if ([...text].length < 2) return { kind: 'tooShort' };
  return { kind: 'surname', prefix: text.slice(0, 100) };
}

export type DoorLookup = { kind: 'person'; id: number } | { kind: 'list'; people: DoorPerson[]; more: boolean } | { kind: 'notFound' } | { kind: 'tooShort' };

/** Finds the person of this event a query names: one (by code or number), a list (by surname), or nobody. */
export async function lookUpAtDoor(m: EntityManager, eventId: number, q: DoorQuery): Promise<DoorLookup> {
  if (q.kind === 'tooShort') return q;
  if (q.kind === 'code' || q.kind === 'number') {
    const [row]: Array<{ id: number }> =
      q.kind === 'code'
        ? await m.query(`SELECT r.id FROM registration r WHERE r.event_id = $1 AND r.badge_code = $2`, [eventId, q.code])
        : await m.query(`SELECT r.id FROM registration r WHERE r.event_id = $1 AND r.number = $2`, [eventId, q.number]);
    return row ? { kind: 'person', id: row.id } : { kind: 'notFound' };
  }
  const pattern = `${q.prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // people who never confirmed their address are not expected at the door: they are not listed
  const people: DoorPerson[] = await m.query(
    `SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM}
      WHERE r.event_id = $1 AND lower(r.last_name) LIKE $2 AND r.number IS NOT NULL
      ORDER BY r.last_name, r.first_name, r.number LIMIT ${SEARCH_LIMIT + 1}`,
    [eventId, pattern],
  );
  if (!people.length) return { kind: 'notFound' };
  return { kind: 'list', people: people.slice(0, SEARCH_LIMIT), more: people.length > SEARCH_LIMIT };
}

/** From a day before the start to a day after the end: the door is open, check-ins are taken. */
const DOOR_OPENS_BEFORE_MS = 24 * 3600 * 1000;
const DOOR_CLOSES_AFTER_MS = 24 * 3600 * 1000;

export type DoorWindow = 'notYet' | 'open' | 'over';

export function doorWindow(event: Pick<Event, 'startsAt' | 'endsAt'>, now: Date): DoorWindow {
  if (now.getTime() < new Date(event.startsAt).getTime() - DOOR_OPENS_BEFORE_MS) return 'notYet';
  if (now.getTime() > new Date(event.endsAt).getTime() + DOOR_CLOSES_AFTER_MS) return 'over';
  return 'open';
}

export const doorOpensAt = (event: Pick<Event, 'startsAt'>) => new Date(new Date(event.startsAt).getTime() - DOOR_OPENS_BEFORE_MS);

export type CheckInResult =
  | { kind: 'checkedIn'; person: DoorPerson }
  | { kind: 'already'; person: DoorPerson }
  | { kind: 'notAdmitted'; person: DoorPerson }
  | { kind: 'closed'; window: Exclude<DoorWindow, 'open'> }
  | { kind: 'notFound' };

/** Checks the person in, once, whoever taps first; audited without personal data (ids and the number). */
export async function checkIn(m: EntityManager, actor: DoorKeeper, event: Event, registrationId: number, now: Date): Promise<CheckInResult> {
  const window = doorWindow(event, now);
  if (window !== 'open') return { kind: 'closed', window };
  // TypeORM answers an UPDATE with [rows, count]
  const [done]: [Array<{ id: number }>, number] = await m.query(
    `UPDATE registration r SET checked_in_at = $3, checked_in_by_id = $4
      WHERE r.event_id = $1 AND r.id = $2 AND ${registrationStatusIn('seated')} AND r.checked_in_at IS NULL RETURNING r.id`,
    [event.id, registrationId, now, actor.id],
  );
  const person = await doorPerson(m, event.id, registrationId);
  if (!person) return { kind: 'notFound' };
  if (!done.length) return person.checkedInAt ? { kind: 'already', person } : { kind: 'notAdmitted', person };
  await recordAudit(m, { actorId: actor.id, entity: 'registration', entityId: registrationId, action: 'registration.checkedIn', data: { eventId: event.id, number: person.number } });
  return { kind: 'checkedIn', person };
}

/** What the door says of a person: may enter, already in, cancelled, waiting, not confirmed. */
export type DoorVerdict = 'admit' | 'already' | 'cancelled' | 'waiting' | 'unconfirmed';

export function verdictOf(p: Pick<DoorPerson, 'status' | 'checkedInAt'>): DoorVerdict {
  if (p.checkedInAt) return 'already';
  if (isInRegistrationGroup('seated', p.status)) return 'admit';
  if (isInRegistrationGroup('waitingList', p.status)) return 'waiting';
  if (isInRegistrationGroup('unconfirmed', p.status)) return 'unconfirmed';
  return 'cancelled';
}
