import type { NomineeFields } from './drafts';
import type { EntityManager } from 'typeorm';
import type { Translator } from '../web/i18n';
import type { Cell } from '../web/spreadsheet';
import { toLocalInput } from '../web/zoned-time';
import type { NominationStatus } from './nomination.entity';
import { statusIn } from './statuses';

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

/** Where a batch ends in the export's order: the next batch starts after it. */
interface SortKey {
  sortOrder: number;
  categoryName: string;
  municipalityName: string;
  lastName: string;
  firstName: string;
  id: number;
}

/** The export's order as one row value, so a batch can start strictly after the last one (keyset paging). */
const SORT_KEY = `(coalesce(c.sort_order, 2147483647), coalesce(c.name, ''), mu.name, ne.last_name, ne.first_name, n.id)`;

/** rows per batch: a few hundred, since a row can be long (a reason, an institution's full name) */
export const EXPORT_BATCH = 200;

type Keyed = ExportRow & { key: SortKey };

/** One batch of the export: the rows after `after` in the export's order (from the start when null). */
async function batchAfter(m: EntityManager, cycleId: number, after: SortKey | null, size: number): Promise<Keyed[]> {
  return m.query(
    `WITH page AS (
       SELECT n.id, n.nominee_id, n.municipality_id, n.category_id,
              json_build_object('sortOrder', coalesce(c.sort_order, 2147483647), 'categoryName', coalesce(c.name, ''), 'municipalityName', mu.name,
                                'lastName', ne.last_name, 'firstName', ne.first_name, 'id', n.id) AS key,
              ${SORT_KEY} AS position
         FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id JOIN municipality mu ON mu.id = n.municipality_id
         LEFT JOIN category c ON c.id = n.category_id
        WHERE n.cycle_id = $1 AND ${statusIn('lodged')}
          AND ($2::int IS NULL OR ${SORT_KEY} > ($2::int, $3::text, $4::text, $5::text, $6::text, $7::int))
        ORDER BY coalesce(c.sort_order, 2147483647), coalesce(c.name, ''), mu.name, ne.last_name, ne.first_name, n.id
        LIMIT $8)
     SELECT p.id, ne.last_name AS "lastName", ne.first_name AS "firstName", ne.patronymic, ne.position, ne.institution, ne.specialty,
            ne.years_of_practice AS "yearsOfPractice", ne.phone, ne.email, mu.name AS "municipalityName", c.name AS "categoryName",
            n.status, n.status_reason AS "statusReason", n.submitted_at AS "submittedAt", p.key,
            (SELECT count(*)::int FROM attachment a WHERE a.nomination_id = p.id) AS documents
       FROM page p JOIN nomination n ON n.id = p.id JOIN nominee ne ON ne.id = p.nominee_id JOIN municipality mu ON mu.id = p.municipality_id
       LEFT JOIN category c ON c.id = p.category_id
      ORDER BY p.position`,
    [cycleId, after?.sortOrder ?? null, after?.categoryName ?? null, after?.municipalityName ?? null, after?.lastName ?? null, after?.firstName ?? null, after?.id ?? null, size],
  );
}

/**
 * Every nomination of the cycle ever sent (all but drafts), by category, municipality and name, read a
 * batch at a time in keyset order: each batch is one short query, so no pool connection is held while
 * the client downloads, memory holds one batch, and a client who leaves ends the reading (the caller
 * stops iterating) with nothing to release. The first batch is read before this resolves, so a database
 * that fails at the start still gets its error page rather than a broken download.
 */
export async function exportRows(m: EntityManager, cycleId: number, batchSize = EXPORT_BATCH): Promise<AsyncGenerator<ExportRow>> {
  const first = await batchAfter(m, cycleId, null, batchSize);
  return (async function* () {
    for (let batch = first; ; ) {
      for (const { key: _key, ...row } of batch) yield row;
      if (batch.length < batchSize) return;
      batch = await batchAfter(m, cycleId, batch[batch.length - 1].key, batchSize);
    }
  })();
}

const COLUMNS = [
  ['id', 8], ['lastName', 18], ['firstName', 14], ['patronymic', 18], ['position', 28], ['institution', 36], ['specialty', 20], ['yearsOfPractice', 8],
  ['phone', 18], ['email', 26], ['municipality', 22], ['category', 30], ['status', 18], ['reason', 40], ['submittedAt', 18], ['documents', 10],
] as const;

/** The export's column headings in the reader's language, and their widths in characters. */
/** `zone` is the time zone as people name it («московское время»), shown in the submission column's header. */
export function exportHeader(t: Translator, zone: string): { header: string[]; widths: number[] } {
  return {
    header: COLUMNS.map(([key]) => t(`screening.export.columns.${key}`, { zone })),
    widths: COLUMNS.map(([, width]) => width),
  };
}

/**
 * The rows as cells in the reader's language, as they are read. Times are the region's wall clock written
 * as "2026-03-01 09:00" (the zone is named in the header), which Excel reads as a date in any locale.
 */
export async function* exportCells(rows: AsyncIterable<ExportRow>, t: Translator, timeZone: string): AsyncGenerator<Cell[]> {
  for await (const r of rows) {
    yield [
      r.id, r.lastName, r.firstName, r.patronymic, r.position, r.institution, r.specialty, r.yearsOfPractice,
      r.phone, r.email, r.municipalityName, r.categoryName, t(`nominations.status.${r.status}`), r.statusReason,
      r.submittedAt ? toLocalInput(r.submittedAt, timeZone).replace('T', ' ') : '', r.documents,
    ];
  }
}
