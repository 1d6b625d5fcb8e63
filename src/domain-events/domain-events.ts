import type { NominationStatus } from '../nominations/statuses';
import type { CycleKind, CycleStatus } from '../cycles/cycle.entity';

/**
 * Every domain event and what it carries: ids, who acted and when, never whole rows (a subscriber reads
 * what it needs with the transaction's manager it is given). Names are `domain.pastTense`.
 */
export interface DomainEvents {
  /** an officer submitted a nomination (first time, or again after a return) */
  'nomination.submitted': NominationEvent & { from: NominationStatus };
  /** the admin returned a nomination for correction, with a reason */
  'nomination.returned': NominationEvent & { reason: string };
  /** the admin accepted or rejected a nomination (rejecting needs a reason) */
  'nomination.decided': NominationEvent & { status: NominationStatus; reason: string | null };
  /** jurors were given nominations to score (by the planner or by hand) */
  'jury.assigned': { cycleId: number; categoryId: number; actorId: number; assignments: Array<{ jurorId: number; nominationId: number }>; at: Date };
  /** the admin took an assignment from a juror by hand: removed it, or moved it to another juror (who hears jury.assigned) */
  'jury.unassigned': { cycleId: number; categoryId: number; actorId: number; jurorId: number; nominationId: number; assignmentId: number; moved: boolean; at: Date };
  /** the admin cancelled a juror's recusal: the nomination is the juror's to score again (its submitted scorecard, if any, back to draft) */
  'jury.recusalCancelled': { cycleId: number; categoryId: number; actorId: number; jurorId: number; nominationId: number; recusalId: number; reason: string; scorecardReopened: boolean; at: Date };
  /** the admin moved a cycle to its next phase by hand (the phase clock's moves are not announced) */
  'cycle.phaseMoved': { cycleId: number; kind: CycleKind; from: CycleStatus; to: CycleStatus; actorId: number; at: Date };
  /** the results of a cycle became public (its winners' diplomas are settled in the same transaction) */
  'results.published': { cycleId: number; actorId: number; at: Date };
  /** the results of a cycle were hidden again for a correction */
  'results.unpublished': { cycleId: number; actorId: number; reason: string; at: Date };
  /** certificates were issued (to winners at publication, or by the admin's action) */
  'certificates.issued': { cycleId: number; kind: string; actorId: number | null; certificates: Array<{ id: number; number: string }>; at: Date };
  /**
   * a person was given a one-time link to set their password: invited, or a new link issued (`reinvited`, the
   * earlier ones stopped working). The token travels only here, for the mail: the database keeps its hash.
   */
  'user.invited': { userId: number; invitationId: number; token: string; expiresAt: Date; actorId: number | null; reinvited: boolean; at: Date };
  /** an active person who forgot their password asked for a one-time link to set a new one (the token as above) */
  'user.passwordResetRequested': { userId: number; resetId: number; token: string; expiresAt: Date; at: Date };
  /** a nomination's publication consent was given or changed (what of the nominee may be public changed) */
  'consent.publicationChanged': { nominationId: number; cycleId: number; actorId: number; at: Date };
  /** the admin recorded a person's withdrawal of a consent: nothing of theirs may be public from now on */
  'consent.withdrawn': { nominationId: number; cycleId: number; scope: 'processing' | 'publication'; actorId: number; at: Date };
  /** certificates of attendance were issued to people checked in at an event (each is mailed their link) */
  'events.certificatesIssued': { eventId: number; actorId: number | null; certificates: Array<{ id: number; number: string }>; at: Date };
  /** a person asked to register for an event, or asked again while unconfirmed (a new link): the token travels only here */
  'registration.requested': RegistrationEvent & { token: string };
  /** an address already confirmed or waiting asked again: a new personal link goes to it (the page says nothing more) */
  'registration.repeated': RegistrationEvent & { token: string };
  /** the organiser invited a person (a laureate, a speaker) to an event: the link to accept goes to them */
  'registration.invited': RegistrationEvent & { token: string; actorId: number };
  /** a registration took a place (seated) or joined the waiting list; promoted: moved up from it */
  'registration.placed': RegistrationEvent & { seated: boolean; promoted: boolean; token: string | null };
  /** an online event starts soon: its joining link is due to a confirmed registrant (once) */
  'registration.joinLinkReleased': RegistrationEvent;
  /** participants of a track were marked completed (by the admin or the host's coordinator); their certificates of completion follow */
  'participant.completed': { cycleId: number; trackId: number; participantIds: number[]; actorId: number | null; at: Date };
  /** a participant's outcome was changed after it was marked (completed ↔ not completed, reopened, hours corrected): a certificate issued for it is revoked */
  'participant.outcomeChanged': { cycleId: number; trackId: number; participantIds: number[]; reason: string | null; actorId: number | null; at: Date };
  /**
   * a place on a track was offered to an applicant (at the allocation's approval, or from the reserve when a place
   * freed: `fromTrackId` is the track they leave for it). The one-time link's token travels only here, for the mail.
   */
  'programme.placeOffered': { participantId: number; cycleId: number; trackId: number; nominationId: number; token: string; expiresAt: Date; fromTrackId: number | null; actorId: number | null; at: Date };
}

export interface NominationEvent {
  nominationId: number;
  cycleId: number;
  municipalityId: number;
  actorId: number | null;
  at: Date;
}

/** an event's registration: what its mail needs is read by id; the personal token, when there is one, comes along */
export interface RegistrationEvent {
  registrationId: number;
  eventId: number;
  at: Date;
}

export type DomainEventName = keyof DomainEvents;
