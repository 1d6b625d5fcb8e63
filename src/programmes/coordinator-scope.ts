import type { EntityManager } from 'typeorm';
import type { Coordinator } from '../auth/policies';
import type { CycleStatus } from '../cycles/cycle.entity';
import { normaliseName } from '../text/normalise';
import { Track } from './track.entity';
import { participantStatusIn } from './participant-statuses';

/**
 * Which tracks a host institution's coordinator may see and mark, in one place (the object-level half of the
 * `coordinator` policy, as src/nominations/scope.ts is for officers and jurors): the tracks of programmes whose
 * host institution is the coordinator's, names compared normalised as the jury's conflict rule compares them
 * (case, «ё/е», quotes, spacing). Reads and writes go through it; any other track is "not found" (404).
 * The comparison is made after the query, by normaliseName, so that it is the same function as the jury's.
 */

/** «This coordinator's»: the host of the track is their institution. */
export const hostedBy = (coordinator: Pick<Coordinator, 'institution'>, hostInstitution: string) =>
  normaliseName(hostInstitution) !== '' && normaliseName(hostInstitution) === normaliseName(coordinator.institution);

export interface CoordinatorTrackRow {
  id: number;
  name: string;
  hostInstitution: string;
  city: string;
  country: string;
  startDate: string;
  endDate: string;
  cycleId: number;
  cycleName: string;
  cycleStatus: CycleStatus;
  /** holding a place: confirmed, completed or not completed */
  participants: number;
  /** of them, with an outcome marked */
  marked: number;
}

/** The coordinator's tracks across every programme, latest first, with how many participants and how many are marked. */
export async function coordinatorTracks(m: EntityManager, coordinator: Pick<Coordinator, 'institution'>): Promise<CoordinatorTrackRow[]> {
  const rows: CoordinatorTrackRow[] = await m.query(
    `SELECT t.id, t.name, t.host_institution AS "hostInstitution", t.city, t.country,
            t.start_date::text AS "startDate", t.end_date::text AS "endDate",
            c.id AS "cycleId", c.name AS "cycleName", c.status AS "cycleStatus",
            count(p.id) FILTER (WHERE ${participantStatusIn('holding')})::int AS participants,
            count(p.id) FILTER (WHERE ${participantStatusIn('marked')})::int AS marked
       FROM track t JOIN cycle c ON c.id = t.cycle_id LEFT JOIN participant p ON p.track_id = t.id
      WHERE c.kind = 'programme'
      GROUP BY t.id, c.id
      ORDER BY t.end_date DESC, t.start_date DESC, t.id`,
  );
  return rows.filter((r) => hostedBy(coordinator, r.hostInstitution));
}

/** One of the coordinator's tracks; null for any other (the route answers 404). */
export async function coordinatorTrack(m: EntityManager, coordinator: Pick<Coordinator, 'institution'>, id: number): Promise<Track | null> {
  const track = await m.findOne(Track, { where: { id } });
  return track && hostedBy(coordinator, track.hostInstitution) ? track : null;
}
