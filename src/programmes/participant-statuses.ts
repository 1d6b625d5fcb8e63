/**
 * The participant lifecycle as data: every status, every move, and the groups the rest of the code asks
 * about. Pure and import-free, so the entity's CHECK constraint is built from it. Nothing outside this
 * file (and participant-lifecycle.ts, which performs the moves) spells a participant status.
 *
 *   offered ──confirm──▶ confirmed ──complete──▶ completed
 *      │  └──decline──▶ declined        ├──fail──▶ not_completed
 *      ├──expire──▶ expired             └──withdraw──▶ withdrawn
 *      └──moveUp──▶ moved   (also from confirmed: the reserve gave them a track they listed higher;
 *                            their new place is a new participant row, offered)
 *   (a delegation's participants are imported as confirmed: the host and the ministry agreed on them already)
 *   completed / not_completed ──reopen──▶ confirmed   (a corrected outcome: reopened and marked again at once)
 */

export const PARTICIPANT_STATUSES = ['offered', 'confirmed', 'declined', 'expired', 'completed', 'not_completed', 'withdrawn', 'moved'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/** Where a participant came from: the programme's allocation, or a delegation's list imported by the admin. */
export const PARTICIPANT_SOURCES = ['allocation', 'delegation'] as const;
export type ParticipantSource = (typeof PARTICIPANT_SOURCES)[number];

/** Named sets of statuses; each is the one definition of what it says. */
export const PARTICIPANT_GROUPS = {
  /** offered a place and not yet answered: the place is pending */
  pending: ['offered'],
  /** holds the place for good (confirmed it, and what follows) */
  holding: ['confirmed', 'completed', 'not_completed'],
  /** takes one of the track's places: holding it or offered it */
  occupying: ['offered', 'confirmed', 'completed', 'not_completed'],
  /** gave the place back, let the deadline pass, or left it for a track they wanted more */
  released: ['declined', 'expired', 'withdrawn', 'moved'],
  /** what a delegation's imported row is created as */
  imported: ['confirmed'],
  /** has a certificate of completion due (src/certificates) */
  certified: ['completed'],
  /** took part and waits for the host's outcome (the completion page marks them) */
  awaitingOutcome: ['confirmed'],
  /** finished the track (a certificate of completion is theirs) */
  completed: ['completed'],
  /** took part but did not finish it */
  notCompleted: ['not_completed'],
  /** an outcome has been marked (it may be corrected until the programme is closed) */
  marked: ['completed', 'not_completed'],
  /** said no to the offer, or let its deadline pass */
  turnedDown: ['declined', 'expired'],
} as const satisfies Record<string, readonly ParticipantStatus[]>;

export type ParticipantGroup = keyof typeof PARTICIPANT_GROUPS;

export function isInParticipantGroup(group: ParticipantGroup, status: string): status is ParticipantStatus {
  return (PARTICIPANT_GROUPS[group] as readonly string[]).includes(status);
}

/** The one status of a one-status group. */
export function theParticipantStatus(group: ParticipantGroup): ParticipantStatus {
  const list = PARTICIPANT_GROUPS[group];
  if (list.length !== 1) throw new Error(`participant group ${group} has ${list.length} statuses`);
  return list[0];
}

const sqlList = (list: readonly string[]) => list.map((s) => `'${s}'`).join(',');

/** «The participant's status is in the group» as SQL; the values are this file's constants, never input. */
export function participantStatusIn(group: ParticipantGroup, alias: string | null = 'p'): string {
  return `${alias ? `${alias}.` : ''}status IN (${sqlList(PARTICIPANT_GROUPS[group])})`;
}

/** The entity's CHECK constraint (kept byte for byte as the migration wrote it). */
export const PARTICIPANT_STATUS_CHECK_SQL = `status IN (${sqlList(PARTICIPANT_STATUSES)})`;
export const PARTICIPANT_SOURCE_CHECK_SQL = `source IN (${sqlList(PARTICIPANT_SOURCES)})`;

/** Every move a participant can make; `audit` is the action written to the audit log. */
export const PARTICIPANT_MOVES = {
  confirm: { from: ['offered'], to: 'confirmed', audit: 'participant.confirmed' },
  decline: { from: ['offered'], to: 'declined', audit: 'participant.declined' },
  /** the confirmation deadline passed without an answer */
  expire: { from: ['offered'], to: 'expired', audit: 'participant.expired' },
  complete: { from: ['confirmed'], to: 'completed', audit: 'participant.completed' },
  fail: { from: ['confirmed'], to: 'not_completed', audit: 'participant.notCompleted' },
  /** a confirmed participant gives the place back before the training (the reserve moves up as for a decline) */
  withdraw: { from: ['confirmed'], to: 'withdrawn', audit: 'participant.withdrawn' },
  /** the reserve gave them a track they listed higher: this place is freed, the new one offered */
  moveUp: { from: ['offered', 'confirmed'], to: 'moved', audit: 'participant.movedUp' },
  /** an outcome marked by mistake is taken back (to be marked again at once, in the same correction) */
  reopen: { from: ['completed', 'not_completed'], to: 'confirmed', audit: 'participant.outcomeReopened' },
} as const satisfies Record<string, { from: readonly ParticipantStatus[]; to: ParticipantStatus; audit: string }>;

export type ParticipantMove = keyof typeof PARTICIPANT_MOVES;

export function canMoveParticipant(move: ParticipantMove, from: ParticipantStatus): boolean {
  return (PARTICIPANT_MOVES[move].from as readonly ParticipantStatus[]).includes(from);
}
