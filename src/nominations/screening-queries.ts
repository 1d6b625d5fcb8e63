import type { EntityManager } from 'typeorm';
import { trackChoicesSql } from '../programmes/track-choices-sql';
import type { CycleStatus } from '../cycles/cycle.entity';
import { statusesOf, statusIn, type NominationStatus } from './statuses';

/** What the admin screens: every nomination that left the officer's drafts. */
export const SCREENED_STATUSES = statusesOf('lodged');

export interface CycleHead {
  id: number;
  name: string;
  year: number;
  status: CycleStatus;
  regionId: number;
}

export interface ScreeningFilter {
  categoryId?: number;
  municipalityId?: number;
  status?: NominationStatus;
}

export interface ScreeningRow {
  id: number;
  fullName: string;
  municipalityName: string;
  categoryName: string | null;
  /** a programme's application: its ranked tracks in one line */
  trackChoices: string | null;
  status: NominationStatus;
  submittedAt: Date | null;
}

/** The nominee's name as printed: «Иванова Мария Петровна», without gaps for blank parts. */
export const FULL_NAME_SQL = `concat_ws(' ', nullif(ne.last_name, ''), nullif(ne.first_name, ''), nullif(ne.patronymic, ''))`;

export async function findCycle(m: EntityManager, id: number): Promise<CycleHead | null> {
  const rows = await m.query(`SELECT id, name, year, status, region_id AS "regionId" FROM cycle WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function cycleCategories(m: EntityManager, cycleId: number): Promise<Array<{ id: number; name: string }>> {
  return m.query(`SELECT id, name FROM category WHERE cycle_id = $1 ORDER BY sort_order, name, id`, [cycleId]);
}

export async function regionMunicipalities(m: EntityManager, regionId: number): Promise<Array<{ id: number; name: string }>> {
  return m.query(`SELECT id, name FROM municipality WHERE region_id = $1 ORDER BY name`, [regionId]);
}

/** WHERE for a cycle's screened nominations with the filter, leaving out one filter for facet counts. */
function whereOf(cycleId: number, filter: ScreeningFilter, omit?: keyof ScreeningFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [cycleId];
  const where = [`n.cycle_id = $1`, statusIn('lodged')];
  const add = (column: string, value: unknown) => {
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  if (filter.categoryId && omit !== 'categoryId') add('n.category_id', filter.categoryId);
  if (filter.municipalityId && omit !== 'municipalityId') add('n.municipality_id', filter.municipalityId);
  if (filter.status && omit !== 'status') add('n.status', filter.status);
  return { sql: where.join(' AND '), params };
}

/** One page of the screening list, oldest submission first (the order they should be looked at). */
export async function screeningList(m: EntityManager, cycleId: number, filter: ScreeningFilter, page: number, size: number): Promise<ScreeningRow[]> {
  const w = whereOf(cycleId, filter);
  return m.query(
    `SELECT n.id, ${FULL_NAME_SQL} AS "fullName", mu.name AS "municipalityName", c.name AS "categoryName", ${trackChoicesSql('n')} AS "trackChoices", n.status, n.submitted_at AS "submittedAt"
       FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id JOIN municipality mu ON mu.id = n.municipality_id
       LEFT JOIN category c ON c.id = n.category_id
      WHERE ${w.sql}
      ORDER BY n.submitted_at NULLS LAST, n.id
      LIMIT ${size} OFFSET ${(page - 1) * size}`,
    w.params,
  );
}

/** How many nominations each status has under the other filters (the status filter itself left out). */
export async function statusCounts(m: EntityManager, cycleId: number, filter: ScreeningFilter): Promise<Map<NominationStatus, number>> {
  const w = whereOf(cycleId, filter, 'status');
  const rows: Array<{ status: NominationStatus; n: number }> = await m.query(`SELECT n.status, count(*)::int AS n FROM nomination n WHERE ${w.sql} GROUP BY n.status`, w.params);
  return new Map(rows.map((r) => [r.status, r.n]));
}

/** How many nominations each category of the cycle has under the other filters (zero included). */
export async function categoryCounts(m: EntityManager, cycleId: number, filter: ScreeningFilter): Promise<Map<number, number>> {
  const w = whereOf(cycleId, filter, 'categoryId');
  const rows: Array<{ categoryId: number; n: number }> = await m.query(
    `SELECT n.category_id AS "categoryId", count(*)::int AS n FROM nomination n WHERE ${w.sql} AND n.category_id IS NOT NULL GROUP BY n.category_id`,
    w.params,
  );
  return new Map(rows.map((r) => [r.categoryId, r.n]));
}

/** Of the given ids, those that are nominations of this cycle (a bulk form may not reach into another cycle). */
export async function nominationIdsOfCycle(m: EntityManager, cycleId: number, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows: Array<{ id: number }> = await m.query(`SELECT id FROM nomination WHERE cycle_id = $1 AND id = ANY($2::int[]) ORDER BY id`, [cycleId, ids]);
  return rows.map((r) => r.id);
}
