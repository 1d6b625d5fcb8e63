import type { EntityManager } from 'typeorm';
import type { SessionUser } from '../auth/session-user';
import { allows } from '../auth/policies';
import { publicFieldsOf, type PublicField } from '../consent/public-fields';
import { certificateForPublic, noticeKeyOf } from '../consent/public-view';
import { translate, type Locale } from '../web/i18n';
import type { PublicCertificate } from './queries';
import type { LoadedTemplate } from './pdf';
import { certificateFileName } from './pdf';

/**
 * A certificate as its public addresses show it (/verify/CODE and /certificates/CODE.pdf): a nominee's data only
 * as far as their publication consent allows now (consent/public-view.ts), so a withdrawal hides it at once.
 * The number, cycle, category, place and date always stay: the certificate still verifies. A juror's letter
 * belongs to no nomination and is shown as issued.
 */

/** The admin, and the officers of the nomination's municipality (they hand the diploma over), get the PDF as issued. */
export function seesAsIssued(user: SessionUser | undefined, cert: Pick<PublicCertificate, 'municipalityId'>): boolean {
  if (allows('admin', user)) return true;
  return allows('officer', user) && cert.municipalityId !== null && user!.municipalityId === cert.municipalityId;
}

/** What of the holder may be public; null: not a nominee's certificate, nothing to mask. */
async function allowedOf(m: EntityManager, cert: PublicCertificate): Promise<ReadonlySet<PublicField> | null> {
  if (cert.nominationId === null) return null;
  return (await publicFieldsOf(m, [cert.nominationId])).get(cert.nominationId)!;
}

export interface PublicCopy {
  certificate: PublicCertificate;
  /** the template with the withheld placeholders taken out of its body (only when one was given) */
  template: LoadedTemplate | null;
  /** the message key standing in the holder's name, null when the name is shown */
  noticeKey: string | null;
  fileName: string;
}

/**
 * The certificate (and its template, for the PDF) as the public may see it; the notice in the name's place is
 * in `locale` (a diploma is a Russian document: its PDF is always 'ru').
 */
export async function publicCopyOf(m: EntityManager, cert: PublicCertificate, loaded: LoadedTemplate | null, locale: Locale): Promise<PublicCopy> {
  const allowed = await allowedOf(m, cert);
  const asIssued: PublicCopy = { certificate: cert, template: loaded, noticeKey: null, fileName: certificateFileName(cert) };
  if (!allowed) return asIssued;
  const noticeKey = noticeKeyOf(allowed);
  const masked = certificateForPublic(cert, loaded?.template.body ?? '', allowed, noticeKey ? translate(locale, noticeKey) : '');
  return {
    // the reason of a revocation is the admin's free text and may name the holder: not shown when the name is not
    certificate: noticeKey ? { ...masked.record, revokedReason: null } : masked.record,
    template: loaded ? { ...loaded, template: { ...loaded.template, body: masked.body } } : null,
    noticeKey,
    // a name not shown is not in the file name either
    fileName: noticeKey ? `${cert.number}.pdf` : asIssued.fileName,
  };
}
