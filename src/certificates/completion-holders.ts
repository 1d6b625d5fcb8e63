import type { EntityManager } from 'typeorm';
import { participantStatusIn } from '../programmes/participant-statuses';
import { completionValues, fullNameOf } from './completion-values';
import type { Holder, HolderFilter } from './holders';

/**
 * Who gets a certificate of completion in a programme: every participant of its tracks marked completed
 * (by the admin or the host's coordinator) who holds no valid one. A delegation's member has no nomination
 * and is named as imported; the hours are those attended, as marked.
 */

interface ParticipantRow {
  participant_id: number;
  nomination_id: number | null;
  last_name: string;
  first_name: string;
  patronymic: string;
  position: string;
  institution: string;
  origin: string;
  hours_attended: number | null;
  track: string;
  host_institution: string;
  city: string;
  country: string;
  start_date: string;
  end_date: string;
  academic_hours: number;
}

export async function participantsToCertify(m: EntityManager, cycleId: number, only: HolderFilter): Promise<Holder[]> {
  const ids = only.participantIds ?? null;
  const rows: ParticipantRow[] = await m.query(
    `SELECT p.id AS participant_id, p.nomination_id, p.last_name, p.first_name, p.patronymic, p.position, p.institution,
            COALESCE(mu.name, p.organisation) AS origin, p.hours_attended,
            t.name AS track, t.host_institution, t.city, t.country, t.start_date::text AS start_date, t.end_date::text AS end_date, t.academic_hours
       FROM participant p
       JOIN track t ON t.id = p.track_id
       LEFT JOIN municipality mu ON mu.id = p.municipality_id
      WHERE t.cycle_id = $1 AND ${participantStatusIn('certified', 'p')} AND ($2::int[] IS NULL OR p.id = ANY($2::int[]))
        AND NOT EXISTS (SELECT 1 FROM certificate x WHERE x.participant_id = p.id AND x.kind = 'completion' AND x.revoked_at IS NULL AND x.id <> $3)
      ORDER BY t.sort_order, t.id, p.last_name, p.first_name, p.id`,
    [cycleId, ids, only.replacing ?? 0],
  );
  return rows.map((r) => {
    const facts = {
      lastName: r.last_name, firstName: r.first_name, patronymic: r.patronymic, position: r.position, institution: r.institution, origin: r.origin ?? '',
      track: { name: r.track, hostInstitution: r.host_institution, city: r.city, country: r.country, startDate: r.start_date, endDate: r.end_date, academicHours: r.academic_hours },
      // marked completed without hours (not expected): the track's hours, as the completion form proposes
      hoursAttended: r.hours_attended ?? r.academic_hours,
    };
    return { nominationId: r.nomination_id, jurorId: null, participantId: r.participant_id, categoryId: null, place: null, holderName: fullNameOf(facts), values: completionValues(facts) };
  });
}
