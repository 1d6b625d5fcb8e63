/**
 * The registration lifecycle as data (issue 13). Pure and import-free; nothing outside this file (and
 * registration-lifecycle.ts, which performs the moves) spells a registration status.
 *
 *   pending ──confirm (email link)──▶ confirmed ──cancel──▶ cancelled
 *      │        └─(event full)──▶ waiting ──promote──▶ confirmed
 *      └──cancel──▶ cancelled       └──cancel──▶ cancelled
 *   invited (by the organiser, e.g. a laureate) ──accept──▶ confirmed | waiting ; ──cancel──▶ cancelled
 */
export const REGISTRATION_STATUSES = ['pending', 'invited', 'confirmed', 'waiting', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const REGISTRATION_GROUPS = {
  /** counts against the one-registration-per-address rule */
  active: ['pending', 'invited', 'confirmed', 'waiting'],
  /** takes one of the event's places */
  seated: ['confirmed'],
  /** has not yet confirmed the address (or accepted the invitation) */
  unconfirmed: ['pending', 'invited'],
  /** waits for a place, in the order it joined */
  waitingList: ['waiting'],
} as const satisfies Record<string, readonly RegistrationStatus[]>;

export type RegistrationGroup = keyof typeof REGISTRATION_GROUPS;

export function isInRegistrationGroup(group: RegistrationGroup, status: string): status is RegistrationStatus {
  return (REGISTRATION_GROUPS[group] as readonly string[]).includes(status);
}

const sqlList = (list: readonly string[]) => list.map((s) => `'${s}'`).join(',');

/** «The registration's status is in the group» as SQL; the values are this file's constants, never input. */
export function registrationStatusIn(group: RegistrationGroup, alias: string | null = 'r'): string {
  return `${alias ? `${alias}.` : ''}status IN (${sqlList(REGISTRATION_GROUPS[group])})`;
}

export const REGISTRATION_STATUS_CHECK_SQL = `status IN (${sqlList(REGISTRATION_STATUSES)})`;
/** the partial unique index's condition: one active registration per address and event */
export const REGISTRATION_ACTIVE_WHERE_SQL = `status IN (${sqlList(REGISTRATION_GROUPS.active)})`;

/** What a registration is created as: by the person on the public form, or by the organiser's invitation. */
export const REGISTRATION_INITIAL = { selfService: 'pending', invitation: 'invited' } as const satisfies Record<string, RegistrationStatus>;

/**
 * Every move a registration can make (registration-lifecycle.ts performs them, under the event's lock).
 * Confirming the address or accepting an invitation is `seat` while places are left, else `queue`.
 */
export const REGISTRATION_MOVES = {
  seat: { from: ['pending', 'invited'], to: 'confirmed', audit: 'registration.confirmed' },
  queue: { from: ['pending', 'invited'], to: 'waiting', audit: 'registration.waiting' },
  promote: { from: ['waiting'], to: 'confirmed', audit: 'registration.promoted' },
  cancel: { from: ['pending', 'invited', 'confirmed', 'waiting'], to: 'cancelled', audit: 'registration.cancelled' },
} as const satisfies Record<string, { from: readonly RegistrationStatus[]; to: RegistrationStatus; audit: string }>;

export type RegistrationMove = keyof typeof REGISTRATION_MOVES;

export function canMoveRegistration(move: RegistrationMove, from: RegistrationStatus): boolean {
  return (REGISTRATION_MOVES[move].from as readonly string[]).includes(from);
}

/** A status's label key (locales/<lang>/events.json). */
export const registrationStatusKey = (status: RegistrationStatus) => `events.status.${status}`;
