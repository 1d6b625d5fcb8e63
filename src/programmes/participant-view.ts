import type { EntityManager } from 'typeorm';
import type { Cycle } from '../cycles/cycle.entity';
import { phaseKeys } from '../cycles/phases';
import type { Track } from './track.entity';
import { trackView } from './track-view';
import { placeCountsOf } from './participant-counts';
import { canMoveParticipant, type ParticipantStatus } from './participant-statuses';
import { offersOpen } from './confirmation-rules';

/** What the page of a track's participants shows: the track, its places, who holds or is offered one. */
export async function participantsPageView(m: EntityManager, cycle: Cycle, track: Track) {
  const rows: Array<{ id: number; lastName: string; firstName: string; patronymic: string; position: string; institution: string; municipality: string | null; organisation: string; email: string; source: string; status: string }> =
    await m.query(
      `SELECT p.id, p.last_name AS "lastName", p.first_name AS "firstName", p.patronymic, p.position, p.institution,
              mu.name AS municipality, p.organisation, p.email, p.source, p.status
         FROM participant p LEFT JOIN municipality mu ON mu.id = p.municipality_id
        WHERE p.track_id = $1 ORDER BY p.last_name, p.first_name, p.id`,
      [track.id],
    );
  const counts = (await placeCountsOf(m, cycle.id)).get(track.id) ?? { places: track.places, confirmed: 0, offered: 0, free: track.places };
  return {
    cycle,
    track: trackView(track),
    phaseKey: phaseKeys('programme', cycle.status).label,
    counts,
    // a delegation's list is imported while the programme runs; a closed programme keeps what it had
    canImport: track.placeMethod === 'direct' && cycle.status !== 'closed' && counts.free > 0,
    participants: rows.map((r) => ({
      id: r.id,
      fullName: [r.lastName, r.firstName, r.patronymic].filter(Boolean).join(' '),
      position: r.position,
      institution: r.institution,
      origin: r.municipality ?? r.organisation,
      email: r.email,
      statusKey: `programmeParticipants.status.${r.status}`,
      // «Отказ от участия» (participant-withdrawal-routes.ts): a confirmed place, before training
      withdrawable: offersOpen(cycle.status) && canMoveParticipant('withdraw', r.status as ParticipantStatus),
      sourceKey: `programmeParticipants.source.${r.source}`,
    })),
  };
}
