import type { EntityManager } from 'typeorm';
import { CertificateTemplate, type CertificateKind } from './certificate.entity';
import { holdersToIssue } from './holders';
import { certificateKindsOf } from './cycle-kinds';
import type { PrintedRecord } from './render';

/** Reading certificates: by verification code (public), per cycle (admin), in batches (bulk downloads). */

export interface CertificateRow extends PrintedRecord {
  id: number;
  cycleId: number;
  seq: number;
  templateId: number;
  issuedAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
  replacedById: number | null;
}

const COLUMNS = `x.id, x.cycle_id AS "cycleId", x.kind, x.seq, x.number, x.code, x.template_id AS "templateId", x.holder_name AS "holderName",
  x.place, x.printed, x.issued_at AS "issuedAt", x.revoked_at AS "revokedAt", x.revoked_reason AS "revokedReason", x.replaced_by_id AS "replacedById"`;

export interface PublicCertificate extends CertificateRow {
  /** the nominee's nomination (winner and nominee certificates): what of them is public is their consent's */
  nominationId: number | null;
  /** its municipality (or the participant's): that municipality's officers get the certificate unmasked */
  municipalityId: number | null;
  cycleName: string;
  cycleSlug: string;
  cycleStatus: string;
  cycleKind: string;
  replacement: { number: string; code: string } | null;
}

/**
 * A certificate by its verification code. Certificates are issued only once a cycle's results are
 * public; while the cycle is unpublished for a correction, the caller shows nothing of it (see
 * public-routes.ts), since publishing again may revoke it.
 */
export async function publicCertificate(m: EntityManager, code: string): Promise<PublicCertificate | null> {
  const rows: PublicCertificate[] = await m.query(
    `SELECT ${COLUMNS}, x.nomination_id AS "nominationId", COALESCE(nn.municipality_id, pp.municipality_id) AS "municipalityId",
            cy.name AS "cycleName", cy.slug AS "cycleSlug", cy.status AS "cycleStatus", cy.kind AS "cycleKind",
            CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object('number', r.number, 'code', r.code) END AS replacement
       FROM certificate x
       JOIN cycle cy ON cy.id = x.cycle_id
       LEFT JOIN nomination nn ON nn.id = x.nomination_id
       LEFT JOIN participant pp ON pp.id = x.participant_id
       LEFT JOIN certificate r ON r.id = x.replaced_by_id
      WHERE x.code = $1`,
    [code],
  );
  return rows[0] ?? null;
}

export interface AdminCertificate extends CertificateRow {
  replacementNumber: string | null;
  categoryName: string | null;
}

/** One page of a cycle's certificates in number order, with the number of all of them. */
export async function cycleCertificates(m: EntityManager, cycleId: number, kind: CertificateKind | undefined, page: number, size: number): Promise<{ rows: AdminCertificate[]; total: number }> {
  const [{ total }]: Array<{ total: number }> = await m.query(`SELECT count(*)::int AS total FROM certificate WHERE cycle_id = $1 AND ($2::text IS NULL OR kind = $2)`, [cycleId, kind ?? null]);
  const rows: AdminCertificate[] = await m.query(
    `SELECT ${COLUMNS}, r.number AS "replacementNumber", c.name AS "categoryName"
       FROM certificate x
       LEFT JOIN certificate r ON r.id = x.replaced_by_id
       LEFT JOIN category c ON c.id = x.category_id
      WHERE x.cycle_id = $1 AND ($2::text IS NULL OR x.kind = $2)
      ORDER BY x.seq
      LIMIT $3 OFFSET $4`,
    [cycleId, kind ?? null, size, (page - 1) * size],
  );
  return { rows, total };
}

export async function certificateById(m: EntityManager, id: number): Promise<AdminCertificate | null> {
  const rows: AdminCertificate[] = await m.query(
    `SELECT ${COLUMNS}, r.number AS "replacementNumber", c.name AS "categoryName"
       FROM certificate x
       LEFT JOIN certificate r ON r.id = x.replaced_by_id
       LEFT JOIN category c ON c.id = x.category_id
      WHERE x.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** The certificates that this one replaced (normally one), for the admin's page. */
export async function replacedBy(m: EntityManager, id: number): Promise<Array<{ id: number; number: string }>> {
  return m.query(`SELECT id, number FROM certificate WHERE replaced_by_id = $1 ORDER BY seq`, [id]);
}

/** Per kind the cycle gives: how many valid certificates there are and how many holders still wait for one. */
export async function issuingSummary(m: EntityManager, cycle: { id: number; kind: string }) {
  const cycleId = cycle.id;
  const counts: Array<{ kind: CertificateKind; valid: number; revoked: number }> = await m.query(
    `SELECT kind, count(*) FILTER (WHERE revoked_at IS NULL)::int AS valid, count(*) FILTER (WHERE revoked_at IS NOT NULL)::int AS revoked
       FROM certificate WHERE cycle_id = $1 GROUP BY kind`,
    [cycleId],
  );
  const summary = [];
  for (const kind of certificateKindsOf(cycle.kind)) {
    const c = counts.find((x) => x.kind === kind);
    summary.push({ kind, valid: c?.valid ?? 0, revoked: c?.revoked ?? 0, waiting: (await holdersToIssue(m, cycleId, kind)).length });
  }
  return summary;
}

/**
 * The valid certificates of a cycle in number order, a batch at a time, so thousands never sit in memory
 * at once. Revoked ones are left out: bulk downloads are for printing and handing out.
 */
export async function* certificateBatches(m: EntityManager, cycleId: number, kind: CertificateKind | undefined, batchSize = 100): AsyncGenerator<CertificateRow[]> {
  let after = 0;
  for (;;) {
    const rows: Array<CertificateRow & { seq: number }> = await m.query(
      `SELECT ${COLUMNS} FROM certificate x
        WHERE x.cycle_id = $1 AND ($2::text IS NULL OR x.kind = $2) AND x.revoked_at IS NULL AND x.seq > $3
        ORDER BY x.seq LIMIT $4`,
      [cycleId, kind ?? null, after, batchSize],
    );
    if (!rows.length) return;
    yield rows;
    after = rows[rows.length - 1].seq;
  }
}

/** A template version with its images, as the renderer needs it. */
export async function templateVersion(m: EntityManager, id: number) {
  return m.createQueryBuilder(CertificateTemplate, 't').addSelect(['t.emblem', 't.background']).where('t.id = :id', { id }).getOne();
}
