import type { EntityManager } from 'typeorm';
import { PUBLIC_FIELDS, PUBLIC_FIELD_COLUMNS, isPublicField, type PublicField } from './public-fields';
import { ConsentWithdrawal, type ConsentScope } from './consent-withdrawal.entity';
import { recordAudit } from '../audit/record';
import { publish } from '../domain-events';

/**
 * The one owner of consent state. The consent to processing is a signed document of the nomination (kind
 * consent_processing, required at submission, see nominations/rules.ts); the consent to publication is a
 * publication_consent row saying which fields may be public; a withdrawal is a consent_withdrawal row and, for
 * either scope, ends the publication consent (without processing there is no publishing). Everything here runs
 * in the caller's transaction and is audited without personal data: field names and dates only.
 */

async function cycleOf(m: EntityManager, nominationId: number): Promise<number> {
  const [row] = await m.query(`SELECT cycle_id AS "cycleId" FROM nomination WHERE id = $1`, [nominationId]);
  if (!row) throw new Error(`nomination ${nominationId} does not exist`);
  return row.cycleId;
}

/**
 * Records which fields the nominee allowed to be public (none: no consent, the row goes). A change after a
 * withdrawal is a new consent (the person signed again). Does nothing, audits nothing, when the fields are the
 * ones already in force.
 */
export async function setPublicationConsent(m: EntityManager, nominationId: number, fields: PublicField[], actorId: number): Promise<void> {
  for (const f of fields) if (!isPublicField(f)) throw new Error(`not a public field: ${String(f)}`);
  const wanted = PUBLIC_FIELDS.filter((f) => fields.includes(f));
  const [current] = await m.query(
    `SELECT ${PUBLIC_FIELDS.map((f) => `${PUBLIC_FIELD_COLUMNS[f]} AS "${f}"`).join(', ')}, withdrawn_at AS "withdrawnAt"
       FROM publication_consent WHERE nomination_id = $1 FOR UPDATE`,
    [nominationId],
  );
  // Nothing public is already what "no fields" asks for (a withdrawn consent stays on record as withdrawn).
  const inForce: PublicField[] = current && !current.withdrawnAt ? PUBLIC_FIELDS.filter((f) => current[f]) : [];
  if (inForce.join() === wanted.join()) return;
  if (!wanted.length) {
    await m.query(`DELETE FROM publication_consent WHERE nomination_id = $1`, [nominationId]);
  } else {
    const values = PUBLIC_FIELDS.map((f) => wanted.includes(f));
    await m.query(
      `INSERT INTO publication_consent (nomination_id, ${PUBLIC_FIELDS.map((f) => PUBLIC_FIELD_COLUMNS[f]).join(', ')}, given_at, withdrawn_at, version)
         VALUES ($1, $2, $3, $4, $5, now(), NULL, 1)
       ON CONFLICT (nomination_id) DO UPDATE SET ${PUBLIC_FIELDS.map((f) => `${PUBLIC_FIELD_COLUMNS[f]} = EXCLUDED.${PUBLIC_FIELD_COLUMNS[f]}`).join(', ')},
         given_at = now(), withdrawn_at = NULL, version = publication_consent.version + 1`,
      [nominationId, ...values],
    );
  }
  const cycleId = await cycleOf(m, nominationId);
  await recordAudit(m, { actorId, entity: 'nomination', entityId: nominationId, cycleId, action: 'nomination.publicationConsentSet', data: { fields: wanted } });
  await publish(m, 'consent.publicationChanged', { nominationId, cycleId, actorId, at: new Date() });
}

export interface WithdrawalInput {
  nominationId: number;
  scope: ConsentScope;
  /** the day the person made the request; its calendar date in UTC is kept (an <input type=date> parses to UTC midnight) */
  requestedOn: Date;
  /** the person's written request, a document of the nomination of kind consent_withdrawal */
  attachmentId: number | null;
  note: string;
  actorId: number;
}

/**
 * Records a person's withdrawal of a consent: the withdrawal row, the publication consent ended at once (for
 * either scope), an audit entry with the scope and dates only (the note may name the person, so it stays out
 * of the log), and 'consent.withdrawn' for the public pages and caches. Returns the withdrawal's id.
 */
export async function withdrawConsent(m: EntityManager, input: WithdrawalInput): Promise<number> {
  const cycleId = await cycleOf(m, input.nominationId);
  const requestedOn = input.requestedOn.toISOString().slice(0, 10);
  const at = new Date();
  const saved = await m.save(ConsentWithdrawal, m.create(ConsentWithdrawal, {
    nominationId: input.nominationId, scope: input.scope, requestedOn, actorId: input.actorId, attachmentId: input.attachmentId, note: input.note,
  }));
  await m.query(
    `UPDATE publication_consent SET withdrawn_at = $2, version = version + 1 WHERE nomination_id = $1 AND withdrawn_at IS NULL`,
    [input.nominationId, at],
  );
  await recordAudit(m, {
    actorId: input.actorId, entity: 'nomination', entityId: input.nominationId, cycleId, action: 'nomination.consentWithdrawn',
    data: { scope: input.scope, requestedOn, withdrawalId: saved.id },
  });
  await publish(m, 'consent.withdrawn', { nominationId: input.nominationId, cycleId, scope: input.scope, actorId: input.actorId, at });
  return saved.id;
}
