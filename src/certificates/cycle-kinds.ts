import type { CycleKind } from '../cycles/cycle.entity';
import type { CertificateKind } from './certificate.entity';

/**
 * Which certificates each kind of cycle gives, and in which phases they exist. An award's certificates
 * follow its public results (published, archived: while the results are unpublished for a correction,
 * nothing is issued or shown). A programme's certificates of completion follow its completion phase:
 * the host's outcomes are in by then, and the programme stays verifiable once closed.
 */
export const CERTIFICATE_KINDS_OF: Record<CycleKind, readonly CertificateKind[]> = {
  award: ['winner', 'nominee', 'juror'],
  programme: ['completion'],
};

const ISSUING: Record<CycleKind, readonly string[]> = {
  award: ['published', 'archived'],
  programme: ['completion', 'closed'],
};

/** A cycle whose kind was not read counts as an award, as in phases.ts. */
const kindOf = (kind: string | null | undefined): CycleKind => (kind === 'programme' ? 'programme' : 'award');

export function certificateKindsOf(cycleKind: string | null | undefined): readonly CertificateKind[] {
  return CERTIFICATE_KINDS_OF[kindOf(cycleKind)];
}

export function isCertificateKindOf(cycleKind: string | null | undefined, kind: unknown): kind is CertificateKind {
  return (certificateKindsOf(cycleKind) as readonly unknown[]).includes(kind);
}

/** Whether certificates may be issued, and are public, in this phase of this kind of cycle. */
export function issuingOpen(cycle: { kind?: string | null; status: string }): boolean {
  return ISSUING[kindOf(cycle.kind)].includes(cycle.status);
}
