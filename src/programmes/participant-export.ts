import type { EntityManager } from 'typeorm';
import type { Translator } from '../web/i18n';
import type { Cell } from '../web/spreadsheet';

/** One participant of a programme as the ministry's spreadsheet lists them. */
export interface ParticipantExportRow {
  id: number;
  trackName: string;
  hostInstitution: string;
  startDate: string;
  endDate: string;
  lastName: string;
  firstName: string;
  patronymic: string;
  position: string;
  institution: string;
  origin: string;
  email: string;
  source: string;
  status: string;
  hoursAttended: number | null;
  outcomeReason: string | null;
}

interface Key {
  sortOrder: number;
  trackId: number;
  lastName: string;
  firstName: string;
  id: number;
}

export const PARTICIPANT_EXPORT_BATCH = 500;

/** The export's order as one row value, so a batch starts strictly after the last one (keyset paging). */
const SORT_KEY = `(t.sort_order, t.id, p.last_name, p.first_name, p.id)`;

async function batchAfter(m: EntityManager, cycleId: number, after: Key | null, size: number): Promise<Array<ParticipantExportRow & { key: Key }>> {
  return m.query(
    `SELECT p.id, t.name AS "trackName", t.host_institution AS "hostInstitution", t.start_date::text AS "startDate", t.end_date::text AS "endDate",
            p.last_name AS "lastName", p.first_name AS "firstName", p.patronymic, p.position, p.institution,
            coalesce(mu.name, p.organisation) AS origin, p.email, p.source, p.status,
            p.hours_attended AS "hoursAttended", p.outcome_reason AS "outcomeReason",
            json_build_object('sortOrder', t.sort_order, 'trackId', t.id, 'lastName', p.last_name, 'firstName', p.first_name, 'id', p.id) AS key
       FROM participant p JOIN track t ON t.id = p.track_id LEFT JOIN municipality mu ON mu.id = p.municipality_id
      WHERE t.cycle_id = $1
        AND ($2::int IS NULL OR ${SORT_KEY} > ($2::int, $3::int, $4::text, $5::text, $6::int))
      ORDER BY t.sort_order, t.id, p.last_name, p.first_name, p.id
      LIMIT $7`,
    [cycleId, after?.sortOrder ?? null, after?.trackId ?? null, after?.lastName ?? null, after?.firstName ?? null, after?.id ?? null, size],
  );
}

/**
 * Every participant of the programme (whatever their status), by track and name, read a batch at a time as
 * the client takes the file (as src/nominations/exports.ts reads nominations): one short query per batch, one
 * batch in memory. The first batch is read before this resolves, so a failing database gets its error page.
 */
export async function participantExportRows(m: EntityManager, cycleId: number, batchSize = PARTICIPANT_EXPORT_BATCH): Promise<AsyncGenerator<ParticipantExportRow>> {
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
  ['track', 30], ['host', 30], ['startDate', 12], ['endDate', 12], ['fullName', 32], ['position', 26], ['institution', 34],
  ['origin', 26], ['email', 28], ['source', 18], ['status', 22], ['hours', 8], ['reason', 40],
] as const;

/** The column headings in the reader's language, and their widths in characters. */
export function participantExportHeader(t: Translator): { header: string[]; widths: number[] } {
  return { header: COLUMNS.map(([key]) => t(`programmeCompletion.export.columns.${key}`)), widths: COLUMNS.map(([, w]) => w) };
}

/** The rows as cells in the reader's language (formulas are neutralised by the writers, src/web/spreadsheet.ts). */
export async function* participantExportCells(rows: AsyncIterable<ParticipantExportRow>, t: Translator): AsyncGenerator<Cell[]> {
  for await (const r of rows) {
    yield [
      r.trackName, r.hostInstitution, r.startDate, r.endDate, [r.lastName, r.firstName, r.patronymic].filter(Boolean).join(' '), r.position, r.institution,
      r.origin, r.email, t(`programmeParticipants.source.${r.source}`), t(`programmeCompletion.status.${r.status}`), r.hoursAttended, r.outcomeReason,
    ];
  }
}
