import type { EntityManager } from 'typeorm';
import type { Event } from './event.entity';
import type { Registration } from './registration.entity';
import { registrantPath } from './registration-links';
import { registrantCertificateView } from './afterwards-view';
import { REGISTRATION_INITIAL, canMoveRegistration, isInRegistrationGroup, registrationStatusKey } from './registration-statuses';

/**
 * The registrant's own page (their personal link): where the registration stands and what they may do.
 * Other parts of the events domain add their data here, one line each (the badge, the certificate).
 */
export async function registrantPageView(_m: EntityManager, event: Event, registration: Registration, token: string, now: Date) {
  const open = now < event.endsAt;
  const colour = event.participantTypes.find((p) => p.type === registration.participantType)?.colour ?? '#444444';
  return {
    event,
    registration,
    path: registrantPath(event.slug, token),
    statusKey: registrationStatusKey(registration.status),
    typeKey: `events.types.${registration.participantType}`,
    typeColour: colour,
    seated: isInRegistrationGroup('seated', registration.status),
    waiting: isInRegistrationGroup('waitingList', registration.status),
    cancelled: !isInRegistrationGroup('active', registration.status),
    mayConfirm: open && registration.status === REGISTRATION_INITIAL.selfService,
    mayAccept: open && registration.status === REGISTRATION_INITIAL.invitation,
    mayCancel: open && canMoveRegistration('cancel', registration.status),
    over: !open,
    online: event.format !== 'in_person',
    attendanceCertificate: await registrantCertificateView(_m, registration.id),
  };
}
