import type { CertificateKind } from './certificate.entity';
import type { AdminCertificate, PublicCertificate } from './queries';

/** What the certificate pages show, as view models: booleans and message keys, never raw states. */

export const pdfUrl = (code: string) => `/certificates/${code}.pdf`;
export const verifyPath = (code: string) => `/verify/${code}`;

export function certificateStatus(c: Pick<AdminCertificate, 'revokedAt' | 'replacedById'>) {
  return { valid: !c.revokedAt, revoked: !!c.revokedAt, replaced: !!c.replacedById };
}

/** «Победитель, I место — Лучший участковый педиатр»: what the certificate was given for (a track's name for completion). */
export function awardOf(c: { kind: CertificateKind; printed: Record<string, string>; place: number | null }) {
  return {
    kindKey: `certificates.kinds.${c.kind}`,
    category: c.printed[c.kind === 'completion' ? 'track.name' : 'category.name'] ?? null,
    place: c.kind === 'winner' && c.place ? (c.printed['place.roman'] ?? String(c.place)) : null,
  };
}

export function adminRow(c: AdminCertificate) {
  return {
    id: c.id,
    number: c.number,
    holderName: c.holderName,
    issuedAt: c.issuedAt,
    revokedAt: c.revokedAt,
    revokedReason: c.revokedReason,
    replacementNumber: c.replacementNumber,
    ...certificateStatus(c),
    ...awardOf(c),
    pdfUrl: pdfUrl(c.code),
    verifyUrl: verifyPath(c.code),
  };
}

/** A certificate of completion's track as printed: where, when, and the hours attended of the track's. */
export function completionOf(c: { kind: CertificateKind; printed: Record<string, string> }) {
  if (c.kind !== 'completion') return null;
  const p = c.printed;
  return {
    track: p['track.name'] ?? '',
    host: p['track.host'] ?? '',
    place: [p['track.city'], p['track.country']].filter(Boolean).join(', '),
    period: p['track.period'] ?? '',
    hours: p.hours ?? '',
    totalHours: p['track.hours'] ?? '',
  };
}

export function publicView(c: PublicCertificate) {
  return {
    completion: completionOf(c),
    number: c.number,
    holderName: c.holderName,
    cycleName: c.cycleName,
    issuedAt: c.issuedAt,
    issuedOn: c.printed.issuedAt,
    revokedAt: c.revokedAt,
    revokedReason: c.revokedReason,
    replacement: c.replacement ? { number: c.replacement.number, url: verifyPath(c.replacement.code) } : null,
    ...certificateStatus(c),
    ...awardOf(c),
    pdfUrl: c.revokedAt ? null : pdfUrl(c.code),
  };
}
