import type { EntityManager } from 'typeorm';
import { pdfUrl, verifyPath } from '../certificates/view-models';
import type { Event } from './event.entity';
import { attendanceSummary, registrationCertificate } from './attendance-certificate-queries';

/**
 * What the event's pages show of «afterwards»: the admin event page's block (views/partials/event-admin-afterwards.hbs,
 * as `afterwards`) and the registrant's certificate link (views/partials/event-registrant-certificate.hbs, as
 * `attendanceCertificate`).
 */
export async function eventAfterwardsView(m: EntityManager, event: Pick<Event, 'id' | 'startsAt'>, now = new Date()) {
  const { issued, waiting } = await attendanceSummary(m, event.id);
  const base = `/admin/events/${event.id}`;
  const started = new Date(event.startsAt) <= now;
  return {
    issued,
    waiting,
    started,
    canIssue: started && waiting > 0,
    issueUrl: `${base}/attendance-certificates`,
    zipUrl: issued ? `${base}/attendance-certificates.zip` : null,
    csvUrl: `${base}/registrations.csv`,
    xlsxUrl: `${base}/registrations.xlsx`,
    figuresUrl: `${base}/figures`,
  };
}

export async function registrantCertificateView(m: EntityManager, registrationId: number) {
  const c = await registrationCertificate(m, registrationId);
  return c ? { number: c.number, pdfUrl: pdfUrl(c.code), verifyUrl: verifyPath(c.code) } : null;
}
