import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import { lockEvent } from './registration-lifecycle';
import { revokeAttendanceCertificateOf } from './attendance-certificates';

export type UndoCheckInResult = { ok: true; revokedCertificate: string | null } | { ok: false; problem: 'notFound' | 'notCheckedIn' };

/**
 * Takes back a check-in made by mistake (the wrong person tapped, a badge used by someone else): the organiser
 * gives the reason, the mark goes, and the person's certificate of attendance, if one was issued, is revoked
 * with that reason, so /verify says so from now on. Runs under the event's lock, as the issuing of certificates
 * does: an issue pressed at the same moment sees the person either still in (and is then revoked here) or out.
 * Audited without personal data; the person may be checked in again at the door.
 */
export async function undoCheckIn(m: EntityManager, actorId: number, eventId: number, registrationId: number, reason: string, now: Date): Promise<UndoCheckInResult> {
  if (!(await lockEvent(m, eventId))) return { ok: false, problem: 'notFound' };
  const [person]: Array<{ number: number | null; checked_in_at: Date | null }> = await m.query(
    `SELECT number, checked_in_at FROM registration WHERE event_id = $1 AND id = $2 FOR UPDATE`,
    [eventId, registrationId],
  );
  if (!person) return { ok: false, problem: 'notFound' };
  if (!person.checked_in_at) return { ok: false, problem: 'notCheckedIn' };
  await m.query(`UPDATE registration SET checked_in_at = NULL, checked_in_by_id = NULL WHERE id = $1`, [registrationId]);
  const revokedCertificate = await revokeAttendanceCertificateOf(m, registrationId, reason, now);
  await recordAudit(m, { actorId, entity: 'registration', entityId: registrationId, action: 'registration.checkInUndone', reason, data: { eventId, number: person.number, revokedCertificate } });
  return { ok: true, revokedCertificate };
}
