import type { EntityManager } from 'typeorm';
import type { Event } from './event.entity';
import { Registration } from './registration.entity';
import { hashRegistrationToken } from './registration-links';
import { cancelRegistration, confirmRegistration, lockEvent, lockRegistration } from './registration-lifecycle';
import { revokeAttendanceCertificateOf } from './attendance-certificates';
import { REGISTRATION_INITIAL, REGISTRATION_MOVES, canMoveRegistration, type RegistrationMove, type RegistrationStatus } from './registration-statuses';

/**
 * What the registrant does from their personal link: confirm the address, accept an invitation, cancel. Each
 * runs under the event's lock, then the registration's; a click that no longer applies (confirmed twice, say)
 * changes nothing and says where the registration stands. After the event ends nothing changes.
 */
export type RegistrantResult = { ok: true; status: RegistrationStatus } | { ok: false; notFound: true } | { ok: false; over: true } | { ok: false; stale: RegistrationStatus };

type Action = 'confirm' | 'accept' | 'cancel';
/** the moves each action may make, so a confirm click never accepts an invitation and the reverse */
const FROM: Record<Action, { move: RegistrationMove; from: RegistrationStatus }[]> = {
  confirm: [{ move: 'seat', from: REGISTRATION_INITIAL.selfService }],
  accept: [{ move: 'seat', from: REGISTRATION_INITIAL.invitation }],
  cancel: REGISTRATION_MOVES.cancel.from.map((from) => ({ move: 'cancel' as const, from })),
};

export async function actOnRegistration(m: EntityManager, eventId: number, token: string, action: Action, now: Date, reasonForCancel: string | null = null): Promise<RegistrantResult> {
  const event = await lockEvent(m, eventId);
  if (!event) return { ok: false, notFound: true };
  const r = await lockRegistration(m, { tokenHash: hashRegistrationToken(token) });
  if (!r || r.eventId !== eventId) return { ok: false, notFound: true };
  if (now >= event.endsAt) return { ok: false, over: true };
  if (!FROM[action].some((a) => a.from === r.status && canMoveRegistration(a.move, r.status))) return { ok: false, stale: r.status };
  return { ok: true, status: await perform(m, event, r, action, token, now, reasonForCancel) };
}

async function perform(m: EntityManager, event: Event, r: Registration, action: Action, token: string, now: Date, reason: string | null): Promise<RegistrationStatus> {
  if (action === 'cancel') {
    await cancelRegistration(m, event, r, { actorId: null, reason, now });
    return r.status;
  }
  // accepting an invitation is when its consent is given
  if (action === 'accept') await m.update(Registration, { id: r.id }, { consentAt: now });
  return confirmRegistration(m, event, r, { actorId: null, now, token });
}

/** The organiser cancels a registration, with a reason (audited); a freed place goes to the first waiting. */
export async function cancelByOrganiser(m: EntityManager, eventId: number, registrationId: number, reason: string, actorId: number, now: Date): Promise<RegistrantResult> {
  const event = await lockEvent(m, eventId);
  if (!event) return { ok: false, notFound: true };
  const r = await lockRegistration(m, { id: registrationId });
  if (!r || r.eventId !== eventId) return { ok: false, notFound: true };
  if (!canMoveRegistration('cancel', r.status)) return { ok: false, stale: r.status };
  await cancelRegistration(m, event, r, { actorId, reason, now });
  // a cancelled registration holds no certificate of attendance either
  await revokeAttendanceCertificateOf(m, r.id, reason, now);
  return { ok: true, status: r.status };
}
