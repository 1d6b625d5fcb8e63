import crypto from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashRegistrationToken } from '../../src/events/registration-links';

/**
 * Events and registrations for the «afterwards» tests, inserted directly: these tests are about what happens
 * after the door (certificates, lists, figures), not about registering or checking in, which have their own.
 */

export async function insertEvent(ds: DataSource, over: { name?: string; slug?: string; startsAt?: Date; endsAt?: Date; capacity?: number; format?: string; venue?: string; cycleId?: number | null } = {}): Promise<number> {
  const slug = over.slug ?? `ev-${crypto.randomBytes(4).toString('hex')}`;
  const startsAt = over.startsAt ?? new Date(Date.now() - 2 * 3600_000);
  const endsAt = over.endsAt ?? new Date(startsAt.getTime() + 30 * 3600_000);
  const [{ id }] = await ds.query(
    `INSERT INTO event (slug, name, starts_at, ends_at, format, venue, capacity, registration_opens_at, registration_closes_at, participant_types, consent_text, cycle_id, published)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'Согласие на обработку персональных данных.', $11, true) RETURNING id`,
    [slug, over.name ?? 'Педиатрия как искусство — 2026', startsAt, endsAt, over.format ?? 'hybrid', over.venue ?? 'Москва, Краснопресненская наб., 12', over.capacity ?? 100,
      new Date(startsAt.getTime() - 30 * 86400_000), startsAt, JSON.stringify([{ type: 'doctor', colour: '#1d4ed8', selfService: true }, { type: 'speaker', colour: '#b91c1c', selfService: false }]), over.cycleId ?? null],
  );
  return id;
}

export interface RegistrationFixture {
  lastName: string;
  firstName?: string;
  patronymic?: string;
  email?: string;
  status?: string;
  participantType?: string;
  region?: string;
  municipalityId?: number | null;
  municipalityText?: string;
  organisation?: string;
  phone?: string;
  checkedIn?: boolean;
  language?: string;
  /** the personal link's token (its hash is stored), to open the registrant's page */
  token?: string;
}

/** A registration; confirmed (numbered) unless told otherwise; checked in when asked. */
export async function insertRegistration(ds: DataSource, eventId: number, f: RegistrationFixture): Promise<number> {
  const status = f.status ?? 'confirmed';
  const numbered = status === 'confirmed' || status === 'waiting';
  const [{ id }] = await ds.query(
    `WITH n AS (UPDATE event SET last_number = last_number + CASE WHEN $13 THEN 1 ELSE 0 END WHERE id = $1 RETURNING last_number)
     INSERT INTO registration (event_id, status, number, badge_code, last_name, first_name, patronymic, email, phone, organisation, region, municipality_id, municipality_text,
                               participant_type, language, token_hash, consent_at, confirmed_at, checked_in_at)
     SELECT $1, $2, CASE WHEN $13 THEN n.last_number END, CASE WHEN $13 THEN $14 END, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $15, $16, now(),
            CASE WHEN $13 THEN now() END, CASE WHEN $17 THEN now() END
       FROM n RETURNING id`,
    [eventId, status, f.lastName, f.firstName ?? 'Мария', f.patronymic ?? 'Петровна', f.email ?? `${crypto.randomBytes(5).toString('hex')}@example.org`, f.phone ?? '',
      f.organisation ?? 'ГБУЗ МО «Областная детская больница»', f.region ?? 'Московская область', f.municipalityId ?? null, f.municipalityText ?? '', f.participantType ?? 'doctor',
      numbered, crypto.randomBytes(9).toString('base64url'), f.language ?? 'ru', f.token ? hashRegistrationToken(f.token) : crypto.randomBytes(32).toString('hex'), !!f.checkedIn],
  );
  return id;
}
