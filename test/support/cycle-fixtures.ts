import type { DataSource } from 'typeorm';
import type { CycleStatus } from '../../src/cycles/cycle.entity';
import type { NominationStatus } from '../../src/nominations/nomination.entity';
import { nextCycleCode } from './fixtures';

/** Small SQL fixtures for tests of cycles: a cycle, its categories, nominations in given statuses. */

export interface CycleFixture {
  slug?: string;
  status?: CycleStatus;
  nominationsStart?: string | null;
  nominationsEnd?: string | null;
  judgingEnd?: string | null;
}

let serial = 0;

export async function insertCycle(ds: DataSource, f: CycleFixture = {}): Promise<number> {
  serial += 1;
  const rows = await ds.query(
    `INSERT INTO cycle (region_id, name, slug, code, year, status, nominations_start, nominations_end, judging_end)
     VALUES ((SELECT min(id) FROM region), $1, $2, $7, 2026, $3, $4, $5, $6) RETURNING id`,
    [
      `Конкурс ${serial}`,
      f.slug ?? `cycle-${serial}-${Date.now()}`,
      f.status ?? 'draft',
      f.nominationsStart === undefined ? '2030-02-01T06:00:00Z' : f.nominationsStart,
      f.nominationsEnd === undefined ? '2030-03-01T20:59:00Z' : f.nominationsEnd,
      f.judgingEnd ?? null,
      nextCycleCode(),
    ],
  );
  return rows[0].id;
}

export async function insertCategory(ds: DataSource, cycleId: number, name: string, sortOrder = 0): Promise<number> {
  const rows = await ds.query(`INSERT INTO category (cycle_id, name, sort_order) VALUES ($1, $2, $3) RETURNING id`, [cycleId, name, sortOrder]);
  return rows[0].id;
}

/** A nomination by the Красногорск officer, with a fresh nominee of that municipality. */
export async function insertNomination(ds: DataSource, cycleId: number, categoryId: number | null, status: NominationStatus): Promise<number> {
  const [officer] = await ds.query(`SELECT id, municipality_id FROM app_user WHERE email = 'officer@example.org'`);
  const [nominee] = await ds.query(
    `INSERT INTO nominee (municipality_id, last_name, first_name) VALUES ($1, 'Иванова', 'Анна') RETURNING id`,
    [officer.municipality_id],
  );
  const rows = await ds.query(
    `INSERT INTO nomination (cycle_id, category_id, nominee_id, municipality_id, author_id, status) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [cycleId, categoryId, nominee.id, officer.municipality_id, officer.id, status],
  );
  return rows[0].id;
}

export async function cycleRow(ds: DataSource, id: number) {
  const [row] = await ds.query(`SELECT * FROM cycle WHERE id = $1`, [id]);
  return row;
}

export async function auditOf(ds: DataSource, entity: string, id: number) {
  return ds.query(`SELECT actor_id, action, from_state, to_state, data FROM audit_event WHERE entity = $1 AND entity_id = $2 ORDER BY id`, [entity, String(id)]);
}

/** Gives a category what judging needs: a criterion, a panel with juror@example.org, and assignments of its accepted nominations. */
export async function makeJuryReady(ds: DataSource, categoryId: number): Promise<void> {
  await ds.query(`INSERT INTO criterion (category_id, name, weight, scale_min, scale_max) VALUES ($1, 'Достижения', 1, 1, 10)`, [categoryId]);
  const juror = (await ds.query(`SELECT id FROM app_user WHERE email = 'juror@example.org'`))[0].id;
  const [panel] = await ds.query(`INSERT INTO panel (category_id, chair_id) VALUES ($1, $2) RETURNING id`, [categoryId, juror]);
  await ds.query(`INSERT INTO panel_member (panel_id, juror_id) VALUES ($1, $2)`, [panel.id, juror]);
  await ds.query(`INSERT INTO assignment (juror_id, nomination_id) SELECT $1, id FROM nomination WHERE category_id = $2 AND status = 'accepted'`, [juror, categoryId]);
}
