import { renderCertificate } from '../certificates/render';
import { certificateFileName } from '../certificates/pdf';
import type { AttendanceTemplate } from './attendance-certificate.entity';

/**
 * The PDF of a certificate of attendance, drawn by the diplomas' own machinery (layout, PT fonts, ornaments,
 * QR code of BASE_URL/verify/CODE), so it looks like them. Pure: the stored record gives the same bytes.
 */

/** The fields a stored certificate of attendance needs to be drawn. */
export interface AttendancePrinted {
  number: string;
  code: string;
  holderName: string;
  printed: Record<string, string>;
  template: AttendanceTemplate;
  issuedAt: Date;
}

/**
 * The wording: a line that holds only {holder.fullName} is the large name line (see certificates/layout.ts),
 * the line above it the lead-in, the lines below it what the holder attended.
 */
export const ATTENDANCE_TITLE = 'Сертификат участника';
export const ATTENDANCE_BODY = [
  'настоящим удостоверяется, что',
  '{holder.fullName}',
  'принял(а) участие в мероприятии «{event.name}»',
  'в качестве участника категории «{participant.type}»',
  '{event.dates}, {event.place}',
].join('\n');
export const ATTENDANCE_ACCENT = '#1f6f78';

export async function renderAttendanceCertificate(c: AttendancePrinted, baseUrl: string): Promise<Buffer> {
  const { pdf } = await renderCertificate({
    // the layout knows diploma kinds only; a participation kind draws no place line, which is what this needs
    record: { kind: 'nominee', number: c.number, code: c.code, holderName: c.holderName, place: null, printed: c.printed, issuedAt: c.issuedAt },
    template: c.template,
    assets: { emblem: null, background: null },
    baseUrl,
  });
  return pdf;
}

/** «EV-12-2026-0007 Иванова М.П..pdf»: named as the diplomas are. */
export const attendanceFileName = (c: Pick<AttendancePrinted, 'number' | 'holderName'>) => certificateFileName(c);
