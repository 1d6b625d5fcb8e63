import type { EntityManager } from 'typeorm';
import type { CycleStatus } from '../cycles/cycle.entity';
import { moveParticipant } from './participant-lifecycle';
import { isInParticipantGroup, PARTICIPANT_MOVES, type ParticipantStatus } from './participant-statuses';
import { hashOfferToken, looksLikeOfferToken } from './offers';
import { offersOpen } from './confirmation-rules';
import { releasePlace } from './reserve';

/**
 * The one-time link of an offer (`/participation/<token>`): what it shows, and the two answers. The link is the
 * person's only key (they have no account): it is found by the token's hash, spent by the answer, and tells
 * whoever opens it later only that it is spent (or that the offer expired, or moved to a track they wanted more).
 */

export interface OfferView {
  participantId: number;
  fullName: string;
  cycleName: string;
  trackName: string;
  hostInstitution: string;
  city: string;
  country: string;
  startDate: string;
  endDate: string;
  academicHours: number;
  formatKey: string;
  expiresAt: Date;
}

export type OfferState =
  | { state: 'valid'; offer: OfferView }
  /** unknown, or already answered (the answer clears the token: the two look the same) */
  | { state: 'used' }
  | { state: 'expired'; expiresAt: Date }
  /** the reserve gave them a track they listed higher: a new letter carries its own link */
  | { state: 'moved' }
  | { state: 'closed'; cycleName: string; phase: CycleStatus };

interface Row extends Omit<OfferView, 'formatKey' | 'expiresAt'> {
  status: ParticipantStatus;
  format: string;
  expiresAt: Date | null;
  cycleId: number;
  phase: CycleStatus;
  trackId: number;
}

async function offerRow(m: EntityManager, token: string, lock: boolean): Promise<Row | undefined> {
  if (!looksLikeOfferToken(token)) return undefined;
  const [row]: Row[] = await m.query(
    `SELECT p.id AS "participantId", p.status, p.track_id AS "trackId", p.offer_expires_at AS "expiresAt",
            concat_ws(' ', nullif(p.last_name, ''), nullif(p.first_name, ''), nullif(p.patronymic, '')) AS "fullName",
            c.id AS "cycleId", c.name AS "cycleName", c.status AS phase, t.name AS "trackName", t.host_institution AS "hostInstitution",
            t.city, t.country, t.start_date::text AS "startDate", t.end_date::text AS "endDate", t.academic_hours AS "academicHours", t.format
       FROM participant p JOIN track t ON t.id = p.track_id JOIN cycle c ON c.id = t.cycle_id
      WHERE p.offer_token_hash = $1${lock ? ' FOR UPDATE OF p' : ''}`,
    [hashOfferToken(token)],
  );
  return row;
}

function stateOf(row: Row | undefined, now: Date): OfferState {
  if (!row) return { state: 'used' };
  if (row.status === PARTICIPANT_MOVES.moveUp.to) return { state: 'moved' };
  const pending = isInParticipantGroup('pending', row.status);
  if (row.status === PARTICIPANT_MOVES.expire.to || (pending && row.expiresAt !== null && row.expiresAt <= now)) return { state: 'expired', expiresAt: row.expiresAt! };
  if (!pending) return { state: 'used' };
  if (!offersOpen(row.phase)) return { state: 'closed', cycleName: row.cycleName, phase: row.phase };
  const { status: _s, format, cycleId: _c, phase: _p, trackId: _t, expiresAt, ...view } = row;
  return { state: 'valid', offer: { ...view, formatKey: `programmes.formats.${format}`, expiresAt: expiresAt! } };
}

export async function findOffer(m: EntityManager, token: string, now = new Date()): Promise<OfferState> {
  return stateOf(await offerRow(m, token, false), now);
}

/** «Подтверждаю участие»: the offer becomes a held place and the link is spent. Returns the offer as it stood. */
export async function confirmOffer(m: EntityManager, token: string, now = new Date()): Promise<OfferState> {
  // the cycle first (shared), as every writer of a programme's places takes it, then the participant
  const found = await offerRow(m, token, false);
  if (!found) return { state: 'used' };
  await m.query(`SELECT id FROM cycle WHERE id = $1 FOR SHARE`, [found.cycleId]);
  const row = await offerRow(m, token, true);
  const state = stateOf(row, now);
  if (state.state !== 'valid') return state;
  await moveParticipant(m, { id: row!.participantId, status: row!.status, trackId: row!.trackId }, 'confirm', { actorId: null, cycleId: row!.cycleId, now });
  await m.query(`UPDATE participant SET offer_token_hash = NULL WHERE id = $1`, [row!.participantId]);
  return state;
}

/** «Отказываюсь»: the place goes to the reserve at once (reserve.ts), the link is spent. */
export async function declineOffer(m: EntityManager, token: string, reason: string, now = new Date()): Promise<OfferState> {
  const state = await findOffer(m, token, now);
  if (state.state !== 'valid') return state;
  const done = await releasePlace(m, state.offer.participantId, 'decline', { actorId: null, reason: reason || null, now });
  // moved or answered meanwhile: say what the link says now
  return done.ok ? state : findOffer(m, token, now);
}
