import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import { publish } from '../domain-events';
import { certificateNumber, verificationCode } from '../certificates/numbering';
import { DEFAULT_TEMPLATES } from '../certificates/defaults';
import { issueDate } from '../certificates/issue';
import { translate } from '../web/i18n';
import { AttendanceCertificate, type AttendanceTemplate } from './attendance-certificate.entity';
import { ATTENDANCE_ACCENT, ATTENDANCE_BODY, ATTENDANCE_TITLE } from './attendance-certificate-pdf';
import { registrationStatusIn } from './registration-statuses';

/**
 * Issuing certificates of attendance (issue 13) to everyone checked in at an event who has no valid one.
 * The event row is locked first (as every registration move locks it), so two admins pressing the button at
 * once queue: the second sees what the first issued and issues nothing twice; numbers come from
 * event.lastCertificateNumber in the same transaction, so a rolled-back issue leaves no gap.
 */

export type AttendanceIssueResult =
  | { ok: true; issued: Array<{ id: number; number: string }> }
  | { ok: false; problem: 'notFound' | 'notStarted' };

interface LockedEvent {
  id: number;
  name: string;
  starts_at: Date;
  ends_at: Date;
  format: string;
  venue: string;
  cycle_id: number | null;
}

interface Attendee {
  id: number;
  last_name: string;
  first_name: string;
  patronymic: string;
  participant_type: string;
}

/** «12–14 мая 2026 г.» (or one day) in the region's time zone: the certificate is a Russian document. */
export function eventDates(startsAt: Date, endsAt: Date, timeZone: string): string {
  const f = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone });
  return f.formatRange(startsAt, endsAt);
}

/** Where it took place: the address, «онлайн», or both for a hybrid event. */
export function eventPlace(format: string, venue: string): string {
  const online = translate('ru', 'eventsAfter.certificate.online');
  if (format === 'online' || !venue.trim()) return online;
  return format === 'hybrid' ? `${venue.trim()} ${translate('ru', 'eventsAfter.certificate.andOnline')}` : venue.trim();
}

/**
 * The signatories of the award's certificates when the event is its ceremony (the ones the admin keeps in
 * the cycle's templates), else the default ones; frozen into each certificate with the wording.
 */
async function attendanceTemplate(m: EntityManager, cycleId: number | null): Promise<AttendanceTemplate> {
  const rows: Array<{ signatories: AttendanceTemplate['signatories'] }> = cycleId
    ? await m.query(`SELECT signatories FROM certificate_template WHERE cycle_id = $1 AND kind = 'nominee' ORDER BY version DESC LIMIT 1`, [cycleId])
    : [];
  return { title: ATTENDANCE_TITLE, body: ATTENDANCE_BODY, signatories: rows[0]?.signatories ?? ATTENDANCE_SIGNATORIES, accentColor: ATTENDANCE_ACCENT };
}

/** An event of its own (no award behind it): the ministry and the event's organising committee sign. */
const ATTENDANCE_SIGNATORIES = [
  DEFAULT_TEMPLATES.nominee.signatories[0],
  { name: DEFAULT_TEMPLATES.nominee.signatories[1].name, title: 'Председатель организационного комитета' },
];

export const fullNameOf = (r: { last_name: string; first_name: string; patronymic: string }) => [r.last_name, r.first_name, r.patronymic].filter((p) => p && p.trim()).join(' ');

export async function issueAttendanceCertificates(
  m: EntityManager,
  eventId: number,
  actorId: number | null,
  o: { timeZone: string; now?: Date },
): Promise<AttendanceIssueResult> {
  const now = o.now ?? new Date();
  const [event]: LockedEvent[] = await m.query(`SELECT id, name, starts_at, ends_at, format, venue, cycle_id FROM event WHERE id = $1 FOR UPDATE`, [eventId]);
  if (!event) return { ok: false, problem: 'notFound' };
  if (new Date(event.starts_at) > now) return { ok: false, problem: 'notStarted' };
  const attendees: Attendee[] = await m.query(
    `SELECT r.id, r.last_name, r.first_name, r.patronymic, r.participant_type
       FROM registration r
      WHERE r.event_id = $1 AND r.checked_in_at IS NOT NULL AND ${registrationStatusIn('seated')}
        AND NOT EXISTS (SELECT 1 FROM attendance_certificate a WHERE a.registration_id = r.id AND a.revoked_at IS NULL)
      ORDER BY r.number, r.id`,
    [eventId],
  );
  if (!attendees.length) return { ok: true, issued: [] };
  const [{ last }]: Array<{ last: number }> = await m.query(
    `WITH taken AS (UPDATE event SET last_certificate_number = last_certificate_number + $2 WHERE id = $1 RETURNING last_certificate_number) SELECT last_certificate_number AS last FROM taken`,
    [eventId, attendees.length],
  );
  const first = last - attendees.length + 1;
  const year = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: o.timeZone }).format(new Date(event.starts_at)));
  const template = await attendanceTemplate(m, event.cycle_id);
  const common = {
    'event.name': event.name,
    'event.dates': eventDates(new Date(event.starts_at), new Date(event.ends_at), o.timeZone),
    'event.place': eventPlace(event.format, event.venue),
    issuedAt: issueDate(now, o.timeZone),
  };
  const rows = attendees.map((a, i) => {
    const seq = first + i;
    const number = certificateNumber(`EV-${eventId}`, year, seq);
    const holderName = fullNameOf(a);
    return {
      eventId, registrationId: a.id, seq, number, code: verificationCode(), holderName, template, issuedAt: now, issuedById: actorId,
      printed: { ...common, 'holder.fullName': holderName, 'participant.type': translate('ru', `eventsAfter.types.${a.participant_type}`), number },
      revokedAt: null, revokedReason: null,
    };
  });
  const issued: Array<{ id: number; number: string }> = [];
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const result = await m.insert(AttendanceCertificate, chunk);
    chunk.forEach((r, j) => issued.push({ id: result.identifiers[j].id as number, number: r.number }));
  }
  await recordAudit(m, { actorId, entity: 'event', entityId: eventId, action: 'events.certificatesIssued', data: { count: issued.length, first: issued[0].number, last: issued[issued.length - 1].number } });
  await publish(m, 'events.certificatesIssued', { eventId, actorId, certificates: issued, at: now });
  return { ok: true, issued };
}

/**
 * Revokes the person's valid certificate of attendance, if they have one, with the organiser's reason (a check-in
 * taken back, a registration cancelled): /verify shows it as revoked from now on. Returns its number, or null.
 */
export async function revokeAttendanceCertificateOf(m: EntityManager, registrationId: number, reason: string, now: Date): Promise<string | null> {
  // TypeORM answers an UPDATE … RETURNING with [rows, count]
  const [revoked]: [Array<{ number: string }>, number] = await m.query(
    `UPDATE attendance_certificate SET revoked_at = $2, revoked_reason = $3 WHERE registration_id = $1 AND revoked_at IS NULL RETURNING number`,
    [registrationId, now, reason],
  );
  return revoked[0]?.number ?? null;
}
