import { subscribeInTransaction } from '../../domain-events/bus';
import { mailUser } from '../outbox';
import { activeOfficers, cycleHead, groupBy, idsKey } from './audience';
import { pdfUrl, verifyPath } from '../../certificates/view-models';

/**
 * The officers' message when winners' diplomas are issued (at the publication of the results, or by the
 * admin's action): the public verification and download links of each of their municipality's diplomas,
 * one letter per officer per issuing action.
 */

interface Diploma {
  id: number;
  number: string;
  code: string;
  holderName: string;
  categoryName: string | null;
  place: number | null;
  municipalityId: number;
}

subscribeInTransaction('certificates.issued', async (e, m) => {
  // winners' diplomas only: they are what the officer hands over; juror letters and participation certificates are not announced
  if (e.kind !== 'winner') return;
  const cycle = await cycleHead(m, e.cycleId);
  const diplomas: Diploma[] = await m.query(
    `SELECT x.id, x.number, x.code, x.holder_name AS "holderName", k.name AS "categoryName", x.place, n.municipality_id AS "municipalityId"
       FROM certificate x JOIN nomination n ON n.id = x.nomination_id LEFT JOIN category k ON k.id = x.category_id
      WHERE x.id = ANY($1::int[]) AND x.revoked_at IS NULL
      ORDER BY k.sort_order, x.place NULLS LAST, x.seq`,
    [e.certificates.map((c) => c.id)],
  );
  if (!cycle || !diplomas.length) return;
  const byMunicipality = groupBy(diplomas, (d) => d.municipalityId);
  const officers = await activeOfficers(m, [...byMunicipality.keys()]);
  for (const [municipalityId, theirs] of byMunicipality) {
    for (const officerId of officers.get(municipalityId) ?? []) {
      await mailUser(m, officerId, {
        kind: 'certificate_issued',
        idempotencyKey: `certificate_issued:officer:${officerId}:certificates:${idsKey(theirs.map((d) => d.id))}`,
        cycleId: e.cycleId,
        data: {
          cycleName: cycle.name,
          count: theirs.length,
          diplomas: theirs.map((d) => ({
            holderName: d.holderName, categoryName: d.categoryName, place: d.place, number: d.number,
            lineKey: `mail.certificate_issued.${d.place ? 'line' : 'lineNoPlace'}`, verifyPath: verifyPath(d.code), pdfPath: pdfUrl(d.code),
          })),
        },
      });
    }
  }
});
