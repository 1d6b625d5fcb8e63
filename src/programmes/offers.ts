import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import { publish } from '../domain-events';
import { Participant } from './participant.entity';
import { theParticipantStatus } from './participant-statuses';
import type { ApplicationPerson } from './selection';

export type { ApplicationPerson } from './selection';

/** The one-time link's token as stored: its sha256 (hex). The token itself is only in the offer's mail. */
export const hashOfferToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

/** A token as the link carries it (base64url of 32 random bytes); anything else is not one of ours. */
export const looksLikeOfferToken = (token: string): boolean => /^[A-Za-z0-9_-]{20,100}$/.test(token);

export interface OfferInput {
  cycleId: number;
  trackId: number;
  nominationId: number;
  person: ApplicationPerson;
  /** the answer is due by then; an offer left unanswered expires (reserve.ts) and the place goes on */
  expiresAt: Date;
  actorId: number | null;
  /** the track the applicant leaves for this one (the reserve moved them up); absent at approval */
  fromTrackId?: number | null;
  now?: Date;
}

/**
 * Offers an applicant a place on a track, in the caller's transaction (the approval of the allocation, or the
 * reserve moving up): the participant is created as offered with a one-time link, the offer is audited, and
 * `programme.placeOffered` tells the applicant (the link) and their officers (a copy without it) by mail. The
 * caller has already counted the place in the allocation's state: this only records the offer.
 */
export async function offerPlace(m: EntityManager, input: OfferInput): Promise<{ participantId: number }> {
  const now = input.now ?? new Date();
  const token = crypto.randomBytes(32).toString('base64url');
  const p = input.person;
  const inserted = await m.insert(Participant, {
    trackId: input.trackId,
    lastName: p.lastName,
    firstName: p.firstName,
    patronymic: p.patronymic,
    position: p.position,
    institution: p.institution,
    municipalityId: p.municipalityId,
    email: p.email.trim().toLowerCase(),
    source: 'allocation',
    status: theParticipantStatus('pending'),
    statusChangedAt: now,
    nominationId: input.nominationId,
    offerTokenHash: hashOfferToken(token),
    offerExpiresAt: input.expiresAt,
  });
  const participantId = inserted.identifiers[0].id as number;
  const fromTrackId = input.fromTrackId ?? null;
  // states and tracks, never the person: the audit log outlives a request to be forgotten
  await recordAudit(m, {
    actorId: input.actorId,
    entity: 'participant',
    entityId: participantId,
    cycleId: input.cycleId,
    action: 'participant.offered',
    data: { trackId: input.trackId, to: theParticipantStatus('pending'), fromTrackId, expiresAt: input.expiresAt.toISOString() },
  });
  await publish(m, 'programme.placeOffered', {
    participantId,
    cycleId: input.cycleId,
    trackId: input.trackId,
    nominationId: input.nominationId,
    token,
    expiresAt: input.expiresAt,
    fromTrackId,
    actorId: input.actorId,
    at: now,
  });
  return { participantId };
}
