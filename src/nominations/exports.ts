import type { NomineeFields } from './drafts';
import type { EntityManager } from 'typeorm';
import type { Translator } from '../web/i18n';
import type { Cell } from '../web/spreadsheet';
import { toLocalInput } from '../web/zoned-time';
import type { NominationStatus } from './nomination.entity';

/** One nomination of a cycle as the organizing committee's spreadsheet lists it. */
export interface ExportRow extends NomineeFields {
  id: number;
  municipalityName: string;
  categoryName: string | null;
  status: NominationStatus;
  statusReason: string | null;
  submittedAt: Date | null;
  documents: number;
}

/** Every nomination of the cycle except drafts, by category, municipality and name. */
export async function exportRows(m: EntityManager, cycleId: number): Promise<ExportRow[]> {
  return m.query(
    `SELECT n.id, ne.last_name AS "lastName", ne.first_name AS "firstName", ne.patronymic, ne.position, ne.institution, ne.specialty,
            ne.years_of_practice AS "yearsOfPractice", ne.phone, ne.email, mu.name AS "municipalityName", c.name AS "categoryName",
            n.status, n.status_reason AS "statusReason", n.submitted_at AS "submittedAt",
            (SELECT count(*)::int FROM attachment a WHERE a.nomination_id = n.id) AS documents
       FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id JOIN municipality mu ON mu.id = n.municipality_id
       LEFT JOIN category c ON c.id = n.category_id
      WHERE n.cycle_id = $1 AND n.status <> 'draft'
      ORDER BY c.sort_order NULLS LAST, c.name, mu.name, ne.last_name, ne.first_name, n.id`,
    [cycleId],
  );
}

const COLUMNS = [
  ['id', 8], ['lastName', 18], ['firstName', 14], ['patronymic', 18], ['position', 28], ['institution', 36], ['specialty', 20], ['yearsOfPractice', 8],
  ['phone', 18], ['email', 26], ['municipality', 22], ['category', 30], ['status', 18], ['reason', 40], ['submittedAt', 18], ['documents', 10],
] as const;

/**
 * The rows as a table in the reader's language. Times are the region's wall clock written as
 * "2026-03-01 09:00" (the zone is named in the header), which Excel reads as a date in any locale.
 */
export function exportTable(rows: ExportRow[], t: Translator, timeZone: string): { header: string[]; rows: Cell[][]; widths: number[] } {
  return {
    header: COLUMNS.map(([key]) => t(`screening.export.columns.${key}`, { zone: timeZone })),
    widths: COLUMNS.map(([, width]) => width),
    rows: rows.map((r) => [
      r.id, r.lastName, r.firstName, r.patronymic, r.position, r.institution, r.specialty, r.yearsOfPractice,
      r.phone, r.email, r.municipalityName, r.categoryName, t(`nominations.status.${r.status}`), r.statusReason,
      r.submittedAt ? toLocalInput(r.submittedAt, timeZone).replace('T', ' ') : '', r.documents,
    ]),
  };
}
