import type { EntityManager } from 'typeorm';
import type { AttendancePrinted } from './attendance-certificate-pdf';
import { registrationStatusIn } from './registration-statuses';

/** Reading certificates of attendance: by verification code (public), per registration, per event (admin). */

export interface AttendanceRow extends AttendancePrinted {
  id: number;
  eventId: number;
  registrationId: number;
  seq: number;
  revokedAt: Date | null;
  revokedReason: string | null;
}

const COLUMNS = `a.id, a.event_id AS "eventId", a.registration_id AS "registrationId", a.seq, a.number, a.code, a.holder_name AS "holderName",
  a.printed, a.template, a.issued_at AS "issuedAt", a.revoked_at AS "revokedAt", a.revoked_reason AS "revokedReason"`;

export interface PublicAttendanceCertificate extends AttendanceRow {
  eventName: string;
}

/** A certificate of attendance by its verification code (the /verify and /certificates/CODE.pdf fallback). */
export async function findAttendanceCertificate(m: EntityManager, code: string): Promise<PublicAttendanceCertificate | null> {
  const rows: PublicAttendanceCertificate[] = await m.query(
    `SELECT ${COLUMNS}, e.name AS "eventName" FROM attendance_certificate a JOIN event e ON e.id = a.event_id WHERE a.code = $1`,
    [code],
  );
  return rows[0] ?? null;
}

/** The registration's valid certificate, if it has one (the registrant's page links it). */
export async function registrationCertificate(m: EntityManager, registrationId: number): Promise<{ number: string; code: string } | null> {
  const rows: Array<{ number: string; code: string }> = await m.query(
    `SELECT number, code FROM attendance_certificate WHERE registration_id = $1 AND revoked_at IS NULL`,
    [registrationId],
  );
  return rows[0] ?? null;
}

/** How many valid certificates an event has, and how many checked-in people still wait for one. */
export async function attendanceSummary(m: EntityManager, eventId: number): Promise<{ issued: number; waiting: number }> {
  const [row]: Array<{ issued: number; waiting: number }> = await m.query(
    `SELECT (SELECT count(*)::int FROM attendance_certificate a WHERE a.event_id = $1 AND a.revoked_at IS NULL) AS issued,
            (SELECT count(*)::int FROM registration r
              WHERE r.event_id = $1 AND r.checked_in_at IS NOT NULL AND ${registrationStatusIn('seated')}
                AND NOT EXISTS (SELECT 1 FROM attendance_certificate a WHERE a.registration_id = r.id AND a.revoked_at IS NULL)) AS waiting`,
    [eventId],
  );
  return row;
}

/** An event's valid certificates in number order, a batch at a time (for the streamed ZIP). */
export async function* attendanceBatches(m: EntityManager, eventId: number, size = 100): AsyncGenerator<AttendanceRow[]> {
  for (let after = 0; ; ) {
    const batch: AttendanceRow[] = await m.query(
      `SELECT ${COLUMNS} FROM attendance_certificate a WHERE a.event_id = $1 AND a.revoked_at IS NULL AND a.seq > $2 ORDER BY a.seq LIMIT $3`,
      [eventId, after, size],
    );
    if (batch.length) yield batch;
    if (batch.length < size) return;
    after = batch[batch.length - 1].seq;
  }
}
