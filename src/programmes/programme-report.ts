import type { EntityManager } from 'typeorm';
import { statusIn } from '../nominations/statuses';
import { participantStatusIn } from './participant-statuses';

/**
 * A programme's report (issue 12): its places and how they were taken and completed, per track and per
 * municipality (or, for a delegation from outside the region, per sending organisation). Figures only, no names.
 */

export interface TrackFigures {
  id: number;
  name: string;
  hostInstitution: string;
  startDate: string;
  endDate: string;
  academicHours: number;
  places: number;
  /** offered a place and not yet answered */
  offered: number;
  /** holding a place: confirmed, and those with an outcome */
  confirmed: number;
  declinedOrExpired: number;
  completed: number;
  notCompleted: number;
  /** academic hours attended by those who completed, summed */
  hours: number;
}

export interface OriginFigures {
  origin: string;
  /** applications sent (all but drafts) */
  applications: number;
  /** holding a place */
  placed: number;
  completed: number;
}

export async function trackFigures(m: EntityManager, cycleId: number): Promise<TrackFigures[]> {
  return m.query(
    `SELECT t.id, t.name, t.host_institution AS "hostInstitution", t.start_date::text AS "startDate", t.end_date::text AS "endDate",
            t.academic_hours AS "academicHours", t.places,
            count(p.id) FILTER (WHERE ${participantStatusIn('pending')})::int AS offered,
            count(p.id) FILTER (WHERE ${participantStatusIn('holding')})::int AS confirmed,
            count(p.id) FILTER (WHERE ${participantStatusIn('turnedDown')})::int AS "declinedOrExpired",
            count(p.id) FILTER (WHERE ${participantStatusIn('completed')})::int AS completed,
            count(p.id) FILTER (WHERE ${participantStatusIn('notCompleted')})::int AS "notCompleted",
            coalesce(sum(p.hours_attended) FILTER (WHERE ${participantStatusIn('completed')}), 0)::int AS hours
       FROM track t LEFT JOIN participant p ON p.track_id = t.id
      WHERE t.cycle_id = $1
      GROUP BY t.id ORDER BY t.sort_order, t.id`,
    [cycleId],
  );
}

export async function originFigures(m: EntityManager, cycleId: number): Promise<OriginFigures[]> {
  return m.query(
    `WITH apps AS (
       SELECT mu.name AS origin, count(*)::int AS n
         FROM nomination n JOIN municipality mu ON mu.id = n.municipality_id
        WHERE n.cycle_id = $1 AND ${statusIn('lodged')} GROUP BY mu.name),
     places AS (
       SELECT coalesce(mu.name, p.organisation) AS origin,
              count(*) FILTER (WHERE ${participantStatusIn('holding')})::int AS placed,
              count(*) FILTER (WHERE ${participantStatusIn('completed')})::int AS completed
         FROM participant p JOIN track t ON t.id = p.track_id LEFT JOIN municipality mu ON mu.id = p.municipality_id
        WHERE t.cycle_id = $1 GROUP BY 1)
     SELECT coalesce(a.origin, q.origin) AS origin, coalesce(a.n, 0) AS applications, coalesce(q.placed, 0) AS placed, coalesce(q.completed, 0) AS completed
       FROM apps a FULL JOIN places q ON q.origin = a.origin
      ORDER BY 1`,
    [cycleId],
  );
}

/** The sums of a table's columns, for its last row. */
export function totalsOf<T extends object>(rows: T[], keys: Array<keyof T>): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, rows.reduce((s, r) => s + Number(r[k] ?? 0), 0)]));
}
