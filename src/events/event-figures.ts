import type { EntityManager } from 'typeorm';
import { PARTICIPANT_TYPES } from './event.entity';
import { REGISTRATION_STATUSES, type RegistrationStatus } from './registration-statuses';

/**
 * An event's figures: registrations by participant type, region and municipality, counted per status, with
 * how many of them were checked in. One grouped query per dimension; the folding is here.
 */

export type Dimension = 'type' | 'region' | 'municipality';

export interface FigureRow {
  /** the type, region or municipality; '' when the registrant gave none */
  key: string;
  byStatus: Record<RegistrationStatus, number>;
  checkedIn: number;
  total: number;
}

const KEY_SQL: Record<Dimension, string> = {
  type: `r.participant_type`,
  // typed by people: «Московская обл.» and «московская обл.» are one region; the spelling shown is the first
  region: `lower(btrim(r.region))`,
  municipality: `coalesce(mu.name, nullif(btrim(r.municipality_text), ''), '')`,
};

const LABEL_SQL: Record<Dimension, string> = {
  type: `r.participant_type`,
  region: `min(btrim(r.region))`,
  municipality: `min(coalesce(mu.name, nullif(btrim(r.municipality_text), ''), ''))`,
};

const empty = () => Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, 0])) as Record<RegistrationStatus, number>;

async function figuresBy(m: EntityManager, eventId: number, d: Dimension): Promise<FigureRow[]> {
  const rows: Array<{ key: string; label: string; status: RegistrationStatus; n: number; checked: number }> = await m.query(
    `SELECT ${KEY_SQL[d]} AS key, ${d === 'type' ? KEY_SQL[d] : LABEL_SQL[d]} AS label, r.status, count(*)::int AS n,
            count(*) FILTER (WHERE r.checked_in_at IS NOT NULL)::int AS checked
       FROM registration r LEFT JOIN municipality mu ON mu.id = r.municipality_id
      WHERE r.event_id = $1
      GROUP BY 1, r.status${d === 'type' ? ', 2' : ''}`,
    [eventId],
  );
  const byKey = new Map<string, FigureRow>();
  for (const r of rows) {
    let row = byKey.get(r.key);
    if (!row) byKey.set(r.key, (row = { key: r.label ?? '', byStatus: empty(), checkedIn: 0, total: 0 }));
    // the label of a group is the same for all its statuses but min() per status may differ: keep the smallest
    if (r.label && r.label < row.key) row.key = r.label;
    row.byStatus[r.status] += r.n;
    row.checkedIn += r.checked;
    row.total += r.n;
  }
  const list = [...byKey.values()];
  if (d === 'type') return list.sort((a, b) => PARTICIPANT_TYPES.indexOf(a.key as never) - PARTICIPANT_TYPES.indexOf(b.key as never));
  // the largest first; the unnamed group last
  return list.sort((a, b) => Number(!a.key) - Number(!b.key) || b.total - a.total || a.key.localeCompare(b.key, 'ru'));
}

export async function eventFigures(m: EntityManager, eventId: number): Promise<Record<Dimension, FigureRow[]>> {
  return { type: await figuresBy(m, eventId, 'type'), region: await figuresBy(m, eventId, 'region'), municipality: await figuresBy(m, eventId, 'municipality') };
}

/** The sum of a table's rows. */
export function totalOf(rows: FigureRow[]): Omit<FigureRow, 'key'> {
  const byStatus = empty();
  let checkedIn = 0;
  let total = 0;
  for (const r of rows) {
    for (const s of REGISTRATION_STATUSES) byStatus[s] += r.byStatus[s];
    checkedIn += r.checkedIn;
    total += r.total;
  }
  return { byStatus, checkedIn, total };
}
