import type { Event } from './event.entity';

export type RegistrationWindow = 'notYetOpen' | 'open' | 'closed';

/** Where the public registration stands at `now`: the form is shown, and taken, only while it is open. */
export function registrationWindow(event: Pick<Event, 'registrationOpensAt' | 'registrationClosesAt'>, now: Date): RegistrationWindow {
  if (now < event.registrationOpensAt) return 'notYetOpen';
  return now < event.registrationClosesAt ? 'open' : 'closed';
}
