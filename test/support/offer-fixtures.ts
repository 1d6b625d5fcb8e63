import type { DataSource } from 'typeorm';
import type { CycleStatus } from '../../src/cycles/cycle.entity';
import { allocate } from '../../src/programmes/engine';
import { offerPlace } from '../../src/programmes/offers';
import { applicationPeople } from '../../src/programmes/selection';
import { insertCategory, insertCycle } from './cycle-fixtures';
import { queuedMail } from './mail';

/**
 * An approved allocation, as the allocation page leaves it: a programme in the given phase, its tracks in one
 * ranking, accepted applications with ranked preferences, the engine's state from `allocate()` stored approved,
 * and every placed applicant offered their place through offerPlace (so each has a participant and a letter).
 */

export interface TrackSpec {
  name: string;
  places: number;
  quota?: number | null;
}

export interface ApplicantSpec {
  /** indices into the tracks, most wanted first */
  prefs: number[];
  /** index into the first few municipalities of the region (0 = Красногорск, the demo officer's) */
  municipality?: number;
}

export interface OfferWorld {
  cycleId: number;
  categoryId: number;
  allocationId: number;
  trackIds: number[];
  /** the applications, in rank order (applicant i has rank i + 1) */
  nominations: number[];
  /** each applicant's address, in the same order */
  emails: string[];
  deadline: Date;
}

let serial = 0;

export async function approvedProgramme(
  ds: DataSource,
  spec: { tracks: TrackSpec[]; applicants: ApplicantSpec[]; phase?: CycleStatus; deadline?: Date },
): Promise<OfferWorld> {
  serial += 1;
  const cycleId = await insertCycle(ds);
  await ds.query(`UPDATE cycle SET kind = 'programme', status = $2, name = $3 WHERE id = $1`, [cycleId, spec.phase ?? 'confirmation', `Стажировки ${serial}`]);
  const categoryId = await insertCategory(ds, cycleId, `Стажировки ${serial}`);
  const trackIds: number[] = [];
  for (const [i, t] of spec.tracks.entries()) {
    const [row] = await ds.query(
      `INSERT INTO track (cycle_id, name, host_institution, city, country, start_date, end_date, academic_hours, format, places, quota_per_municipality, place_method, category_id, sort_order)
       VALUES ($1, $2, 'НМИЦ здоровья детей', 'Москва', 'Россия', '2027-03-01', '2027-03-26', 144, 'in_person', $3, $4, 'competitive', $5, $6) RETURNING id`,
      [cycleId, t.name, t.places, t.quota ?? null, categoryId, i],
    );
    trackIds.push(row.id);
  }
  const municipalities: number[] = (await ds.query(`SELECT id FROM municipality ORDER BY (name = 'Красногорск') DESC, id LIMIT 4`)).map((r: { id: number }) => r.id);
  const [officer] = await ds.query(`SELECT id FROM app_user WHERE email = 'officer@example.org'`);
  const nominations: number[] = [];
  const emails: string[] = [];
  for (const [i, a] of spec.applicants.entries()) {
    const email = `doctor${serial}-${i + 1}@example.org`;
    const municipalityId = municipalities[a.municipality ?? 0];
    const [nominee] = await ds.query(
      `INSERT INTO nominee (municipality_id, last_name, first_name, patronymic, position, institution, email) VALUES ($1, $2, 'Анна', 'Сергеевна', 'Педиатр', 'Детская больница', $3) RETURNING id`,
      [municipalityId, `Врачова-${i + 1}`, email],
    );
    const [n] = await ds.query(
      `INSERT INTO nomination (cycle_id, category_id, nominee_id, municipality_id, author_id, status) VALUES ($1, $2, $3, $4, $5, 'accepted') RETURNING id`,
      [cycleId, categoryId, nominee.id, municipalityId, officer.id],
    );
    for (const [rank, t] of a.prefs.entries()) await ds.query(`INSERT INTO track_preference (nomination_id, track_id, rank) VALUES ($1, $2, $3)`, [n.id, trackIds[t], rank + 1]);
    nominations.push(n.id);
    emails.push(email);
  }
  const state = allocate({
    seed: `programme:${cycleId}`,
    tracks: spec.tracks.map((t, i) => ({ id: String(trackIds[i]), places: t.places, quotaPerMunicipality: t.quota ?? null })),
    applicants: spec.applicants.map((a, i) => ({ id: String(nominations[i]), municipality: String(municipalities[a.municipality ?? 0]), preferences: a.prefs.map((t) => String(trackIds[t])), rank: i + 1 })),
  });
  const deadline = spec.deadline ?? new Date(Date.now() + 7 * 24 * 3600_000);
  const [admin] = await ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`);
  const allocationId = await ds.transaction(async (m) => {
    const [row] = await m.query(
      `INSERT INTO programme_allocation (cycle_id, category_id, state, approved_at, approved_by_id) VALUES ($1, $2, $3::jsonb, now(), $4) RETURNING id`,
      [cycleId, categoryId, JSON.stringify(state), admin.id],
    );
    const placed = state.placements.filter((p) => p.track !== null);
    const people = await applicationPeople(m, placed.map((p) => Number(p.applicant)));
    for (const p of placed) {
      await offerPlace(m, { cycleId, trackId: Number(p.track), nominationId: Number(p.applicant), person: people.get(Number(p.applicant))!, expiresAt: deadline, actorId: admin.id });
    }
    return row.id as number;
  });
  return { cycleId, categoryId, allocationId, trackIds, nominations, emails, deadline };
}

/** The one-time link of the latest offer mailed to an address (the token is only ever in the letter). */
export async function offerLinkOf(ds: DataSource, email: string): Promise<string> {
  const mails = await queuedMail(ds, { kind: 'programme_offer', toEmail: email });
  if (!mails.length) throw new Error(`no offer mailed to ${email}`);
  const path = /\/participation\/[A-Za-z0-9_-]+/.exec(mails[mails.length - 1].text);
  return path![0];
}

/** Everyone's participant rows of the programme: who is where, in what status. */
export async function participantsOf(ds: DataSource, cycleId: number): Promise<Array<{ id: number; email: string; trackId: number; status: string; hashed: boolean; expiresAt: Date | null }>> {
  return ds.query(
    `SELECT p.id, p.email, p.track_id AS "trackId", p.status, p.offer_token_hash IS NOT NULL AS hashed, p.offer_expires_at AS "expiresAt"
       FROM participant p JOIN track t ON t.id = p.track_id WHERE t.cycle_id = $1 ORDER BY p.id`,
    [cycleId],
  );
}
