import crypto from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password';
import { DEMO_PASSWORD } from '../../src/demo/people';
import type { CycleStatus } from '../../src/cycles/cycle.entity';
import { nextCycleCode } from '../support/fixtures';

/** Small SQL fixtures for the completion, coordinator and report tests: a programme, its tracks and participants. */

export async function insertProgramme(ds: DataSource, status: CycleStatus, name = 'Наш детский врач — стажировки 2027'): Promise<number> {
  const [{ id }] = await ds.query(
    `INSERT INTO cycle (region_id, name, slug, code, year, kind, status) VALUES ((SELECT min(id) FROM region), $1, $2, $3, 2027, 'programme', $4) RETURNING id`,
    [name, `programme-${crypto.randomBytes(4).toString('hex')}`, nextCycleCode(), status],
  );
  return id;
}

export async function insertTrack(
  ds: DataSource,
  cycleId: number,
  f: { name: string; host: string; startDate?: string; endDate: string; hours?: number; places?: number; sortOrder?: number },
): Promise<number> {
  const [{ id }] = await ds.query(
    `INSERT INTO track (cycle_id, name, host_institution, city, country, start_date, end_date, academic_hours, format, places, sort_order)
     VALUES ($1, $2, $3, 'Москва', 'Россия', $4, $5, $6, 'in_person', $7, $8) RETURNING id`,
    [cycleId, f.name, f.host, f.startDate ?? '2026-11-02', f.endDate, f.hours ?? 144, f.places ?? 10, f.sortOrder ?? 0],
  );
  return id;
}

export async function insertParticipant(
  ds: DataSource,
  trackId: number,
  f: { lastName: string; status: string; municipality?: string; organisation?: string; firstName?: string; hours?: number | null; reason?: string | null; source?: string },
): Promise<number> {
  const municipalityId = f.organisation ? null : (await ds.query(`SELECT id FROM municipality WHERE name = $1`, [f.municipality ?? 'Красногорск']))[0].id;
  const [{ id }] = await ds.query(
    `INSERT INTO participant (track_id, last_name, first_name, patronymic, position, institution, municipality_id, organisation, email, source, status, hours_attended, outcome_reason)
     VALUES ($1, $2, $3, 'Петровна', 'Врач-педиатр', 'Детская больница', $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [trackId, f.lastName, f.firstName ?? 'Мария', municipalityId, f.organisation ?? '', `${crypto.randomBytes(5).toString('hex')}@example.org`, f.source ?? 'allocation', f.status, f.hours ?? null, f.reason ?? null],
  );
  return id;
}

/** A host institution's coordinator (password: the demo one). */
export async function insertCoordinator(ds: DataSource, institution: string): Promise<{ id: number; email: string }> {
  const email = `coordinator-${crypto.randomBytes(4).toString('hex')}@example.org`;
  const [{ id }] = await ds.query(`INSERT INTO app_user (email, full_name, role, institution, password_hash) VALUES ($1, 'Короленко Анна Сергеевна', 'coordinator', $2, $3) RETURNING id`, [
    email,
    institution,
    await hashPassword(DEMO_PASSWORD),
  ]);
  return { id, email };
}

export const statusOf = async (ds: DataSource, id: number) =>
  (await ds.query(`SELECT status, hours_attended AS hours, outcome_reason AS reason, outcome_by_id AS "byId" FROM participant WHERE id = $1`, [id]))[0];

/** A small valid PDF, a PNG's first bytes, and an XLSX's zip opening, for attendance sheets. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
