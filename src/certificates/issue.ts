import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import { Certificate, type CertificateKind } from './certificate.entity';
import { holdersToIssue, type Holder, type HolderFilter } from './holders';
import { certificateNumber, lockCounter, takeNumbers, verificationCode } from './numbering';
import { ensureTemplate } from './templates';
import { publish } from '../domain-events';
import { statusIn } from '../nominations/statuses';
import { issuingOpen, isCertificateKindOf } from './cycle-kinds';

/**
 * Issuing, revoking and re-issuing certificates. Each function runs inside the caller's transaction and
 * takes the cycle's counter lock first, so issuing is serialised per cycle: numbers are gap-free and a
 * holder never gets two valid certificates of one kind, however many admins press the button at once.
 */

/** An award's certificates (and so their public pages) exist only while its results are public; per kind of cycle: cycle-kinds.ts. */
export const ISSUING_STATUSES = ['published', 'archived'];

interface CycleHead {
  id: number;
  name: string;
  code: string;
  year: number;
  status: string;
  kind: string;
  time_zone: string;
}

/** Why nothing can be issued in the cycle's phase: an award's results are not public, a programme is not in completion. */
export type ClosedProblem = 'notPublished' | 'notInCompletion';
export type IssueResult = { ok: true; issued: Array<{ id: number; number: string }> } | { ok: false; problem: 'notFound' | 'wrongKind' | ClosedProblem };

async function cycleHead(m: EntityManager, cycleId: number): Promise<CycleHead | undefined> {
  const rows: CycleHead[] = await m.query(`SELECT c.id, c.name, c.code, c.year, c.status, c.kind, r.time_zone FROM cycle c JOIN region r ON r.id = c.region_id WHERE c.id = $1`, [cycleId]);
  return rows[0];
}

const closedProblem = (cycle: CycleHead): ClosedProblem => (cycle.kind === 'programme' ? 'notInCompletion' : 'notPublished');

/** «12 мая 2026 г.» in the region's time zone: the certificate is a Russian document. */
export function issueDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(at);
}

/**
 * Issues certificates of `kind` to every holder of the cycle who has no valid one (or only to `only`).
 * A holder whose earlier certificate of the kind was revoked gets a new one that the old one points to.
 */
export async function issueCertificates(
  m: EntityManager,
  cycleId: number,
  kind: CertificateKind,
  actorId: number | null,
  opts: { only?: HolderFilter; now?: Date } = {},
): Promise<IssueResult> {
  const cycle = await cycleHead(m, cycleId);
  if (!cycle) return { ok: false, problem: 'notFound' };
  if (!isCertificateKindOf(cycle.kind, kind)) return { ok: false, problem: 'wrongKind' };
  if (!issuingOpen(cycle)) return { ok: false, problem: closedProblem(cycle) };
  await lockCounter(m, cycleId);
  const holders = await holdersToIssue(m, cycleId, kind, opts.only);
  const now = opts.now ?? new Date();
  const { issued, replaced } = await issueTo(m, cycle, kind, holders, actorId, now);
  if (issued.length) {
    await recordAudit(m, { actorId, entity: 'cycle', entityId: cycleId, cycleId, action: 'certificates.issued', data: { kind, count: issued.length, first: issued[0].number, last: issued[issued.length - 1].number } });
    await publish(m, 'certificates.issued', { cycleId, kind, actorId, certificates: issued, at: now });
  }
  for (const r of replaced) {
    await recordAudit(m, { actorId, entity: 'certificate', entityId: r.id, cycleId, action: 'certificate.replaced', from: 'revoked', to: 'replaced', data: { number: r.number, replacement: r.replacement } });
  }
  return { ok: true, issued };
}

/** Why a diploma was revoked when a correction of the results took it away or changed its place. */
export const RESULTS_CORRECTED = 'Итоги конкурса исправлены';

/**
 * The winners' diplomas at publication, which may follow a correction (unpublish, reopen, approve again):
 * first every valid diploma that no longer matches the results — its nomination is no longer a winner,
 * or has another place — is revoked, with a reason; then every winner without a valid diploma gets one,
 * and where the same nomination is still a winner its old diploma points to the new one.
 */
export async function settleWinnerDiplomas(m: EntityManager, cycleId: number, actorId: number | null, now = new Date()): Promise<IssueResult> {
  const cycle = await cycleHead(m, cycleId);
  if (!cycle) return { ok: false, problem: 'notFound' };
  if (!issuingOpen(cycle)) return { ok: false, problem: closedProblem(cycle) };
  await lockCounter(m, cycleId);
  const outdated: Array<{ id: number; number: string; place: number | null; now_place: number | null }> = await m.query(
    `SELECT x.id, x.number, x.place, CASE WHEN ${statusIn('awarded')} THEN n.place END AS now_place
       FROM certificate x LEFT JOIN nomination n ON n.id = x.nomination_id
      WHERE x.cycle_id = $1 AND x.kind = 'winner' AND x.revoked_at IS NULL
        AND (n.id IS NULL OR NOT ${statusIn('awarded')} OR n.place IS NULL OR n.place IS DISTINCT FROM x.place)
      ORDER BY x.seq FOR UPDATE OF x`,
    [cycleId],
  );
  for (const x of outdated) {
    await m.update(Certificate, { id: x.id }, { revokedAt: now, revokedReason: RESULTS_CORRECTED });
    await recordAudit(m, { actorId, entity: 'certificate', entityId: x.id, cycleId, action: 'certificate.revoked', from: 'valid', to: 'revoked', reason: RESULTS_CORRECTED, data: { number: x.number, place: x.place, nowPlace: x.now_place } });
  }
  return issueWinnerDiplomas(m, cycleId, actorId, now);
}

/**
 * The winners' diplomas of a cycle; the publish action calls this in its transaction, after setting the
 * status, with its own `now` so the diplomas bear the publication date.
 */
export const issueWinnerDiplomas = (m: EntityManager, cycleId: number, actorId: number | null, now?: Date) => issueCertificates(m, cycleId, 'winner', actorId, { now });
export const issueParticipationCertificates = (m: EntityManager, cycleId: number, actorId: number | null, now?: Date) => issueCertificates(m, cycleId, 'nominee', actorId, { now });
export const issueJurorLetters = (m: EntityManager, cycleId: number, actorId: number | null, now?: Date) => issueCertificates(m, cycleId, 'juror', actorId, { now });

interface Replaced {
  id: number;
  number: string;
  replacement: string;
}

async function issueTo(m: EntityManager, cycle: CycleHead, kind: CertificateKind, holders: Holder[], actorId: number | null, now: Date): Promise<{ issued: Array<{ id: number; number: string }>; replaced: Replaced[] }> {
  if (!holders.length) return { issued: [], replaced: [] };
  const template = await ensureTemplate(m, cycle.id, kind, actorId);
  const first = await takeNumbers(m, cycle.id, holders.length);
  const issuedOn = issueDate(now, cycle.time_zone);
  const rows = holders.map((h, i) => {
    const seq = first + i;
    const number = certificateNumber(cycle.code, cycle.year, seq);
    return {
      cycleId: cycle.id, kind, seq, number, code: verificationCode(), templateId: template.id, holderName: h.holderName,
      nominationId: h.nominationId, jurorId: h.jurorId, participantId: h.participantId, categoryId: h.categoryId, place: h.place,
      printed: { ...h.values, 'cycle.name': cycle.name, 'cycle.year': String(cycle.year), issuedAt: issuedOn, number },
      issuedAt: now, issuedById: actorId, revokedAt: null, revokedReason: null, replacedById: null,
    };
  });
  const issued: Array<{ id: number; number: string }> = [];
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const result = await m.insert(Certificate, chunk);
    chunk.forEach((r, j) => issued.push({ id: result.identifiers[j].id as number, number: r.number }));
  }
  return { issued, replaced: await linkReplaced(m, issued.map((c) => c.id)) };
}

/** Points each revoked, not yet replaced certificate of the same holder and kind to the one just issued. */
async function linkReplaced(m: EntityManager, issuedIds: number[]): Promise<Replaced[]> {
  // TypeORM answers an UPDATE with [rows, count]
  const [rows]: [Replaced[], number] = await m.query(
    `UPDATE certificate prev SET replaced_by_id = fresh.id
       FROM certificate fresh
      WHERE fresh.id = ANY($1::int[]) AND prev.cycle_id = fresh.cycle_id AND prev.kind = fresh.kind AND prev.id <> fresh.id
        AND prev.revoked_at IS NOT NULL AND prev.replaced_by_id IS NULL
        AND (prev.nomination_id = fresh.nomination_id OR prev.juror_id = fresh.juror_id OR prev.participant_id = fresh.participant_id)
      RETURNING prev.id, prev.number, fresh.number AS replacement`,
    [issuedIds],
  );
  return rows;
}

export type RevokeProblem = 'notFound' | 'reasonRequired' | 'alreadyRevoked';

async function lockedCertificate(m: EntityManager, id: number): Promise<Certificate | null> {
  return m.createQueryBuilder(Certificate, 'c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
}

/** Revokes a certificate with a reason; its verify page says so from now on. */
export async function revokeCertificate(m: EntityManager, id: number, reason: string, actorId: number, now = new Date()): Promise<{ ok: true } | { ok: false; problem: RevokeProblem }> {
  const why = reason.trim();
  if (!why) return { ok: false, problem: 'reasonRequired' };
  const cert = await lockedCertificate(m, id);
  if (!cert) return { ok: false, problem: 'notFound' };
  if (cert.revokedAt) return { ok: false, problem: 'alreadyRevoked' };
  await m.update(Certificate, { id }, { revokedAt: now, revokedReason: why });
  await recordAudit(m, { actorId, entity: 'certificate', entityId: id, cycleId: cert.cycleId, action: 'certificate.revoked', from: 'valid', to: 'revoked', reason: why, data: { number: cert.number } });
  return { ok: true };
}

export type ReissueProblem = 'notFound' | ClosedProblem | 'reasonRequired' | 'alreadyReplaced' | 'notEligible';

/**
 * Re-issues a certificate with a new number, from the holder's current data and the current template
 * (a misspelt name corrected, say). The old one is revoked (if it was not already) and points to the new.
 */
export async function reissueCertificate(m: EntityManager, id: number, reason: string, actorId: number, now = new Date()): Promise<{ ok: true; id: number; number: string } | { ok: false; problem: ReissueProblem }> {
  const found = await m.findOne(Certificate, { where: { id } });
  if (!found) return { ok: false, problem: 'notFound' };
  const cycle = await cycleHead(m, found.cycleId);
  // as for issuing: while the results are unpublished (under correction) nothing new is issued
  if (!cycle) return { ok: false, problem: 'notFound' };
  if (!issuingOpen(cycle)) return { ok: false, problem: closedProblem(cycle) };
  await lockCounter(m, found.cycleId);
  const cert = (await lockedCertificate(m, id))!;
  if (cert.replacedById) return { ok: false, problem: 'alreadyReplaced' };
  const why = reason.trim() || cert.revokedReason || '';
  if (!why) return { ok: false, problem: 'reasonRequired' };
  const only =
    cert.kind === 'juror' ? { jurorId: cert.jurorId ?? -1, replacing: id }
    : cert.kind === 'completion' ? { participantIds: [cert.participantId ?? -1], replacing: id }
    : { nominationId: cert.nominationId ?? -1, replacing: id };
  const holders = await holdersToIssue(m, cert.cycleId, cert.kind, only);
  if (holders.length !== 1) return { ok: false, problem: 'notEligible' };
  if (!cert.revokedAt) await m.update(Certificate, { id }, { revokedAt: now, revokedReason: why });
  // issuing links the revoked certificate to its replacement
  const { issued: [issued] } = await issueTo(m, cycle, cert.kind, holders, actorId, now);
  await recordAudit(m, { actorId, entity: 'certificate', entityId: id, cycleId: cert.cycleId, action: 'certificate.reissued', from: cert.revokedAt ? 'revoked' : 'valid', to: 'replaced', reason: why, data: { number: cert.number, replacement: issued.number } });
  return { ok: true, id: issued.id, number: issued.number };
}
