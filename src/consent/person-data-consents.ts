import type { DataSource, EntityManager } from 'typeorm';
import { insertDocument, transferSlots } from '../nominations/document-store';
import type { CheckedFile } from '../nominations/uploads';
import { canMove, isIn, type NominationStatus } from '../nominations/statuses';
import { moveNomination } from '../nominations/lifecycle';
import { FULL_NAME_SQL } from '../nominations/screening-queries';
import { recordAudit } from '../audit/record';
import { setPublicationConsent, withdrawConsent } from './lifecycle';
import { PUBLIC_FIELDS, PUBLIC_FIELD_COLUMNS, type PublicField } from './public-fields';
import type { ConsentScope } from './consent-withdrawal.entity';
import type { ErasureReason } from './person-data-erasure.entity';
import { anonymiseNominations } from './person-data-erase';

/**
 * The admin's side of a nomination's consents: recording a person's withdrawal (with their written request) and
 * recording or correcting a consent to publication (for winners published before consents were kept). The state
 * itself is lifecycle.ts's; this adds the document, and what a withdrawal of processing means for the record.
 */

/** What a withdrawal of the consent to processing did to the nomination's record. */
export type WithdrawalOutcome =
  /** publication only: the record is untouched, nothing of it is public any more */
  | 'publicationStopped'
  /** a winner: publication stopped, the record kept as the ministry's archive */
  | 'archived'
  /** won nothing: its personal data erased (the written request kept as the reason) */
  | 'anonymised';

export interface WithdrawalForm {
  scope: ConsentScope;
  requestedOn: Date;
  note: string;
  /** the person's written request, checked by the upload scanner */
  request: CheckedFile;
}

interface LockedNomination {
  id: number;
  status: NominationStatus;
  version: number;
  cycleId: number;
  municipalityId: number;
}

async function lockNomination(m: EntityManager, id: number): Promise<LockedNomination | null> {
  const rows: LockedNomination[] = await m.query(
    `SELECT id, status, version, cycle_id AS "cycleId", municipality_id AS "municipalityId" FROM nomination WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

/** A save carrying a document takes a transfer slot, as the officer's saves do (document-store.ts). */
const withDocument = <T>(ds: DataSource, work: (m: EntityManager) => Promise<T>) => transferSlots(ds).saves.run(() => ds.transaction(work));

/**
 * Records a withdrawal in one transaction: the request stored as a document of the nomination, the withdrawal
 * (lifecycle.ts: publication ends, audited without data, 'consent.withdrawn' announced), and for processing the
 * record's fate: a winner's is kept as archive, any other is taken out of the award (withdrawn while it still
 * can be) and its personal data erased. Null when the nomination does not exist.
 */
export async function recordWithdrawal(ds: DataSource, actorId: number, nominationId: number, form: WithdrawalForm): Promise<WithdrawalOutcome | null> {
  return withDocument(ds, async (m) => {
    const n = await lockNomination(m, nominationId);
    if (!n) return null;
    const f = form.request;
    const attachmentId = await insertDocument(m, { nominationId, kind: 'consent_withdrawal', fileName: f.fileName, mime: f.mime, size: f.size, sha256: f.sha256, uploadedById: actorId }, { path: f.path });
    await withdrawConsent(m, { nominationId, scope: form.scope, requestedOn: form.requestedOn, attachmentId, note: form.note, actorId });
    if (form.scope === 'publication') return 'publicationStopped';
    if (isIn('awarded', n.status)) return 'archived';
    await eraseAudited(m, [nominationId], 'withdrawal', actorId);
    return 'anonymised';
  });
}

/**
 * Erases nominations' personal data on the person's word (a withdrawal, a request) and notes it in each one's
 * history, the reason only. Processing ends with it, so a nomination that may still be withdrawn from the award
 * is withdrawn first; one under judging stays there, without the person. Winners are skipped (archive).
 */
export async function eraseAudited(m: EntityManager, ids: number[], reason: Exclude<ErasureReason, 'retention'>, actorId: number): Promise<number> {
  const rows: LockedNomination[] = await m.query(
    `SELECT id, status, version, cycle_id AS "cycleId", municipality_id AS "municipalityId" FROM nomination
      WHERE id = ANY($1::int[]) AND NOT EXISTS (SELECT 1 FROM person_data_erasure e WHERE e.nomination_id = nomination.id)
      ORDER BY id FOR UPDATE`,
    [ids],
  );
  for (const n of rows) if (canMove('withdraw', n.status)) await moveNomination(m, n, 'withdraw', { actorId });
  const done = await anonymiseNominations(m, rows.map((n) => n.id), { reason, actorId, at: new Date(), keepRequests: true });
  for (const n of rows.filter((r) => done.ids.includes(r.id))) {
    await recordAudit(m, { actorId, entity: 'nomination', entityId: n.id, cycleId: n.cycleId, action: 'nomination.personalDataErased', data: { reason } });
  }
  return done.nominations;
}

export type PublicationConsentResult = { ok: true } | { ok: false; problem: 'notFound' | 'documentRequired' };

/**
 * Records (or corrects) which data the person allowed to be public, as their signed consent says. Allowing
 * anything needs the signed consent on file: uploaded now, or uploaded before with the nomination.
 */
export async function recordPublicationConsent(ds: DataSource, actorId: number, nominationId: number, fields: PublicField[], document: CheckedFile | null): Promise<PublicationConsentResult> {
  const work = async (m: EntityManager): Promise<PublicationConsentResult> => {
    const n = await lockNomination(m, nominationId);
    if (!n) return { ok: false, problem: 'notFound' };
    if (fields.length && !document) {
      const [onFile] = await m.query(`SELECT 1 FROM attachment WHERE nomination_id = $1 AND kind = 'consent_publication' LIMIT 1`, [nominationId]);
      if (!onFile) return { ok: false, problem: 'documentRequired' };
    }
    if (document) {
      await insertDocument(m, { nominationId, kind: 'consent_publication', fileName: document.fileName, mime: document.mime, size: document.size, sha256: document.sha256, uploadedById: actorId }, { path: document.path });
    }
    await setPublicationConsent(m, nominationId, fields, actorId);
    return { ok: true };
  };
  return document ? withDocument(ds, work) : ds.transaction(work);
}

export interface ConsentPage {
  id: number;
  fullName: string;
  cycleName: string;
  categoryName: string | null;
  status: NominationStatus;
  isWinner: boolean;
  erasure: { reason: ErasureReason; erasedAt: Date } | null;
  publication: { fields: PublicField[]; givenAt: Date; withdrawnAt: Date | null } | null;
  withdrawals: Array<{ id: number; scope: ConsentScope; requestedOn: string; recordedAt: Date; actorName: string; attachmentId: number | null; fileName: string | null; note: string }>;
  documents: Array<{ id: number; kind: string; fileName: string }>;
}

/** Everything the consent page of a nomination shows; null when there is no such nomination. */
export async function consentPage(m: EntityManager, nominationId: number): Promise<ConsentPage | null> {
  const [head] = await m.query(
    `SELECT n.id, ${FULL_NAME_SQL} AS "fullName", cy.name AS "cycleName", c.name AS "categoryName", n.status,
            e.reason AS "erasureReason", e.erased_at AS "erasedAt"
       FROM nomination n JOIN cycle cy ON cy.id = n.cycle_id JOIN nominee ne ON ne.id = n.nominee_id
       LEFT JOIN category c ON c.id = n.category_id LEFT JOIN person_data_erasure e ON e.nomination_id = n.id
      WHERE n.id = $1`,
    [nominationId],
  );
  if (!head) return null;
  const [consent] = await m.query(
    `SELECT ${PUBLIC_FIELDS.map((f) => `${PUBLIC_FIELD_COLUMNS[f]} AS "${f}"`).join(', ')}, given_at AS "givenAt", withdrawn_at AS "withdrawnAt"
       FROM publication_consent WHERE nomination_id = $1`,
    [nominationId],
  );
  const withdrawals = await m.query(
    `SELECT w.id, w.scope, to_char(w.requested_on, 'YYYY-MM-DD') AS "requestedOn", w.recorded_at AS "recordedAt", u.full_name AS "actorName",
            w.attachment_id AS "attachmentId", a.file_name AS "fileName", w.note
       FROM consent_withdrawal w JOIN app_user u ON u.id = w.actor_id LEFT JOIN attachment a ON a.id = w.attachment_id
      WHERE w.nomination_id = $1 ORDER BY w.recorded_at DESC, w.id DESC`,
    [nominationId],
  );
  const documents = await m.query(
    `SELECT id, kind, file_name AS "fileName" FROM attachment WHERE nomination_id = $1 AND kind IN ('consent_processing', 'consent_publication') ORDER BY created_at, id`,
    [nominationId],
  );
  return {
    id: head.id,
    fullName: head.fullName,
    cycleName: head.cycleName,
    categoryName: head.categoryName,
    status: head.status,
    isWinner: isIn('awarded', head.status),
    erasure: head.erasureReason ? { reason: head.erasureReason, erasedAt: head.erasedAt } : null,
    publication: consent ? { fields: PUBLIC_FIELDS.filter((f) => consent[f]), givenAt: consent.givenAt, withdrawnAt: consent.withdrawnAt } : null,
    withdrawals,
    documents,
  };
}
