import crypto from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password';
import { DEMO_PASSWORD } from '../../src/demo/people';
import { hashRegistrationToken } from '../../src/events/registration-links';

/**
 * Events, registrations and registrars for the door's tests, inserted directly: registering and confirming
 * have tests of their own; these are about badges and the door. Each registration's personal link token and
 * badge code are returned, as the registrant's mail and badge would carry them.
 */

export const TYPES = [
  { type: 'doctor', colour: '#1d4ed8', selfService: true },
  { type: 'laureate', colour: '#f5c518', selfService: false },
  { type: 'speaker', colour: '#b91c1c', selfService: false },
];

/** An event under way (started an hour ago, two days long), published. */
export async function doorEvent(ds: DataSource, over: { name?: string; startsAt?: Date } = {}): Promise<{ id: number; slug: string }> {
  const slug = `door-${crypto.randomBytes(4).toString('hex')}`;
  const startsAt = over.startsAt ?? new Date(Date.now() - 3600_000);
  const endsAt = new Date(startsAt.getTime() + 48 * 3600_000);
  const [{ id }] = await ds.query(
    `INSERT INTO event (slug, name, starts_at, ends_at, format, venue, capacity, registration_opens_at, registration_closes_at, participant_types, consent_text, published)
     VALUES ($1, $2, $3, $4, 'in_person', 'Москва, Краснопресненская наб., 12', 500, $5, $3, $6, 'Согласие на обработку персональных данных.', true) RETURNING id`,
    [slug, over.name ?? 'Педиатрия как искусство — 2026', startsAt, endsAt, new Date(startsAt.getTime() - 30 * 86400_000), JSON.stringify(TYPES)],
  );
  return { id, slug };
}

export interface Person {
  id: number;
  token: string;
  badgeCode: string | null;
  number: number | null;
}

/** A registration: confirmed (numbered, with a badge code) unless told otherwise. */
export async function person(ds: DataSource, eventId: number, f: { lastName: string; firstName?: string; patronymic?: string; status?: string; participantType?: string; organisation?: string }): Promise<Person> {
  const status = f.status ?? 'confirmed';
  const numbered = status === 'confirmed' || status === 'waiting' || status === 'cancelled';
  const token = crypto.randomBytes(24).toString('base64url');
  const badgeCode = numbered ? crypto.randomBytes(12).toString('base64url') : null;
  const [{ id, number }] = await ds.query(
    `WITH n AS (UPDATE event SET last_number = last_number + CASE WHEN $10 THEN 1 ELSE 0 END WHERE id = $1 RETURNING last_number)
     INSERT INTO registration (event_id, status, number, badge_code, last_name, first_name, patronymic, email, organisation, participant_type, token_hash, consent_at, confirmed_at)
     SELECT $1, $2, CASE WHEN $10 THEN n.last_number END, $3, $4, $5, $6, $7, $8, $9, $11, now(), CASE WHEN $10 THEN now() END FROM n
     RETURNING id, number`,
    [eventId, status, badgeCode, f.lastName, f.firstName ?? 'Мария', f.patronymic ?? 'Петровна', `${crypto.randomBytes(5).toString('hex')}@example.org`,
      f.organisation ?? 'ГБУЗ «Областная детская больница»', f.participantType ?? 'doctor', numbered, hashRegistrationToken(token)],
  );
  return { id, token, badgeCode, number };
}

/** A user with the registrar role (password: the demo one), bound to these events. */
export async function registrar(ds: DataSource, fullName: string, eventIds: number[]): Promise<{ id: number; email: string }> {
  const email = `registrar-${crypto.randomBytes(4).toString('hex')}@example.org`;
  const [{ id }] = await ds.query(`INSERT INTO app_user (email, full_name, role, password_hash) VALUES ($1, $2, 'registrar', $3) RETURNING id`, [email, fullName, await hashPassword(DEMO_PASSWORD)]);
  for (const eventId of eventIds) await ds.query(`INSERT INTO event_registrar (event_id, user_id) VALUES ($1, $2)`, [eventId, id]);
  return { id, email };
}
