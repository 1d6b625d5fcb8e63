import type { EntityManager } from 'typeorm';
import { PUBLIC_FIELDS, PUBLIC_FIELD_COLUMNS, type PublicField } from './public-fields';
import type { ConsentScope } from './consent-withdrawal.entity';

/** The two consents of a nomination as its pages show them (the admin's review, the officer's submitted nomination). */
export interface ConsentSummary {
  processing: {
    /** the signed consent is among the documents */
    signed: boolean;
    withdrawn: boolean;
  };
  publication: {
    /** the signed consent to publication is among the documents */
    signed: boolean;
    /** every public field, with whether the nominee allowed it (as given, even if withdrawn since) */
    fields: Array<{ field: PublicField; labelKey: string; allowed: boolean }>;
    /** some field was allowed */
    given: boolean;
    givenAt: Date | null;
    withdrawnAt: Date | null;
    /** allowed now (given, not withdrawn) and which */
    inForce: boolean;
    allowedNow: string[];
  };
  /** requestedOn: the calendar day, as noon UTC so every Russian time zone shows that day */
  withdrawals: Array<{ id: number; scope: ConsentScope; scopeKey: string; requestedOn: Date; recordedAt: Date; hasRequest: boolean }>;
}

export async function consentSummary(m: EntityManager, nominationId: number): Promise<ConsentSummary> {
  const kinds: Array<{ kind: string }> = await m.query(
    `SELECT DISTINCT kind FROM attachment WHERE nomination_id = $1 AND kind IN ('consent_processing', 'consent_publication')`,
    [nominationId],
  );
  const [consent] = await m.query(
    `SELECT ${PUBLIC_FIELDS.map((f) => `${PUBLIC_FIELD_COLUMNS[f]} AS "${f}"`).join(', ')}, given_at AS "givenAt", withdrawn_at AS "withdrawnAt"
       FROM publication_consent WHERE nomination_id = $1`,
    [nominationId],
  );
  const withdrawals: Array<{ id: number; scope: ConsentScope; requestedOn: string; recordedAt: Date; attachmentId: number | null }> = await m.query(
    `SELECT id, scope, to_char(requested_on, 'YYYY-MM-DD') AS "requestedOn", recorded_at AS "recordedAt", attachment_id AS "attachmentId"
       FROM consent_withdrawal WHERE nomination_id = $1 ORDER BY recorded_at, id`,
    [nominationId],
  );
  const fields = PUBLIC_FIELDS.map((field) => ({ field, labelKey: `consent.fields.${field}`, allowed: !!consent?.[field] }));
  const given = fields.some((f) => f.allowed);
  const inForce = given && !consent?.withdrawnAt;
  return {
    processing: { signed: kinds.some((k) => k.kind === 'consent_processing'), withdrawn: withdrawals.some((w) => w.scope === 'processing') },
    publication: {
      signed: kinds.some((k) => k.kind === 'consent_publication'),
      fields,
      given,
      givenAt: consent?.givenAt ?? null,
      withdrawnAt: consent?.withdrawnAt ?? null,
      inForce,
      allowedNow: inForce ? fields.filter((f) => f.allowed).map((f) => f.labelKey) : [],
    },
    withdrawals: withdrawals.map((w) => ({ id: w.id, scope: w.scope, scopeKey: `consent.scopes.${w.scope}`, requestedOn: new Date(`${w.requestedOn}T12:00:00Z`), recordedAt: w.recordedAt, hasRequest: w.attachmentId !== null })),
  };
}

/** The printable consent forms of a nomination, prefilled with its nominee (consent-form-routes.ts), for the officer or the admin. */
export const consentFormLinks = (nominationId: number, area: 'officer' | 'admin' = 'officer') => ({
  processing: `/${area}/nominations/${nominationId}/consent-forms/processing.pdf`,
  publication: `/${area}/nominations/${nominationId}/consent-forms/publication.pdf`,
});
