import type { EntityManager } from 'typeorm';
import type { Translator } from '../web/i18n';
import type { Cell } from '../web/spreadsheet';
import { toLocalInput } from '../web/zoned-time';
import type { RegistrationStatus } from './registration-statuses';

/**
 * An event's participant list as the organisers' spreadsheet (CSV or XLSX): every registration, whatever its
 * status, in number order (those without a number yet last). Read a batch at a time in keyset order, so no
 * connection is held while the client downloads and memory holds one batch (as the nominations export).
 */

export interface ListRow {
  id: number;
  number: number | null;
  status: RegistrationStatus;
  participantType: string;
  lastName: string;
  firstName: string;
  patronymic: string;
  email: string;
  phone: string;
  organisation: string;
  position: string;
  specialty: string;
  region: string;
  municipality: string;
  createdAt: Date;
  confirmedAt: Date | null;
  checkedInAt: Date | null;
}

export const LIST_BATCH = 200;
/** the order as one row value: numbered first, by number; then the rest by id */
const SORT_KEY = `(coalesce(r.number, 2147483647), r.id)`;

async function batchAfter(m: EntityManager, eventId: number, after: ListRow | null, size: number): Promise<ListRow[]> {
  return m.query(
    `SELECT r.id, r.number, r.status, r.participant_type AS "participantType", r.last_name AS "lastName", r.first_name AS "firstName", r.patronymic,
            r.email, r.phone, r.organisation, r.position, r.specialty, r.region, coalesce(mu.name, r.municipality_text) AS municipality,
            r.created_at AS "createdAt", r.confirmed_at AS "confirmedAt", r.checked_in_at AS "checkedInAt"
       FROM registration r LEFT JOIN municipality mu ON mu.id = r.municipality_id
      WHERE r.event_id = $1 AND ($2::int IS NULL OR ${SORT_KEY} > ($2::int, $3::int))
      ORDER BY coalesce(r.number, 2147483647), r.id
      LIMIT $4`,
    [eventId, after ? (after.number ?? 2147483647) : null, after?.id ?? null, size],
  );
}

/** The rows, a batch at a time; the first batch is read before this resolves (a failing database gets its error page). */
export async function listRows(m: EntityManager, eventId: number, batchSize = LIST_BATCH): Promise<AsyncGenerator<ListRow>> {
  const first = await batchAfter(m, eventId, null, batchSize);
  return (async function* () {
    for (let batch = first; ; ) {
      yield* batch;
      if (batch.length < batchSize) return;
      batch = await batchAfter(m, eventId, batch[batch.length - 1], batchSize);
    }
  })();
}

const COLUMNS = [
  ['number', 7], ['status', 22], ['type', 16], ['lastName', 18], ['firstName', 14], ['patronymic', 18], ['email', 28], ['phone', 18],
  ['organisation', 34], ['position', 26], ['specialty', 22], ['region', 24], ['municipality', 22], ['registeredAt', 18], ['confirmedAt', 18], ['checkedInAt', 18],
] as const;

/** The column headings in the reader's language (times name the zone), and their widths in characters. */
export function listHeader(t: Translator, zone: string): { header: string[]; widths: number[] } {
  return { header: COLUMNS.map(([key]) => t(`eventsAfter.export.columns.${key}`, { zone })), widths: COLUMNS.map(([, w]) => w) };
}

/** Times as the region's wall clock «2026-12-05 09:00», which spreadsheets read as dates in any locale. */
export async function* listCells(rows: AsyncIterable<ListRow>, t: Translator, timeZone: string): AsyncGenerator<Cell[]> {
  const at = (d: Date | null) => (d ? toLocalInput(new Date(d), timeZone).replace('T', ' ') : '');
  for await (const r of rows) {
    yield [
      r.number, t(`eventsAfter.status.${r.status}`), t(`eventsAfter.types.${r.participantType}`), r.lastName, r.firstName, r.patronymic, r.email, r.phone,
      r.organisation, r.position, r.specialty, r.region, r.municipality, at(r.createdAt), at(r.confirmedAt), at(r.checkedInAt),
    ];
  }
}
