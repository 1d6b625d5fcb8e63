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
