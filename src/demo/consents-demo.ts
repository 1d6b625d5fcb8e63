import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { insertDocument } from '../nominations/document-store';
import { setPublicationConsent } from '../consent/lifecycle';
import { PUBLIC_FIELDS, type PublicField } from '../consent/public-fields';
import { demoLetterPdf } from './documents';

/**
 * What the demo nominees allowed to be published, by surname: everything, except a few chosen so the public pages
 * show the masking — Зимина, a 2025 winner, allowed nothing (her place and category are published without her
 * data); Виноградов, another 2025 winner, allowed his name and municipality but not his position or workplace.
 */
const PUBLICATION_EXCEPTIONS: Record<string, PublicField[]> = {
  Зимина: [],
  Виноградов: ['fullName', 'municipality'],
  Сафонова: [],
  Полякова: ['fullName'],
};

export const demoPublication = (lastName: string): PublicField[] => PUBLICATION_EXCEPTIONS[lastName] ?? [...PUBLIC_FIELDS];

/**
 * A submitted demo nomination's consents as its officer attached them: the scan of the signed consent to
 * processing, and, when the nominee allowed anything to be published, the signed consent to publication and the
 * boxes ticked on the form.
 */
export async function seedConsents(m: EntityManager, n: { nominationId: number; authorId: number; lastName: string }): Promise<void> {
  const publication = demoPublication(n.lastName);
  for (const kind of publication.length ? KINDS : KINDS.slice(0, 1)) {
    const scan = await scanOf(kind);
    await insertDocument(m, {
      nominationId: n.nominationId, kind, fileName: `${SCANS[kind]} — ${n.lastName}.pdf`,
      mime: 'application/pdf', size: scan.pdf.length, sha256: scan.sha256, uploadedById: n.authorId,
    }, scan.pdf);
  }
  await setPublicationConsent(m, n.nominationId, publication, n.authorId);
}

const SCANS = { consent_processing: 'Согласие на обработку персональных данных', consent_publication: 'Согласие на распространение персональных данных' } as const;
const KINDS = Object.keys(SCANS) as Array<keyof typeof SCANS>;
const scans = new Map<keyof typeof SCANS, Promise<{ pdf: Buffer; sha256: string }>>();

/** One stand-in scan per kind, made once: a hundred demo nominations need not render a hundred PDFs on the first start. */
function scanOf(kind: keyof typeof SCANS): Promise<{ pdf: Buffer; sha256: string }> {
  let scan = scans.get(kind);
  if (!scan) {
    scan = demoLetterPdf(SCANS[kind], ['Скан подписанного номинантом бланка (демонстрационный документ).'])
      .then((pdf) => ({ pdf, sha256: crypto.createHash('sha256').update(pdf).digest('hex') }));
    scans.set(kind, scan);
  }
  return scan;
}
