import type { EntityManager } from 'typeorm';
import { PAGE_SIZE, lastPage } from '../web/paging';
import { PARTICIPANT_TYPES, type ParticipantType } from './event.entity';
import { Registration } from './registration.entity';
import { hashRegistrationToken, isWellFormedToken } from './registration-links';
import { REGISTRATION_STATUSES, type RegistrationStatus } from './registration-statuses';

export type RegistrationCounts = Record<RegistrationStatus, number>;

const zero = (): RegistrationCounts => Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, 0])) as RegistrationCounts;

/** How many registrations of each event are in each status (events with none get zeros). */
export async function registrationCountsByEvent(m: EntityManager, eventIds: number[]): Promise<Map<number, RegistrationCounts>> {
  const out = new Map(eventIds.map((id) => [id, zero()]));
  if (!eventIds.length) return out;
  const rows: Array<{ event_id: number; status: RegistrationStatus; n: number }> = await m.query(
    `SELECT event_id, status, count(*)::int AS n FROM registration WHERE event_id = ANY($1::int[]) GROUP BY event_id, status`,
    [eventIds],
  );
  for (const r of rows) out.get(r.event_id)![r.status] = r.n;
  return out;
}

export async function registrationCounts(m: EntityManager, eventId: number): Promise<RegistrationCounts> {
  return (await registrationCountsByEvent(m, [eventId])).get(eventId)!;
}

/** The admin's filters of an event's registrations, as read from the query string (anything unknown is «all»). */
export interface RegistrationFilter {
  surname: string;
  status: RegistrationStatus | '';
  type: ParticipantType | '';
  page: number;
}

export function registrationFilter(query: Record<string, unknown>, page: number): RegistrationFilter {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 100) : '');
  const status = text(query.status);
  const type = text(query.type);
  return {
    surname: text(query.surname),
    status: (REGISTRATION_STATUSES as readonly string[]).includes(status) ? (status as RegistrationStatus) : '',
    type: (PARTICIPANT_TYPES as readonly string[]).includes(type) ? (type as ParticipantType) : '',
    page,
  };
}

export interface RegistrationRow {
  id: number;
  number: number | null;
  status: RegistrationStatus;
  lastName: string;
  firstName: string;
  patronymic: string;
  email: string;
  organisation: string;
  participantType: ParticipantType;
  createdAt: Date;
  checkedInAt: Date | null;
}

/** One page of an event's registrations, filtered, in order of number (unconfirmed ones last, newest first). */
export async function listRegistrations(m: EntityManager, eventId: number, f: RegistrationFilter): Promise<{ rows: RegistrationRow[]; total: number; page: number }> {
  const where = ['r.event_id = $1'];
  const params: unknown[] = [eventId];
  if (f.surname) {
    params.push(`${f.surname.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`lower(r.last_name) LIKE $${params.length}`);
  }
  if (f.status) {
    params.push(f.status);
    where.push(`r.status = $${params.length}`);
  }
  if (f.type) {
    params.push(f.type);
    where.push(`r.participant_type = $${params.length}`);
  }
  const [{ n: total }] = await m.query(`SELECT count(*)::int AS n FROM registration r WHERE ${where.join(' AND ')}`, params);
  // a page past the end shows the end
  const page = Math.min(f.page, lastPage(total));
  const rows = await m.query(
    `SELECT r.id, r.number, r.status, r.last_name AS "lastName", r.first_name AS "firstName", r.patronymic, r.email,
            r.organisation, r.participant_type AS "participantType", r.created_at AS "createdAt", r.checked_in_at AS "checkedInAt"
       FROM registration r WHERE ${where.join(' AND ')}
      ORDER BY r.number NULLS LAST, r.created_at DESC, r.id DESC LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`,
    params,
  );
  return { rows, total, page };
}

/** The registration a personal link opens (of this event only); a malformed token is simply not found. */
export function findRegistrationByToken(m: EntityManager, eventId: number, token: unknown): Promise<Registration | null> {
  if (!isWellFormedToken(token)) return Promise.resolve(null);
  return m.findOne(Registration, { where: { eventId, tokenHash: hashRegistrationToken(token) } });
}

export function getRegistration(m: EntityManager, eventId: number, id: number): Promise<Registration | null> {
  return m.findOne(Registration, { where: { id, eventId } });
}
