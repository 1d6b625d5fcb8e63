import { subscribeInTransaction } from '../../domain-events/bus';
import { enqueueMail } from '../outbox';
import { composeMail } from '../compose';
import { DEFAULT_LOCALE, isLocale } from '../../web/i18n';
import { pdfUrl, verifyPath } from '../../certificates/view-models';

/**
 * Each person given a certificate of attendance gets a letter with its links (the PDF and the verify page),
 * in the language they registered in. Registrants are not users: the letter goes to the registration's address.
 */

interface Recipient {
  id: number;
  number: string;
  code: string;
  holderName: string;
  email: string;
  language: string;
  eventName: string;
}

subscribeInTransaction('events.certificatesIssued', async (e, m) => {
  const recipients: Recipient[] = await m.query(
    `SELECT a.id, a.number, a.code, a.holder_name AS "holderName", r.email, r.language, ev.name AS "eventName"
       FROM attendance_certificate a JOIN registration r ON r.id = a.registration_id JOIN event ev ON ev.id = a.event_id
      WHERE a.id = ANY($1::int[]) AND a.revoked_at IS NULL
      ORDER BY a.seq`,
    [e.certificates.map((c) => c.id)],
  );
  for (const r of recipients) {
    const language = isLocale(r.language) ? r.language : DEFAULT_LOCALE;
    const content = composeMail('event_certificate', language, {
      recipientName: r.holderName, eventName: r.eventName, number: r.number, verifyPath: verifyPath(r.code), pdfPath: pdfUrl(r.code),
    });
    await enqueueMail(m, { kind: 'event_certificate', to: { userId: null, email: r.email, name: r.holderName }, language, idempotencyKey: `event_certificate:${r.id}`, content });
  }
});
